#!/usr/bin/env python3
"""imap-client.py -- "another client" for the tests against servers that have no doveadm (Cyrus,
Courier): reads and changes a user's mail over IMAP (STARTTLS, the harness CA), the way a second
mail program would, so Pochta sees server-side changes made by a real peer.

usage: imap-client.py --port P --ca CA.pem --user U --password PW COMMAND [ARGS]
  state                      every folder (UTF-8 names as listed, "." kept) with UID -> flags, as JSON
  wipe                       empties every folder and deletes those not in --keep (INBOX always kept)
  append FOLDER [FLAGS]      stores the message read from stdin (FLAGS like "\\Seen \\Flagged")
  store FOLDER UIDS +|- FLAGS   adds or removes flags
  expunge FOLDER UIDS        removes messages (\\Deleted, then UID EXPUNGE)
  create FOLDER | delete FOLDER
Folder names are given and printed in UTF-8; this script encodes them as RFC 3501 5.1.3's
modified UTF-7 on the wire.
"""
import argparse
import base64
import imaplib
import json
import re
import ssl
import sys


def encode_mutf7(name):
    out, pending = [], []

    def flush():
        if pending:
            raw = "".join(pending).encode("utf-16-be")
            out.append("&" + base64.b64encode(raw).decode().rstrip("=").replace("/", ",") + "-")
            pending.clear()

    for ch in name:
        if 0x20 <= ord(ch) <= 0x7E:
            flush()
            out.append("&-" if ch == "&" else ch)
        else:
            pending.append(ch)
    flush()
    return "".join(out)


def decode_mutf7(name):
    def part(match):
        body = match.group(1)
        if not body:
            return "&"
        body = body.replace(",", "/")
        return base64.b64decode(body + "=" * (-len(body) % 4)).decode("utf-16-be")

    return re.sub(r"&([^-]*)-", part, name)


def quote(name):
    return '"' + encode_mutf7(name).replace("\\", "\\\\").replace('"', '\\"') + '"'


LIST_LINE = re.compile(rb'\((?P<attrs>[^)]*)\) (?:"(?P<delim>[^"]*)"|NIL) (?P<name>.*)$')


def folders(imap):
    typ, lines = imap.list('""', "*")
    assert typ == "OK", lines
    result = []
    for line in lines:
        if isinstance(line, tuple):  # a literal name
            attrs_part, name = line
            match = LIST_LINE.match(attrs_part.rstrip() + b" x")
            name = name.decode()
        else:
            match = LIST_LINE.match(line)
            name = match.group("name").decode()
            if name.startswith('"'):
                name = name[1:-1].replace('\\"', '"').replace("\\\\", "\\")
        attrs = match.group("attrs").decode().lower()
        result.append((decode_mutf7(name), "\\noselect" in attrs or "\\nonexistent" in attrs))
    return result


def select(imap, folder):
    typ, data = imap.select(quote(folder))
    assert typ == "OK", (folder, data)


def uid_flags(imap):
    typ, lines = imap.uid("FETCH", "1:*", "(FLAGS)")
    assert typ == "OK", lines
    messages = {}
    for line in lines:
        if not line:
            continue
        uid = re.search(rb"UID (\d+)", line)
        flags = re.search(rb"FLAGS \(([^)]*)\)", line)
        if uid and flags:
            kept = [f for f in flags.group(1).decode().split() if f.lower() != "\\recent"]
            messages[int(uid.group(1))] = sorted(kept)
    return messages


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--ca", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--keep", default="")
    parser.add_argument("command")
    parser.add_argument("args", nargs="*")
    opts = parser.parse_args()

    imap = imaplib.IMAP4(opts.host, opts.port)
    imap.starttls(ssl_context=ssl.create_default_context(cafile=opts.ca))
    imap.login(opts.user, opts.password)
    command, args = opts.command, opts.args
    if command == "state":
        state = {}
        for name, noselect in folders(imap):
            if noselect:
                continue
            select(imap, name)
            state[name] = {str(uid): flags for uid, flags in uid_flags(imap).items()}
        json.dump(state, sys.stdout, ensure_ascii=False, sort_keys=True)
    elif command == "wipe":
        keep = {"INBOX"} | {k for k in opts.keep.split(",") if k}
        listed = folders(imap)
        for name, noselect in sorted(listed, key=lambda f: -len(f[0])):
            if name in keep:
                continue
            # A parent that exists only because of its children (Courier's Maildir++ lists
            # "INBOX.A" as \Noselect while "INBOX.A.B" exists) is gone once they are.
            if noselect and name not in [n for n, _ in folders(imap)]:
                continue
            imap.unsubscribe(quote(name))
            typ, data = imap.delete(quote(name))
            assert typ == "OK", (name, data)
        for name in keep:
            if name not in [n for n, _ in listed]:
                imap.create(quote(name))
                imap.subscribe(quote(name))
            select(imap, name)
            imap.store("1:*", "+FLAGS.SILENT", "(\\Deleted)")
            imap.expunge()
    elif command == "append":
        flags = "(" + (args[1] if len(args) > 1 else "") + ")"
        typ, data = imap.append(quote(args[0]), flags, None, sys.stdin.buffer.read())
        assert typ == "OK", data
        print((data[0] or b"").decode())
    elif command == "store":
        folder, uids, sign, flags = args
        select(imap, folder)
        typ, data = imap.uid("STORE", uids, sign + "FLAGS.SILENT", "(" + flags + ")")
        assert typ == "OK", data
    elif command == "expunge":
        folder, uids = args
        select(imap, folder)
        typ, data = imap.uid("STORE", uids, "+FLAGS.SILENT", "(\\Deleted)")
        assert typ == "OK", data
        if "UIDPLUS" in imap.capabilities:
            typ, data = imap.uid("EXPUNGE", uids)
        else:
            typ, data = imap.expunge()
        assert typ == "OK", data
    elif command in ("create", "delete"):
        typ, data = getattr(imap, command)(quote(args[0]))
        assert typ == "OK", data
    else:
        sys.exit("unknown command " + command)
    imap.logout()


if __name__ == "__main__":
    main()
