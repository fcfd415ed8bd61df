"""Import each seed plan and print, per document, what was found and how faithfully, and the time taken.

Target (issue 8): 100% of sentences kept and every structural element found, under 1 second per document.
Run with `make bench` or `.venv/bin/python bench/bench_import.py`.
"""

import time

from harness import bench_database, report


def main():
    from plans.demo import SEED_COMMUNES, SEEDS
    from plans.document import plan_document
    from plans.importing.fidelity import body_of, sentences_kept
    from plans.importing.persist import plan_import_file
    from units.demo import seed_units
    from units.models import Unit, User

    with bench_database():
        seed_units(password="danvan-demo")
        by = User.objects.get(username="canbo")
        for filename, place in SEED_COMMUNES.items():
            data = (SEEDS / filename).read_bytes()
            commune = Unit.objects.get(kind="commune", place_name=place)
            start = time.perf_counter()
            record = plan_import_file(data=data, filename=filename, issuing_unit=commune, by=by, record_issued=True)
            elapsed = time.perf_counter() - start
            plan = record.plan
            kept, total, _missing = sentences_kept(body_of(data.decode("utf-8")), plan_document(plan).plain_text())
            name = filename.removesuffix(".txt").replace("-", "_")
            report(f"{name}_sentences_kept_percent", 100.0 * kept / total)
            report(f"{name}_legal_bases", plan.bases.count())
            report(f"{name}_sections", plan.sections.count())
            report(f"{name}_tasks", plan.tasks.count())
            report(f"{name}_recipients", len(plan.recipient_list))
            report(f"{name}_signer_found", "yes" if plan.signer_name else "no")
            report(f"{name}_number", plan.reference if plan.number else "none (draft)")
            report(f"{name}_seconds", elapsed)


if __name__ == "__main__":
    main()
