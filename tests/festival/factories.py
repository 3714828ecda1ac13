import datetime

import factory

from festival.models import Edition, ProgrammeItem


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition
        django_get_or_create = ("slug",)

    name = "Festival Pelayanan Publik Banyuwangi"
    name_en = "Banyuwangi Public Service Festival"
    slug = "festival-uji"
    start_date = datetime.date(2026, 12, 14)
    end_date = datetime.date(2026, 12, 16)
    venue_name = "Halaman Lounge Pemkab Banyuwangi"
    venue_address = "Kantor Pemerintah Kabupaten Banyuwangi"
    organiser = "Bagian Organisasi Pemerintah Kabupaten Banyuwangi"
    about = "Pameran inovasi pelayanan publik."


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
