"""Import the seed plans and the corpus, and print how faithfully and how fast, as `name: value` lines.

Seeds (issue 8): sentences kept, structure found, time per document. Corpus (issue 18): per failure class
and overall, the share of sentences kept in order in the printed plan, the share of numbers and dates
kept, and the slowest document's CPU time; then a 100-section, 50-task plan parsed and saved (goal: under
1 s of CPU). A document that fails is reported and the run goes on.
Run with `make bench` or `.venv/bin/python bench/bench_import.py`.
"""

import time
from collections import defaultdict

from harness import ROOT, bench_database, report

CORPUS = ROOT / "tests" / "importing" / "corpus"


def import_seeds(by):
    from plans.demo import SEED_COMMUNES, SEEDS
    from plans.document import plan_document
    from plans.importing.fidelity import body_of, sentences_kept
    from plans.importing.persist import plan_import_file
    from units.models import Unit

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


def import_corpus(by, commune):
    """Import every corpus plan under `commune`; print the figures per class and overall."""
    from plans.document import plan_document
    from plans.importing import read_text
    from plans.importing.fidelity import body_of, numbers_kept, sentences_kept
    from plans.importing.persist import import_failure_text, plan_import_file
    from plans.importing.snapshot import corpus_documents

    totals = defaultdict(lambda: [0, 0, 0, 0])  # class -> sentences kept, total, numbers kept, total
    slowest = ("", 0.0)
    failures = 0
    for path in corpus_documents(CORPUS):
        group = path.relative_to(CORPUS).parts[0]
        if group == "refused":
            continue
        data = path.read_bytes()
        source = read_text(path)
        start = time.process_time()
        try:
            record = plan_import_file(data=data, filename=path.name, issuing_unit=commune, by=by, record_issued=True)
        except Exception as error:  # reported, and the run goes on
            failures += 1
            report(f"corpus_failed_{path.stem}", import_failure_text(error)[:120])
            continue
        cpu = time.process_time() - start
        if cpu > slowest[1]:
            slowest = (str(path.relative_to(CORPUS)), cpu)
        printed = plan_document(record.plan).plain_text()
        kept, total, _missing = sentences_kept(body_of(source), printed)
        numbers, number_total = numbers_kept(source, printed)
        for key in (group, "overall"):
            figures = totals[key]
            figures[0] += kept
            figures[1] += total
            figures[2] += numbers
            figures[3] += number_total
    for key in sorted(totals):
        kept, total, numbers, number_total = totals[key]
        name = key.replace("-", "_")
        report(f"corpus_{name}_sentences_kept_percent", 100.0 * kept / max(total, 1))
        report(f"corpus_{name}_numbers_dates_kept_percent", 100.0 * numbers / max(number_total, 1))
    report("corpus_documents_failed", failures)
    report("corpus_slowest_document", slowest[0])
    report("corpus_slowest_document_cpu_seconds", slowest[1])


def big_plan_text(sections: int = 100, tasks: int = 50) -> str:
    """Return an invented plan with `sections` numbered parts and `tasks` task blocks."""
    lines = [
        "ỦY BAN NHÂN DÂN",
        "XÃ THỬ NGHIỆM",
        "Số: 99/KH-UBND",
        "Thử Nghiệm, ngày 01 tháng 6 năm 2026",
        "KẾ HOẠCH",
        "Kế hoạch lớn để đo thời gian nhập",
        "Căn cứ Kế hoạch số 01-KH/ĐU ngày 02/01/2026 của Đảng ủy xã;",
        "Ủy ban nhân dân xã ban hành Kế hoạch như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU",
    ]
    lines += [f"{i}. Nội dung mục đích số {i} của kế hoạch." for i in range(1, sections - tasks + 1)]
    lines.append("II. NHIỆM VỤ CỤ THỂ")
    for i in range(1, tasks + 1):
        lines += [
            f"{i}. Nhiệm vụ số {i}: tổ chức tuyên truyền chuyên đề {i}",
            "- Cơ quan chủ trì: Phòng Văn hóa - Xã hội.",
            "- Cơ quan phối hợp: Văn phòng HĐND và UBND; Công an xã.",
            f"- Thời gian: trước ngày {1 + i % 28}/12/2026.",
        ]
    lines += [
        "Trên đây là Kế hoạch lớn./.",
        "Nơi nhận:",
        "- Lưu: VT.",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Nguyễn Văn A",
    ]
    return "\n".join(lines)


def import_big_plan(by, commune):
    from plans.importing.persist import plan_import_file

    data = big_plan_text().encode()
    start = time.process_time()
    record = plan_import_file(data=data, filename="big.txt", issuing_unit=commune, by=by, record_issued=False)
    report("big_plan_sections", record.plan.sections.count())
    report("big_plan_tasks", record.plan.tasks.count())
    report("big_plan_parse_and_save_cpu_seconds", time.process_time() - start)


def main():
    from units.demo import seed_units
    from units.models import User

    with bench_database():
        seed_units(password="danvan-demo")
        by = User.objects.get(username="canbo")
        import_seeds(by)
        commune = by.unit.parent if by.unit.kind != "commune" else by.unit  # canbo's commune: canbo may record there
        import_corpus(by, commune)
        import_big_plan(by, commune)


if __name__ == "__main__":
    main()
