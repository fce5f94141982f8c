"""Tiny attachment bodies for the demo mailbox, built from code so nothing opaque is committed
besides the .eml files themselves: a one-page PDF and a small PNG picture."""

import struct
import zlib


def pdf(lines):
    """A valid one-page PDF (Helvetica, A4) showing the given ASCII lines."""
    stream = "BT /F1 14 Tf 72 770 Td 18 TL\n"
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        stream += f"({escaped}) Tj T*\n"
    stream += "ET\n"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        " /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}endstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("ascii")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def png_landscape(width=96, height=64):
    """A small RGB picture: sky, sun, a green field and a house, drawn pixel by pixel."""
    rows = []
    for y in range(height):
        row = bytearray([0])  # filter: none
        for x in range(width):
            horizon = height * 0.62 + 3 * ((x / width) - 0.5) ** 2 * 10
            if (x - 74) ** 2 + (y - 14) ** 2 <= 64:
                pixel = (255, 214, 64)
            elif 22 <= x <= 40 and horizon - 14 <= y <= horizon + 2:
                pixel = (178, 74, 52) if y > horizon - 8 else (120, 60, 40)
            elif y < horizon:
                shade = y / horizon
                pixel = (int(120 + 90 * shade), int(180 + 50 * shade), 245)
            else:
                pixel = (70 + (x * 7 + y * 3) % 20, 150 + (x + y) % 25, 60)
            row += bytes(pixel)
        rows.append(bytes(row))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )
