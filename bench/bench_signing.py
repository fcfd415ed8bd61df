"""Digital signatures: time to sign an issued plan of about 6 pages twice (leader, then commune) and to verify it.

Run with `make bench` or `.venv/bin/python bench/bench_signing.py`. Prints `sign_ms` and
`verify_ms`, medians of warm runs (after one of each), with keys in PKCS#12 files of a
throw-away CA made here. Goal (issue 16): each under 150 ms on a 2-core machine. Never
stops on a failure: a figure that could not be measured prints `skipped (reason)`.

The anchor, `signing_bare_render_ms`, is a bare WeasyPrint render of the same plan's
HTML in this process (no child process, no limits), timed in the same run: load on the
machine slows it as much as the signing, so `sign_ratio` and `verify_ratio` (figure
over anchor) compare runs made under different load.
"""

import os
import statistics
import tempfile
import time
import traceback
from pathlib import Path

RUNS = 9


def median_ms(action, runs: int = RUNS) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main():
    from harness import bench_database, one_commune, report

    try:
        import io

        import pypdf
        from bench_documents import build_plan
        from django.template.loader import render_to_string

        from danvan.documents import html_to_pdf
        from plans.document import plan_document
        from plans.exports import render_plan_pdf
        from plans.exports.pdf import TEMPLATE
        from plans.exports.printed import printed_plan
        from signing import pki
        from signing.backends import Pkcs12Backend
        from signing.demo import seal_image, signature_image
        from signing.service import Identity, sign_issued
        from signing.verify import verify_pdf
    except Exception as error:
        report("sign_ms", f"skipped ({error})")
        report("verify_ms", f"skipped ({error})")
        return

    with bench_database(), tempfile.TemporaryDirectory() as folder:
        keys = Path(folder)
        try:
            commune, department, official = one_commune()
            plan = build_plan(
                official=official, commune=commune, department=department, blocks=9, title="Công tác dân vận năm 2025"
            )
            pdf = render_plan_pdf(plan)
            ca = pki.make_ca("CA ĐO HIỆU NĂNG")
            signer = Identity("signer", "Hà Thị Thủy", keys / "signer.png")
            agency = Identity("agency", commune.name, keys / "agency.png")
            for who in (signer, agency):
                holder = pki.issue(ca, who.name, organisation=commune.name)
                (keys / f"{who.label}.p12").write_bytes(holder.pkcs12(name=who.label, passphrase=b"x", chain=[ca.cert]))
            signature_image(signer.image)
            seal_image(agency.image)
            (keys / "ca.pem").write_bytes(ca.cert_pem())
            backend = Pkcs12Backend(keys, "x")
            report("sign_pages", len(pypdf.PdfReader(io.BytesIO(pdf)).pages))
            signed = sign_issued(pdf, signer=signer, agency=agency, using=backend)  # warm-up
            html = render_to_string(TEMPLATE, {"plan": plan, "printed": printed_plan(plan_document(plan))})
            html_to_pdf(html)  # warm-up: fonts and stylesheet
            anchor = median_ms(lambda: html_to_pdf(html), runs=5)
            report("signing_bare_render_ms", anchor)
            sign = median_ms(lambda: sign_issued(pdf, signer=signer, agency=agency, using=backend))
            report("sign_ms", sign)
            report("sign_ratio", f"{sign / anchor:.3f}")
        except Exception:
            report("sign_ms", f"skipped ({traceback.format_exc(limit=1).strip().splitlines()[-1]})")
            report("verify_ms", "skipped (nothing signed)")
            return
        try:
            roots = [keys / "ca.pem"]
            if not verify_pdf(signed, trust_roots=roots, crls=[]).accepted:
                raise RuntimeError("the signed plan did not verify")
            verify = median_ms(lambda: verify_pdf(signed, trust_roots=roots, crls=[]))
            report("verify_ms", verify)
            report("verify_ratio", f"{verify / anchor:.3f}")
            report("signing_load_average", os.getloadavg()[0])  # other work on the machine slows both figures
        except Exception:
            report("verify_ms", f"skipped ({traceback.format_exc(limit=1).strip().splitlines()[-1]})")


if __name__ == "__main__":
    main()
