import factory

from innovations.models import Agency, Award, Exhibit, Innovation, Theme
from tests.festival.factories import EditionFactory


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Dinas Contoh {n}")
    slug = factory.Sequence(lambda n: f"dinas-contoh-{n}")
    kind = Agency.Kind.DINAS


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"Tema {n}")
    slug = factory.Sequence(lambda n: f"tema-{n}")
    icon = Theme.Icon.GENERAL


class AwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Award

    programme = "Kompetisi Inovasi Pelayanan Publik (Sinovik) KemenPAN-RB"
    level = "TOP 99"
    level_slug = "top-99"
    year = factory.Sequence(lambda n: 2000 + n % 90)
    source = "Situs resmi, 1 Januari 2016"


class InnovationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Innovation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Inovasi Contoh {n:04d}")
    slug = factory.Sequence(lambda n: f"inovasi-contoh-{n}")
    summary = "Ringkasan inovasi contoh untuk pengujian."
    description = "Paragraf pertama.\n\nParagraf kedua."
    agency = factory.SubFactory(AgencyFactory)
    theme = factory.SubFactory(ThemeFactory)

    @factory.post_generation
    def awards(self, create, extracted, **kwargs):
        if create and extracted:
            self.awards.add(*extracted)


class ExhibitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exhibit

    edition = factory.SubFactory(EditionFactory)
    innovation = factory.SubFactory(InnovationFactory)
    order = factory.Sequence(lambda n: n)
