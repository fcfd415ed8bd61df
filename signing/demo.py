"""Demo signing keys for `make run`: a CA marked as having no legal value, agency and signer certificates.

seed_demo calls `seed_signing` inside its transaction, after the demo's people
exist and before the issued copies are stored (they are stored after the commit),
so every issued plan and report of the demo is signed. The files go to
PDF_SIGNING_PKCS12_DIR (media/private/signing, never committed, never served); a file
already there is kept, so a real key is never overwritten.
"""

import math
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.db import transaction
from PIL import Image, ImageDraw

from signing import pki

DEMO_CA_NAME = "CA DEMO — KHÔNG CÓ GIÁ TRỊ PHÁP LÝ"
CA_CERT, CA_KEY = "demo-ca.pem", "demo-ca-key.pem"
SIGNATURE_BLUE = (0, 51, 160, 255)
SEAL_RED = (210, 16, 32, 255)
PIXELS_PER_MM = 12


def _ca(folder: Path, passphrase: bytes) -> pki.Issued:
    """Return the demo CA, made on first use and read back afterwards."""
    cert_path, key_path = folder / CA_CERT, folder / CA_KEY
    if cert_path.exists() and key_path.exists():
        cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
        key = serialization.load_pem_private_key(key_path.read_bytes(), passphrase)
        return pki.Issued(key, cert)
    ca = pki.make_ca(DEMO_CA_NAME)
    key_path.write_bytes(
        ca.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(passphrase),
        )
    )
    cert_path.write_bytes(ca.cert_pem())
    return ca


def signature_image(path: Path) -> None:
    """Draw a blue handwritten-looking stroke on a transparent background (50 × 25 mm)."""
    width, height = 50 * PIXELS_PER_MM, 25 * PIXELS_PER_MM
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    points = [
        (width * (0.1 + 0.8 * t / 200), height * (0.5 + 0.3 * math.sin(t / 9) * math.cos(t / 37))) for t in range(201)
    ]
    draw.line(points, fill=SIGNATURE_BLUE, width=9, joint="curve")
    draw.line([(width * 0.2, height * 0.78), (width * 0.85, height * 0.7)], fill=SIGNATURE_BLUE, width=6)
    image.save(path)


def seal_image(path: Path) -> None:
    """Draw a red round seal with a star and a DEMO band on a transparent background (36 mm across)."""
    size = 36 * PIXELS_PER_MM
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((6, 6, size - 6, size - 6), outline=SEAL_RED, width=14)
    draw.ellipse((size * 0.2, size * 0.2, size * 0.8, size * 0.8), outline=SEAL_RED, width=6)
    centre, outer, inner = size / 2, size * 0.22, size * 0.09
    star = [
        (
            centre + (outer if k % 2 == 0 else inner) * math.sin(k * math.pi / 5),
            centre - (outer if k % 2 == 0 else inner) * math.cos(k * math.pi / 5),
        )
        for k in range(10)
    ]
    draw.polygon(star, fill=SEAL_RED)
    draw.text((centre, size * 0.86), "DEMO", fill=SEAL_RED, anchor="mm", font_size=40)
    image.save(path)


def _write_key(folder: Path, label: str, holder: pki.Issued, ca: pki.Issued, passphrase: bytes) -> None:
    (folder / f"{label}.p12").write_bytes(holder.pkcs12(name=label, passphrase=passphrase, chain=[ca.cert]))


def seed_signing() -> int:
    """Give each demo commune and its leaders a demo key, certificate and image; sign 31/KH-UBND after the commit.

    Returns how many keys were made (0 when they all exist, or when the backend is not PKCS#12).
    """
    from plans.demo_live import COMMUNES
    from units.choices import Role, UnitKind
    from units.models import Unit, User

    if settings.PDF_SIGNING_BACKEND != "pkcs12":
        return 0
    folder = Path(settings.PDF_SIGNING_PKCS12_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    passphrase = settings.PDF_SIGNING_PKCS12_PASSPHRASE.encode()
    ca = _ca(folder, passphrase)
    made = 0
    communes = Unit.objects.filter(kind=UnitKind.COMMUNE, place_name__in=list(COMMUNES))
    for commune in communes:
        label = f"unit-{commune.pk}"
        if not (folder / f"{label}.p12").exists():
            _write_key(folder, label, pki.issue(ca, commune.name, organisation=commune.name), ca, passphrase)
            seal_image(folder / f"{label}.png")
            made += 1
    for person in User.objects.filter(unit__in=communes, role=Role.LEADER).select_related("unit"):
        label = f"user-{person.pk}"
        if not (folder / f"{label}.p12").exists():
            holder = pki.issue(ca, person.full_name or person.username, organisation=person.unit.name)
            _write_key(folder, label, holder, ca, passphrase)
            signature_image(folder / f"{label}.png")
            made += 1
    transaction.on_commit(_store_seed_plan)
    return made


def _store_seed_plan() -> None:
    """Store (so sign) the issued copy of the seed plan 31/KH-UBND, which the import leaves for the first download."""
    from plans.exports import store_issued_pdf
    from plans.models import Plan

    plan = Plan.objects.issued().filter(number=31, year=2025, issuing_unit__place_name="Thượng Hồng").first()
    if plan is not None:
        store_issued_pdf(plan_id=plan.pk)
