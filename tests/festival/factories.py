import datetime
from decimal import Decimal

import factory
from django.contrib.auth.models import Group, User
from PIL import Image

from festival import domain
from festival.models import Booth, BoothPlan, Edition, ProgrammeItem


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition
        django_get_or_create = ("slug",)

    name = "Festival Pelayanan Publik Banyuwangi"
    name_en = "Banyuwangi Public Service Festival"
    slug = "festival-uji"
    year = factory.LazyAttribute(lambda edition: edition.start_date.year)
    is_published = True
    free_entry = True
    start_date = datetime.date(2026, 12, 14)
    end_date = datetime.date(2026, 12, 16)
    venue_name = "Halaman Lounge Pemkab Banyuwangi"
    venue_address = "Kantor Pemerintah Kabupaten Banyuwangi"
    organiser = "Bagian Organisasi Pemerintah Kabupaten Banyuwangi"
    about = "Pameran inovasi pelayanan publik."


def edition_2016(**fields) -> Edition:
    """The 2016 edition's dates (Wednesday 14 – Friday 16 December 2016): the past edition of
    the archive tests."""
    return EditionFactory(
        slug="festival-2016",
        start_date=datetime.date(2016, 12, 14),
        end_date=datetime.date(2016, 12, 16),
        **fields,
    )


def edition_2027(**fields) -> Edition:
    """A later edition on 5–8 October 2027 (four days in another month, as the 2022 edition
    was): the current edition of the archive tests."""
    return EditionFactory(
        slug="festival-2027",
        start_date=datetime.date(2027, 10, 5),
        end_date=datetime.date(2027, 10, 8),
        **fields,
    )


class ProgrammeItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeItem

    edition = factory.SubFactory(EditionFactory)
    title = factory.Sequence(lambda n: f"Acara {n}")
    slug = factory.Sequence(lambda n: f"acara-{n}")
    kind = ProgrammeItem.Kind.OTHER
    date = datetime.date(2026, 12, 14)
    untimed = ProgrammeItem.Untimed.TBA
    place = "Panggung utama"


class StaffFactory(factory.django.DjangoModelFactory):
    """A staff account. `group=` names the staff group (festival.sitewide.groups) whose rights
    it gets; without one it has none."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staf-{n}")
    password = factory.django.Password("sandi-uji-yang-panjang-1")
    is_staff = True

    @factory.post_generation
    def group(user, create, extracted, **kwargs):
        if extracted:
            user.groups.add(Group.objects.get(name=extracted))


def booth_plan(edition: Edition, *, size=(800, 600), alt="Denah halaman festival") -> BoothPlan:
    """A plan of `edition`: a plain image of `size` stored as the admin stores it."""
    image = Image.new("RGB", size, (230, 240, 235))
    return domain.save_booth_plan(plan=BoothPlan(edition=edition, alt=alt), image=image)


def place_booths(plan: BoothPlan, count: int, *, start: int = 1) -> list[Booth]:
    """`count` booths numbered from `start`, spread over the plan."""
    booths = [
        Booth(
            plan=plan,
            number=n,
            label=f"Stan uji {n}",
            x=Decimal(f"{(n % 10) / 10 + 0.05:.4f}"),
            y=Decimal(f"{(n // 10 % 10) / 10 + 0.05:.4f}"),
        )
        for n in range(start, start + count)
    ]
    return Booth.objects.bulk_create(booths)
