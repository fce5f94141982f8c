#!/usr/bin/env python3
"""imap_sync.py -- Pochta's IMAP sync against mbsync (isync) on the same Dovecot, in one run.

Not a timed test: a benchmark that prints what it measured and the ratios the IMAP sync issue
sets as targets:
  full mirror (headers + bodies) of 10,000 messages   Pochta <= 0.5 x mbsync
  no-change resync of a 100,000-message folder         Pochta >= 10 x faster than mbsync
  newest 500 headers of a 100,000-message INBOX        in the cache <= 1 s after the sync starts
  peak memory of the 100,000-message sync             < 200 MB

  tests/bench/imap_sync.py [--small N] [--large N] [--runs K]

Uses the harness (tests/mailstack) and a release build of pochta. Median of K runs each.
"""
import argparse, os, shutil, sqlite3, statistics, subprocess, sys, tempfile, time

from common import POCHTA, ROOT, STACK, prepare, sh, stack_env


def populate(user, n):
    """Fills the user's INBOX with n messages (kept when a previous run left exactly that)."""
    cur = os.path.join(STACK, "mail", user, "Maildir", "cur")
    if os.path.isdir(cur) and len(os.listdir(cur)) == n and not os.listdir(os.path.join(STACK, "mail", user, "Maildir", "new")):
        return
    sh("python3", os.path.join(ROOT, "tests/mailstack/populate.py"), STACK, "-u", user, "-n", str(n),
       "--no-folders", "--reset", stdout=subprocess.DEVNULL)


def timed(cmd, env=None):
    """Wall time and peak RSS (MB) of a command, via GNU time."""
    t0 = time.monotonic()
    out = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, capture_output=True, text=True, env=env)
    wall = time.monotonic() - t0
    if out.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{out.stdout}\n{out.stderr}")
    rss_kb = int(out.stderr.strip().splitlines()[-1])
    return wall, rss_kb / 1024


def mbsync_config(user, workdir, env):
    maildir = os.path.join(workdir, "mbsync-" + user)
    os.makedirs(maildir, exist_ok=True)
    conf = os.path.join(workdir, f"mbsyncrc-{user}")
    with open(conf, "w") as f:
        f.write(f"""IMAPAccount bench
Host localhost
Port {env['MAILSTACK_IMAPS_PORT']}
User {user}
Pass {user}pass
SSLType IMAPS
CertificateFile {env['MAILSTACK_CA']}

IMAPStore remote
Account bench

MaildirStore local
Path {maildir}/
Inbox {maildir}/INBOX

Channel bench
Far :remote:
Near :local:
Patterns *
Create Near
Sync Pull
SyncState *
""")
    return conf, maildir


def pochta_profile(user, workdir, env):
    profile = os.path.join(workdir, "pochta-" + user)
    shutil.rmtree(profile, ignore_errors=True)
    sh(POCHTA, "--profile", profile, "account", "add", "--email", f"{user}@example.test", "--login", user,
       "--protocol", "imap", "--incoming", f"localhost:{env['MAILSTACK_IMAPS_PORT']}", "--incoming-security", "ssl",
       "--smtp", f"localhost:{env['MAILSTACK_SMTPS_PORT']}", "--smtp-security", "ssl", "--ca-file",
       env["MAILSTACK_CA"], "--password-command", f"echo {user}pass", stderr=subprocess.DEVNULL)
    return profile


def pochta_sync(profile, user):
    return timed([POCHTA, "--profile", profile, "sync", "--account", f"{user}@example.test"])


def mbsync(conf):
    return timed(["mbsync", "-q", "-c", conf, "-a"])


def first_rows_latency(profile, user, want=500):
    """Seconds from starting a first sync until the newest `want` headers are in the cache."""
    db = os.path.join(profile, "data", "pochta.sqlite3")
    t0 = time.monotonic()
    proc = subprocess.Popen([POCHTA, "--profile", profile, "sync", "--account", f"{user}@example.test"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    latency = None
    while proc.poll() is None and latency is None:
        try:
            con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)
            n = con.execute("SELECT count(*) FROM messages").fetchone()[0]
            con.close()
            if n >= want:
                latency = time.monotonic() - t0
        except sqlite3.Error:
            pass
        time.sleep(0.01)
    proc.wait()
    return latency


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--small", type=int, default=10_000)
    ap.add_argument("--large", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    prepare([("mbsync", "isync"), ("/usr/bin/time", "time")])
    env = stack_env()
    work = tempfile.mkdtemp(prefix="pochta-bench-")
    results = {}

    # 1. Full mirror of the small mailbox, fresh each run.
    populate("u149", args.small)
    size_mb = int(subprocess.run(["du", "-sm", os.path.join(STACK, "mail/u149/Maildir")], capture_output=True,
                                 text=True).stdout.split()[0])
    p_times, m_times = [], []
    for _ in range(args.runs):
        conf, maildir = mbsync_config("u149", work, env)
        shutil.rmtree(maildir, ignore_errors=True)
        for f in os.listdir(work):
            if f.startswith(".mbsyncstate") or f.endswith(".journal"):
                os.remove(os.path.join(work, f))
        conf, maildir = mbsync_config("u149", work, env)
        m_times.append(mbsync(conf)[0])
        profile = pochta_profile("u149", work, env)
        p_times.append(pochta_sync(profile, "u149")[0])
    results["full_mirror"] = (statistics.median(p_times), statistics.median(m_times))
    p, m = results["full_mirror"]
    print(f"full mirror of {args.small} messages ({size_mb} MB): pochta {p:.2f} s, mbsync {m:.2f} s, "
          f"ratio {p / m:.2f} (target <= 0.5)", flush=True)

    # 2-4. The large folder: first-rows latency and peak memory of the first sync, then resyncs.
    populate("u150", args.large)
    profile = pochta_profile("u150", work, env)
    latency = first_rows_latency(profile, "u150")
    profile = pochta_profile("u150", work, env)
    wall_large, rss_large = pochta_sync(profile, "u150")
    conf, _ = mbsync_config("u150", work, env)
    mbsync(conf)
    p_resync = statistics.median(pochta_sync(profile, "u150")[0] for _ in range(args.runs))
    m_resync = statistics.median(mbsync(conf)[0] for _ in range(args.runs))
    results["resync"] = (p_resync, m_resync)

    print(f"no-change resync of {args.large} messages: pochta {p_resync:.3f} s, mbsync {m_resync:.3f} s, "
          f"pochta is {m_resync / p_resync:.1f}x faster (target >= 10)")
    print(f"newest 500 headers of a {args.large}-message INBOX in the cache after {latency:.2f} s (target <= 1)"
          if latency is not None else "newest 500 headers: not measured (sync ended first)")
    print(f"first sync of {args.large} messages: {wall_large:.1f} s, peak memory {rss_large:.0f} MB (target < 200)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
