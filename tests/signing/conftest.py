"""A test CA made by the tests (never a real certificate) and keys for the test world's commune and leader."""

from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from signing import pki
from signing.demo import seal_image, signature_image

PASSPHRASE = "mat-khau-thu"


@pytest.fixture(scope="session")
def test_ca():
    return pki.make_ca("CA THỬ NGHIỆM CỦA BỘ KIỂM THỬ")


@pytest.fixture(scope="session")
def other_ca():
    return pki.make_ca("CA LẠ KHÔNG ĐƯỢC TIN CẬY")


def write_pem(path: Path, cert) -> Path:
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path


@pytest.fixture
def keys_dir(tmp_path):
    folder = tmp_path / "keys"
    folder.mkdir()
    return folder


@pytest.fixture
def pkcs12_keys(world, keys_dir, test_ca, settings):
    """PKCS#12 keys and images for the test commune (its seal) and its leader Hà Thị Thủy (her signature)."""
    leader, commune = world.users["leader"], world.commune
    holders = {
        f"user-{leader.pk}": pki.issue(test_ca, leader.full_name, organisation=commune.name),
        f"unit-{commune.pk}": pki.issue(test_ca, commune.name, organisation=commune.name),
    }
    for label, holder in holders.items():
        p12 = holder.pkcs12(name=label, passphrase=PASSPHRASE.encode(), chain=[test_ca.cert])
        (keys_dir / f"{label}.p12").write_bytes(p12)
    signature_image(keys_dir / f"user-{leader.pk}.png")
    seal_image(keys_dir / f"unit-{commune.pk}.png")
    settings.PDF_SIGNING_BACKEND = "pkcs12"
    settings.PDF_SIGNING_PKCS12_DIR = keys_dir
    settings.PDF_SIGNING_IMAGES_DIR = keys_dir
    settings.PDF_SIGNING_PKCS12_PASSPHRASE = PASSPHRASE
    settings.PDF_SIGNING_TRUST_ROOTS = [str(write_pem(keys_dir / "ca.pem", test_ca.cert))]
    settings.PDF_SIGNING_CRLS = []
    return holders
