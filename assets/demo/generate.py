#!/usr/bin/env python3
"""Writes Pochta's demo mailbox: NN-name.eml files (RFC 5322, CRLF) and folders.toml.

Every letter, person and company here is invented for the project; domains are under .example
(RFC 2606). Run from anywhere: `python3 assets/demo/generate.py`. The output is committed, so the
app and the tests never need Python; rerun after editing a letter.
"""

import pathlib
import sys

sys.dont_write_bytecode = True  # keep __pycache__ out of assets/

import binaries  # noqa: E402
from letters_en import english_letters  # noqa: E402
from letters_ru import russian_letters  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent
FOLDERS = [("INBOX", "inbox"), ("Sent", "sent"), ("Archive", "archive"), ("Работа", None)]


def main():
    letters = sorted(english_letters() + russian_letters(binaries), key=lambda letter: letter["file"])
    for old in HERE.glob("*.eml"):
        old.unlink()
    for letter in letters:
        (HERE / letter["file"]).write_bytes(letter["raw"])
    (HERE / "folders.toml").write_text(folders_toml(letters), encoding="utf-8")
    total = sum(len(letter["raw"]) for letter in letters)
    print(f"{len(letters)} letters, {total} bytes")


def folders_toml(letters):
    out = [
        "# Where each demo letter goes and which flags it carries (written by generate.py).",
        "# `pochta --demo` creates these folders in a local account and files the letters accordingly.",
        "",
    ]
    for name, role in FOLDERS:
        out += ["[[folder]]", f'name = "{name}"'] + ([f'role = "{role}"'] if role else []) + [""]
    for letter in letters:
        flags = ", ".join(f'"\\\\{flag}"' for flag in letter["flags"])
        out += ["[[message]]", f'file = "{letter["file"]}"', f'folder = "{letter["folder"]}"', f"flags = [{flags}]", ""]
    return "\n".join(out)


if __name__ == "__main__":
    main()
