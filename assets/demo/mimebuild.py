"""Small, explicit MIME writer for the demo mailbox (used by generate.py).

Python's email package re-folds and re-encodes on its own; the demo needs exact control over
charsets (KOI8-R, windows-1251), transfer encodings (8bit, quoted-printable, base64), RFC 2047
encoded words and RFC 2231 parameters, so messages are assembled byte by byte here. Every line
ends in CRLF (RFC 5322 2.3).
"""

import base64
import binascii
import datetime
import email.utils
import re
import urllib.parse

CRLF = "\r\n"


def date(text, zone):
    """'2026-11-09 15:20', '+0100' -> 'Mon, 09 Nov 2026 15:20:00 +0100' (RFC 5322 3.3)."""
    sign = 1 if zone[0] == "+" else -1
    offset = datetime.timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5])) * sign
    moment = datetime.datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=datetime.timezone(offset))
    return email.utils.format_datetime(moment)


def encoded_words(text, charset="utf-8", encoding="B"):
    """RFC 2047 encoded words, each at most 75 characters, folded onto continuation lines.

    ASCII text is returned as it is. Words are cut between characters, never inside one.
    """
    if text.isascii():
        return text
    prefix = f"=?{charset}?{encoding}?"
    words, current = [], ""
    for char in text:
        candidate = current + char
        if len(prefix) + len(_encode_word(candidate, charset, encoding)) + 2 > 75:
            words.append(current)
            current = char
        else:
            current = candidate
    words.append(current)
    return (CRLF + " ").join(f"{prefix}{_encode_word(w, charset, encoding)}?=" for w in words)


def _encode_word(text, charset, encoding):
    data = text.encode(charset)
    if encoding == "B":
        return base64.b64encode(data).decode("ascii")
    out = []
    for byte in data:
        char = chr(byte)
        if char == " ":
            out.append("_")
        elif char.isascii() and char.isalnum():
            out.append(char)
        else:
            out.append(f"={byte:02X}")
    return "".join(out)


def mailbox(name, address, charset="utf-8", encoding="B"):
    """'Name <address>' with the display name quoted or encoded as needed."""
    if not name:
        return address
    if name.isascii():
        if any(c in name for c in ',.;:"()<>@[]\\'):
            name = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
        return f"{name} <{address}>"
    return f"{encoded_words(name, charset, encoding)} <{address}>"


def mailboxes(*boxes):
    return ("," + CRLF + " ").join(boxes)


def rfc2231_filename(name, chunk=40):
    """Content-Disposition filename in RFC 2231 form: percent-encoded UTF-8 split into numbered
    continuations (filename*0*=, filename*1*=...), the way long non-ASCII names arrive from real clients."""
    quoted = urllib.parse.quote(name.encode("utf-8"), safe="")
    tokens = re.findall(r"%[0-9A-F]{2}|.", quoted)
    pieces, current = [], ""
    for token in tokens:
        if current and len(current) + len(token) > chunk:
            pieces.append(current)
            current = ""
        current += token
    pieces.append(current)
    params = [f"filename*0*=utf-8''{pieces[0]}"] + [f"filename*{i}*={p}" for i, p in enumerate(pieces[1:], 1)]
    return (";" + CRLF + " ").join(params)


def transfer_encode(data, cte):
    """Body bytes in the given Content-Transfer-Encoding, lines ending in CRLF."""
    if cte in ("7bit", "8bit"):
        text = data.replace(b"\r\n", b"\n")
    elif cte == "quoted-printable":
        text = binascii.b2a_qp(data.replace(b"\r\n", b"\n"), istext=True)
    elif cte == "base64":
        text = base64.encodebytes(data)
    else:
        raise ValueError(cte)
    if not text.endswith(b"\n"):
        text += b"\n"
    return text.replace(b"\n", b"\r\n")


class Part:
    """One MIME entity: its Content-* headers and its encoded body."""

    def __init__(self, headers, body):
        self.headers = headers
        self.body = body

    def to_bytes(self):
        head = "".join(f"{name}: {value}{CRLF}" for name, value in self.headers)
        return head.encode("ascii") + CRLF.encode() + self.body


def text(content, subtype="plain", charset="utf-8", cte="quoted-printable"):
    data = content.encode(charset)
    return Part(
        [("Content-Type", f"text/{subtype}; charset={charset}"), ("Content-Transfer-Encoding", cte)],
        transfer_encode(data, cte),
    )


def attachment(data, content_type, disposition_filename, type_name=None):
    """An attachment; `disposition_filename` is the ready parameter text (plain or RFC 2231)."""
    content = content_type + (f"; name={type_name}" if type_name else "")
    return Part(
        [
            ("Content-Type", content),
            ("Content-Disposition", "attachment;" + CRLF + " " + disposition_filename),
            ("Content-Transfer-Encoding", "base64"),
        ],
        transfer_encode(data, "base64"),
    )


def multipart(subtype, boundary, *parts):
    body = b""
    for part in parts:
        body += f"--{boundary}{CRLF}".encode() + part.to_bytes()
    body += f"--{boundary}--{CRLF}".encode()
    return Part([("Content-Type", f'multipart/{subtype}; boundary="{boundary}"')], body)


def message(headers, part):
    """A whole message: envelope headers, MIME-Version, then the top part's headers and body."""
    return Part(headers + [("MIME-Version", "1.0")] + part.headers, part.body).to_bytes()
