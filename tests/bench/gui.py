#!/usr/bin/env python3
"""gui.py -- the main window over a 100,000-message cached folder (not a timed test).

Prints what tests/bench/gui.rs measures against the GUI issue's targets: first rows < 100 ms after
selecting the folder, first frame < 500 ms, peak memory < 200 MB; and (issue 15) an 8 MB plain-text
and a 5 MB HTML letter opened in the reader: longest update/view < 16 ms, first text < 300 ms, peak
memory < 150 MB, memory after leaving within 20 MB of before.

  tests/bench/gui.py [--messages N]

Fills the harness user u148 (reused when it already holds N messages), syncs headers into a fresh
profile with a release build, then runs `cargo bench --bench gui` on that profile.
"""
import argparse, os, subprocess, sys, tempfile, shutil

from common import POCHTA, ROOT, STACK, add_imaps_account, prepare, sh, stack_env
USER = "u148"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=100_000)
    args = ap.parse_args()
    prepare()
    env = stack_env()
    cur = os.path.join(STACK, "mail", USER, "Maildir", "cur")
    have = len(os.listdir(cur)) if os.path.isdir(cur) else 0
    if have != args.messages:
        sh("python3", os.path.join(ROOT, "tests/mailstack/populate.py"), STACK, "-u", USER, "-n",
           str(args.messages), "--no-folders", "--reset", stdout=subprocess.DEVNULL)
    work = tempfile.mkdtemp(prefix="pochta-gui-bench-")
    profile = os.path.join(work, "profile")
    add_imaps_account(profile, USER, env)
    sh(POCHTA, "--profile", profile, "sync", "--headers-only", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    sh("cargo", "bench", "--quiet", "--bench", "gui", "--", profile, cwd=ROOT)
    # Issue 22: the picture-bomb letter open in the reader, in a process of its own.
    sh("cargo", "bench", "--quiet", "--bench", "gui", "--", "--image-bomb", cwd=ROOT)
    sh("cargo", "bench", "--quiet", "--bench", "gui", "--", "--huge-letter", cwd=ROOT)
    # Issue 15: an 8 MB plain-text and a 5 MB HTML letter opened as the window opens them, with
    # the malloc tunable the window runs itself with (src/main.rs, give_memory_back).
    window_env = dict(os.environ, GLIBC_TUNABLES="glibc.malloc.mmap_threshold=131072")
    for kind in ("plain", "html"):
        sh("cargo", "bench", "--quiet", "--bench", "gui", "--", "--big-letter", kind, cwd=ROOT, env=window_env)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
