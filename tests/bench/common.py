"""common.py -- what the benchmark scripts share: the paths, their own mail servers, a release build.

Benchmarks run their own servers (ports 50000+: clear of the test stack, base 20000, and the
extra servers it starts at base + 1000 to + 4999), so tests that stop and start the test stack's
servers cannot disturb a measurement, and a measurement cannot slow the tests.
"""
import os, shutil, subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
STACK = os.environ.get("POCHTA_BENCH_MAILSTACK_DIR", "/tmp/pochta-bench-mailstack")
os.environ.setdefault("POCHTA_MAILSTACK_PORT_BASE", "50000")
POCHTA = os.path.join(ROOT, "target", "release", "pochta")


def sh(*args, **kw):
    return subprocess.run(args, check=True, **kw)


def prepare(peer_packages=()):
    """Installs what is missing (the project's packages, then each (program, Debian package) the
    peer tool needs), starts the benchmark's servers and builds Pochta for release."""
    sh("bash", os.path.join(ROOT, "packaging/system-packages"), "build", "test")
    for program, package in peer_packages:
        if not shutil.which(program):
            sh("apt-get", "install", "-y", "-q", package, stdout=subprocess.DEVNULL)
    sh("bash", os.path.join(ROOT, "tests/mailstack/start.sh"), STACK, stdout=subprocess.DEVNULL)
    sh("cargo", "build", "--release", "--quiet", cwd=ROOT)


def stack_env():
    """The servers' ports, CA and users (the stack's env file), quotes removed."""
    env = {}
    for line in open(os.path.join(STACK, "env")):
        if "=" in line:
            k, v = line.strip().split("=", 1)
            env[k] = v.strip('"')
    return env


def add_imaps_account(profile, user, env):
    """Adds harness user `user` to `profile` as an IMAPS account (the stack's CA, its password by
    command), as the GUI benchmarks' first step."""
    sh(POCHTA, "--profile", profile, "account", "add", "--email", f"{user}@example.test", "--login", user,
       "--protocol", "imap", "--incoming", f"localhost:{env['MAILSTACK_IMAPS_PORT']}",
       "--incoming-security", "ssl", "--smtp", f"localhost:{env['MAILSTACK_SMTPS_PORT']}",
       "--smtp-security", "ssl", "--ca-file", env["MAILSTACK_CA"], "--password-command",
       f"echo {user}pass", stderr=subprocess.DEVNULL)
