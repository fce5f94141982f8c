#!/usr/bin/env python3
"""pop3_sync.py -- Pochta's POP3 download-and-delete against mpop on the same Dovecot, in one run.

Not a timed test: a benchmark that prints what it measured and the ratio the POP3 issue sets:
  download-and-delete of a 10,000-message maildrop over POP3S   Pochta <= 0.6 x mpop

  tests/bench/pop3_sync.py [-n N] [--runs K]

Each run refills the maildrop with the same messages (populate.py, fixed seed), then one tool
downloads everything and deletes it on the server. Both keep every message durably before
deleting it (mpop fsyncs each delivered file; Pochta commits batches with synchronous=FULL).
Uses the harness (tests/mailstack) and a release build of pochta. Median of K runs each.
"""
import argparse, os, shutil, statistics, subprocess, sys, tempfile, time

from common import POCHTA, ROOT, STACK, prepare, sh, stack_env
USER = "u146"


def refill(n):
    sh("python3", os.path.join(ROOT, "tests/mailstack/populate.py"), STACK, "-u", USER, "-n", str(n),
       "--no-folders", "--reset", "--seed", "1", stdout=subprocess.DEVNULL)


def maildrop_count():
    maildir = os.path.join(STACK, "mail", USER, "Maildir")
    return sum(len(os.listdir(os.path.join(maildir, sub))) for sub in ("cur", "new"))


def timed(cmd):
    t0 = time.monotonic()
    out = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.monotonic() - t0
    if out.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{out.stdout}\n{out.stderr}")
    return wall


def mpop_run(work, env):
    maildir = os.path.join(work, "mpop-maildir")
    shutil.rmtree(maildir, ignore_errors=True)
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(maildir, sub))
    uidls = os.path.join(work, "mpop-uidls")
    if os.path.exists(uidls):
        os.remove(uidls)
    conf = os.path.join(work, "mpoprc")
    with open(conf, "w") as f:
        f.write(f"""defaults
tls on
tls_starttls off
tls_trust_file {env['MAILSTACK_CA']}
pipelining auto
keep off
received_header off

account bench
host localhost
port {env['MAILSTACK_POP3S_PORT']}
user {USER}
password {USER}pass
auth user
delivery maildir {maildir}
uidls_file {uidls}
""")
    os.chmod(conf, 0o600)
    wall = timed(["mpop", "-q", "-C", conf, "bench"])
    got = sum(len(os.listdir(os.path.join(maildir, sub))) for sub in ("cur", "new"))
    return wall, got


def pochta_run(work, env):
    profile = os.path.join(work, "pochta")
    shutil.rmtree(profile, ignore_errors=True)
    sh(POCHTA, "--profile", profile, "account", "add", "--email", f"{USER}@example.test", "--login", USER,
       "--protocol", "pop3", "--incoming", f"localhost:{env['MAILSTACK_POP3S_PORT']}", "--incoming-security", "ssl",
       "--smtp", f"localhost:{env['MAILSTACK_SMTPS_PORT']}", "--smtp-security", "ssl", "--ca-file",
       env["MAILSTACK_CA"], "--password-command", f"echo {USER}pass", stderr=subprocess.DEVNULL)
    wall = timed([POCHTA, "--profile", profile, "sync", "--account", f"{USER}@example.test"])
    import sqlite3
    con = sqlite3.connect(os.path.join(profile, "data", "pochta.sqlite3"))
    got = con.execute("SELECT count(*) FROM bodies").fetchone()[0]
    con.close()
    return wall, got


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    prepare([("mpop", "mpop")])
    env = stack_env()
    work = tempfile.mkdtemp(prefix="pochta-pop3-bench-")
    refill(args.n)
    size_mb = int(subprocess.run(["du", "-sm", os.path.join(STACK, "mail", USER, "Maildir")], capture_output=True,
                                 text=True).stdout.split()[0])
    p_times, m_times = [], []
    for _ in range(args.runs):
        for name, run, times in (("mpop", mpop_run, m_times), ("pochta", pochta_run, p_times)):
            refill(args.n)
            wall, got = run(work, env)
            if got != args.n or maildrop_count() != 0:
                sys.exit(f"{name} stored {got} of {args.n} messages and left {maildrop_count()} on the server")
            times.append(wall)
    p, m = statistics.median(p_times), statistics.median(m_times)
    print(f"download-and-delete of {args.n} messages ({size_mb} MB on disk) over POP3S: "
          f"pochta {p:.2f} s, mpop {m:.2f} s, ratio {p / m:.2f} (target <= 0.6)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
