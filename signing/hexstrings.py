"""A fast reader for PDF hex strings, put into pyHanko when the signing app loads.

pyHanko reads a hex string one byte at a time through a generator. A signature's
/Contents is such a string of 32 768 digits (16 KB reserved), read three times
when a file with two signatures is verified and again when the second one is
signed: about 5 ms each, most of a verification. This reader takes the string up
to its closing `>` in one read and decodes it with binascii. A string it cannot
take as is (a comment inside, a stray character, a truncated file) goes to
pyHanko's own reader, so the results and the errors stay pyHanko's.
"""

import binascii
import os

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.misc import PDF_WHITESPACE

CHUNK = 1 << 16
_pyhanko_reader = generic.read_hex_string_from_stream


def read_hex_string(stream):
    """Read `<hex digits>` at the stream's position into a PDF string object, as pyHanko does."""
    start = stream.tell()
    stream.read(1)  # the opening "<"
    parts = []
    while True:
        chunk = stream.read(CHUNK)
        if not chunk:
            stream.seek(start)
            return _pyhanko_reader(stream)  # truncated: pyHanko raises its own error
        end = chunk.find(b">")
        if end >= 0:
            parts.append(chunk[:end])
            stream.seek(end + 1 - len(chunk), os.SEEK_CUR)
            break
        parts.append(chunk)
    digits = b"".join(parts).translate(None, PDF_WHITESPACE)
    if digits.translate(None, generic.HEX_DIGITS):
        stream.seek(start)
        return _pyhanko_reader(stream)  # a comment or a stray character: pyHanko's rules apply
    if len(digits) % 2:
        digits += b"0"  # a final odd digit counts as followed by 0 (PDF 32000-1, 7.3.4.3)
    return generic.pdf_string(binascii.unhexlify(digits))


def install() -> None:
    """Make pyHanko's object parser use `read_hex_string` (it looks the name up in its module at each call)."""
    generic.read_hex_string_from_stream = read_hex_string
