"""factory-boy factories for every model the tests build."""

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
