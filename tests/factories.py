"""factory-boy factories for every model the tests build."""

import datetime

import factory
from factory.django import DjangoModelFactory

from units.choices import Role, UnitKind
from units.models import Unit, UnitGroup, User

TEST_PASSWORD = "mật-khẩu-thử-123"


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Phòng Thử nghiệm {n}")
    short_name = factory.LazyAttribute(lambda unit: unit.name)
    kind = UnitKind.DEPARTMENT
    abbreviation = "PTN"


class CityFactory(UnitFactory):
    name = factory.Sequence(lambda n: f"Thành phố Thử {n}")
    kind = UnitKind.CITY
    abbreviation = "UBND"
    place_name = "Hải Phòng"


class CommuneFactory(UnitFactory):
    name = factory.Sequence(lambda n: f"Ủy ban nhân dân xã Thử {n}")
    short_name = factory.Sequence(lambda n: f"UBND xã Thử {n}")
    kind = UnitKind.COMMUNE
    abbreviation = "UBND"
    place_name = factory.Sequence(lambda n: f"Thử {n}")
    parent = factory.SubFactory(CityFactory)


class DepartmentFactory(UnitFactory):
    parent = factory.SubFactory(CommuneFactory)


class UnitGroupFactory(DjangoModelFactory):
    class Meta:
        model = UnitGroup

    owner = factory.SubFactory(CommuneFactory)
    name = factory.Sequence(lambda n: f"các phòng, đơn vị sự nghiệp thuộc xã {n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    full_name = factory.Faker("name", locale="vi_VN")
    unit = factory.SubFactory(DepartmentFactory)
    role = Role.OFFICIAL
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = "plans.Plan"
        skip_postgeneration_save = True

    issuing_unit = factory.SubFactory(CommuneFactory)
    title = factory.Sequence(lambda n: f"Kế hoạch tuyên truyền công tác dân vận số {n}")
    symbol = "KH-UBND"
    place_name = "Thượng Hồng"
    period_label = "6 tháng cuối năm 2025"
    created_by = factory.SubFactory(UserFactory)
    signature_authority = "TM. ỦY BAN NHÂN DÂN"
    signer_title = "CHỦ TỊCH"
    signer_name = "Hà Thị Thủy"
    recipients = "UBND thành phố;\nLưu: VT, VHXH."

    @factory.post_generation
    def reindex(obj, create, extracted, **kwargs):
        """Fill the folded search text, as the services do."""
        if create:
            from plans.services import plan_reindex

            plan_reindex(plan_id=obj.pk)
            obj.refresh_from_db(fields=["search_text"])


class SectionFactory(DjangoModelFactory):
    class Meta:
        model = "plans.Section"

    plan = factory.SubFactory(PlanFactory)
    numbering = "roman"
    heading = factory.Sequence(lambda n: f"MỤC THỨ {n}")
    text = "Nội dung của mục."


class TaskFactory(DjangoModelFactory):
    class Meta:
        model = "plans.Task"
        skip_postgeneration_save = True

    plan = factory.SubFactory(PlanFactory)
    content = factory.Sequence(lambda n: f"Tổ chức tuyên truyền nhiệm vụ {n}")
    timeframe_kind = "regular"

    @factory.post_generation
    def lead_units(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.lead_units.set(extracted)


class ReferenceDocumentFactory(DjangoModelFactory):
    class Meta:
        model = "plans.ReferenceDocument"

    doc_type = "quyet_dinh"
    number_symbol = factory.Sequence(lambda n: f"{3000 + n}/QĐ-UBND")
    issuer = "UBND thành phố Hải Phòng"
    summary = "ban hành danh mục nhiệm vụ công tác dân vận"


# --- models_registry ("Dân vận khéo") ---------------------------------------------------------


def default_fields():
    from models_registry.services import default_fields

    return default_fields()


class CampaignFactory(DjangoModelFactory):
    """A campaign; eligible units, the five default fields and two criteria unless given."""

    class Meta:
        model = "models_registry.Campaign"
        skip_postgeneration_save = True

    issuing_unit = factory.SubFactory(CommuneFactory)
    year = 2025
    name = factory.Sequence(lambda n: f"Phong trào thi đua “Dân vận khéo” năm 2025 ({n})")
    registration_deadline = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=30))
    report_deadline = factory.LazyAttribute(lambda c: c.registration_deadline + datetime.timedelta(days=60))
    created_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def eligible_units(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.eligible_units.set(extracted)

    @factory.post_generation
    def offered_fields(obj, create, extracted, **kwargs):
        if create:
            obj.offered_fields.set(extracted if extracted is not None else default_fields())

    @factory.post_generation
    def criteria(obj, create, extracted, **kwargs):
        from models_registry.models import Criterion

        if create:
            for position, (name, points) in enumerate(
                extracted or [("Hiệu quả thiết thực", 60), ("Nhân dân đồng tình", 40)], 1
            ):
                Criterion.objects.create(campaign=obj, position=position, name=name, max_score=points)


class RegistrationFactory(DjangoModelFactory):
    """A registration with one indicator unless `indicators` is given (a list of dicts, or [])."""

    class Meta:
        model = "models_registry.Registration"
        skip_postgeneration_save = True

    campaign = factory.SubFactory(CampaignFactory)
    unit = factory.SubFactory(DepartmentFactory)
    name = factory.Sequence(lambda n: f"Một cửa thân thiện, gần dân số {n}")
    field = factory.LazyFunction(lambda: default_fields()[0])
    problem = "Người dân phải đi lại nhiều lần khi làm thủ tục."
    objectives = "Giảm số lần đi lại của người dân."
    method = "Bố trí quầy hướng dẫn, hỗ trợ kê khai hồ sơ."
    place_scope = "Bộ phận một cửa xã"
    participants = "Công chức bộ phận một cửa; người dân đến làm thủ tục"
    start_date = datetime.date(2025, 10, 1)
    end_date = datetime.date(2025, 12, 31)
    person_in_charge = "Trần Văn Minh"
    contact = "0225 3888 999"
    created_by = factory.SubFactory(UserFactory)
    exclusive = factory.LazyAttribute(lambda r: not r.campaign.allow_multiple)

    @factory.post_generation
    def indicators(obj, create, extracted, **kwargs):
        from models_registry.models import Indicator

        if not create:
            return
        rows = (
            extracted
            if extracted is not None
            else [{"name": "Tỷ lệ hồ sơ đúng hạn", "measure": "%", "baseline": 90, "target": 98}]
        )
        for position, row in enumerate(rows, 1):
            Indicator.objects.create(registration=obj, position=position, **row)


# --- task tracking ------------------------------------------------------------------------------


class IssuedPlanFactory(PlanFactory):
    """A plan issued on 10/07/2025 for the second half of 2025: its tasks are tracked."""

    status = "issued"
    number = factory.Sequence(lambda n: n + 1)
    year = 2025
    issued_on = datetime.date(2025, 7, 10)
    period_start = datetime.date(2025, 7, 1)
    period_end = datetime.date(2025, 12, 31)


class ProgressUpdateFactory(DjangoModelFactory):
    """A progress report; it does not move the task's percent (use plans.services for that)."""

    class Meta:
        model = "plans.ProgressUpdate"

    task = factory.SubFactory(TaskFactory)
    reported_on = datetime.date(2025, 8, 1)
    percent = 30
    previous_percent = 0
    text = "Đã triển khai."
    author = factory.SubFactory(UserFactory)
