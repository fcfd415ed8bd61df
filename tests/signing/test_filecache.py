"""Files read for signing and verifying are kept while unchanged, one entry per path, a bounded number of paths."""

import os

from signing.filecache import FileCache


def touch_later(path):
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))


def test_a_changed_file_is_read_again_and_replaces_its_entry(tmp_path):
    reads = []
    cache = FileCache(lambda path: reads.append(path.name) or path.read_bytes())
    crl = tmp_path / "ca.crl"
    crl.write_bytes(b"old")
    assert cache.get(crl) == cache.get(crl) == b"old"
    crl.write_bytes(b"new")
    touch_later(crl)
    assert cache.get(crl) == b"new"
    assert reads == ["ca.crl", "ca.crl"] and len(cache._entries) == 1


def test_the_oldest_file_makes_way_past_the_limit(tmp_path):
    cache = FileCache(lambda path: path.read_bytes(), max_files=2)
    for name in ("a", "b", "c"):
        (tmp_path / name).write_bytes(name.encode())
        cache.get(tmp_path / name)
    assert [key.rsplit("/", 1)[-1] for key in cache._entries] == ["b", "c"]
