"""pyHanko reads hex strings through the signing app's fast reader, with the same results and errors as its own."""

import io

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.misc import PdfStreamError

from signing import hexstrings

CASES = [
    b"<>",
    b"<41>",
    b"<414>",  # an odd digit counts as followed by 0
    b"<4 1\n4\t2>rest",
    b"<FEFF00410042>",
    b"<" + b"3082" * 8192 + b"00" * 4096 + b"> /Type",  # a signature's /Contents with its padding
    b"<41%a comment > inside\n42>tail",  # a comment: pyHanko's reader takes it
]


def read(reader, data: bytes):
    stream = io.BytesIO(data)
    value = reader(stream)
    return type(value), bytes(value.original_bytes), stream.tell()


def test_the_fast_reader_is_installed():
    assert generic.read_hex_string_from_stream is hexstrings.read_hex_string


@pytest.mark.parametrize("data", CASES)
def test_the_fast_reader_reads_what_pyhanko_reads_and_stops_at_the_same_place(data):
    assert read(hexstrings.read_hex_string, data) == read(hexstrings._pyhanko_reader, data)


@pytest.mark.parametrize("data", [b"<4G>", b"<4142", b"<41 42"])
def test_a_bad_hex_string_raises_pyhankos_error(data):
    with pytest.raises(PdfStreamError):
        hexstrings.read_hex_string(io.BytesIO(data))
