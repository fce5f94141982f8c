#!/usr/bin/env python3
"""window_batch.py -- the window during a first sync, and the folder tree at any size (not a timed test).

Prints what tests/bench/window_batch.rs measures against the engine-seam issue's targets:
  * while a 10,000-message first sync runs, 1,000 selected messages are marked read and moved to
    Trash: each batch committed in < 100 ms, no `update` or `view` call over 16 ms;
  * the folder tree's query at 100,000 and 500,000 messages: the same, under 5 ms.

  tests/bench/window_batch.py [--messages N] [--tree 100000,500000]

Fills the harness user u149 (reused when it already holds N messages); the folder-tree profiles are
local folders filled by `pochta import mbox` from a generated mbox (small English and Russian letters).
"""
import argparse, os, subprocess, sys, tempfile, shutil

from common import POCHTA, ROOT, STACK, add_imaps_account, prepare, sh, stack_env
USER = "u149"


def mbox(path, count):
    with open(path, "w", encoding="utf-8") as out:
        for n in range(count):
            subject = f"Отчёт {n}" if n % 2 else f"Report {n}"
            out.write(f"From sender{n % 97}@example.org Mon Dec  7 10:00:00 2026\n"
                      f"From: sender{n % 97}@example.org\nTo: me@example.org\nSubject: {subject}\n"
                      f"Message-ID: <{n}@bench.example.org>\nDate: Mon, 7 Dec 2026 10:00:00 +0000\n"
                      f"Content-Type: text/plain; charset=utf-8\n\nLetter {n}. Письмо номер {n}.\n\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=10_000)
    ap.add_argument("--tree", default="100000,500000")
    args = ap.parse_args()
    prepare()
    env = stack_env()
    sh("cargo", "build", "--release", "--quiet", "--bench", "window_batch", cwd=ROOT)
    cur = os.path.join(STACK, "mail", USER, "Maildir", "cur")
    have = len(os.listdir(cur)) if os.path.isdir(cur) else 0
    if have != args.messages:
        sh("python3", os.path.join(ROOT, "tests/mailstack/populate.py"), STACK, "-u", USER, "-n",
           str(args.messages), "--no-folders", "--reset", stdout=subprocess.DEVNULL)
    work = tempfile.mkdtemp(prefix="pochta-window-bench-")
    profile = os.path.join(work, "profile")
    add_imaps_account(profile, USER, env)
    sh("cargo", "bench", "--quiet", "--bench", "window_batch", "--", profile, f"{USER}@example.test", cwd=ROOT)

    trees = []
    for size in [int(s) for s in args.tree.split(",") if s]:
        tree = os.path.join(work, f"tree-{size}")
        source = os.path.join(work, f"bench-{size}.mbox")
        mbox(source, size)
        sh(POCHTA, "--profile", tree, "import", "mbox", source, "--folder", "Bench",
           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.remove(source)
        trees.append(tree)
    if trees:
        sh("cargo", "bench", "--quiet", "--bench", "window_batch", "--", "--folders", *trees, cwd=ROOT)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
