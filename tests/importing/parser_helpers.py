"""What the parser tests (test_parser_*.py) share: the seed plans, sentence checks, one invented district plan.

Django-free, like the tests: run them with `python -m pytest -p no:django --noconftest tests/importing`.
"""

import re
from pathlib import Path

from plans.importing import ParsedPlan
from plans.importing.flatten import flatten_text
from plans.importing.text import normalise_text, sentences

REPO_SEEDS = Path(__file__).resolve().parents[2] / "plans" / "fixtures" / "seeds"
SHARED_SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"  # ../shared beside the project


def seed_text(name: str) -> str:
    """Return a seed plan's text, preferring the copy in the repository."""
    for folder in (REPO_SEEDS, SHARED_SEEDS):
        if (folder / name).is_file():
            return (folder / name).read_text(encoding="utf-8")
    raise FileNotFoundError(f"seed {name} not found in {REPO_SEEDS} or {SHARED_SEEDS}")


def _canon(text: str) -> str:
    return re.sub(r"[\W_]+", "", text)


def first_missing_sentence(source: str, plan: ParsedPlan) -> str | None:
    """Return the first sentence of `source` not found, in order, in flatten_text(plan); None if all are.

    Sentences come from `sentences()` on the normalised source (page-number lines dropped).
    They are compared on letters and digits only, so line breaks, spacing, punctuation and
    list markers ("-", "I." vs "I-") may differ but every word and number must be there,
    in the same order.
    """
    flat = _canon(flatten_text(plan))
    position = 0
    for sentence in sentences(normalise_text(source)):
        found = flat.find(_canon(sentence), position)
        if found < 0:
            return sentence
        position = found + len(_canon(sentence))
    return None


def assert_sentences_kept(
    source: str, plan: ParsedPlan, *, from_type_line: bool = False, until_recipients: bool = False
) -> None:
    """Check `first_missing_sentence`, optionally only between "KẾ HOẠCH" and "Nơi nhận".

    A full header or a pasted signature table interleaves two columns (agency | national motto,
    recipients | signature) that the structure stores as fields, not as text in reading order;
    the variants check those fields one by one instead.
    """
    if from_type_line:
        source = source[source.index("KẾ HOẠCH") :]
    if until_recipients:
        source = source[: source.index("Nơi nhận")]
    missing = first_missing_sentence(source, plan)
    assert missing is None, f"sentence lost or out of order: {missing!r}"


def top_headings(plan: ParsedPlan) -> list[str]:
    return [section.heading for section in plan.sections]


def tasks_by_lead(plan: ParsedPlan) -> dict[str, int]:
    counts: dict[str, int] = {}
    for task in plan.all_tasks():
        key = " / ".join(task.lead_units)
        counts[key] = counts.get(key, 0) + 1
    return counts


DISTRICT_PLAN = """\
UBND TỈNH HẢI DƯƠNG          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
UBND HUYỆN GIA LỘC           Độc lập - Tự do - Hạnh phúc
Số: 05/KH-UBND               Gia Lộc, ngày 08 tháng 02 năm 2021

KẾ HOẠCH
Thực hiện công tác dân vận chính quyền
trên địa bàn huyện năm 2021

Căn cứ Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ về tiếp tục tăng
cường và đổi mới công tác dân vận;
Căn cứ Kế hoạch số 15-KH/HU ngày 20/01/2021 của Huyện ủy Gia Lộc về công tác dân
vận năm 2021, Ủy ban nhân dân huyện ban hành Kế hoạch thực hiện như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Nâng cao nhận thức của cán bộ, công chức về công tác dân vận chính quyền.
2. Yêu cầu
Bám sát chỉ đạo của cấp trên; triển khai đồng bộ, hiệu quả.
II. NỘI DUNG
1. Tổ chức quán triệt các văn bản về công tác dân vận đến toàn thể cán bộ,
công chức, viên chức.
2. Thực hiện tốt Quy chế dân chủ ở cơ sở.
III. TỔ CHỨC THỰC HIỆN
1. Phòng Nội vụ
- Tham mưu UBND huyện triển khai Kế hoạch; tổng hợp, báo cáo kết quả.
2. Văn phòng HĐND và UBND huyện
- Đăng tải Kế hoạch trên Cổng thông tin điện tử huyện.
3. UBND các xã, thị trấn
- Xây dựng kế hoạch thực hiện tại địa phương.
Trên đây là Kế hoạch thực hiện công tác dân vận chính quyền năm 2021 của UBND huyện Gia Lộc./.
Nơi nhận:
- Thường trực Huyện ủy;
- UBND các xã, thị trấn;
- Lưu: VT, NV.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Nguyễn Văn Bình
"""
