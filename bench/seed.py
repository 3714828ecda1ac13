"""Bench data: many published innovations, so the catalogue's filters and search have work.

Every row made here is clearly bench data ("[uji beban]" in names, slugs starting with
`bench-`), never shipped content: it goes only into a benchmark's own database
(bench/pages.py). Agencies, themes and award levels are spread so that every filter of the
catalogue (theme, agency, award level, free text) selects a real share of the rows.

    from bench.seed import seed_innovations
    print(seed_innovations(2000))
"""

from django.db import transaction

from innovations.models import Agency, Award, Innovation, Theme

AGENCY_COUNT = 40
AWARD_LEVELS = [
    ("TOP 99", "top-99"),
    ("TOP 35", "top-35"),
    ("TOP 25", "top-25"),
    ("TOP 12", "top-12"),
]
# Words spread over summaries, so a search such as ?q=desa matches some rows, not all.
WORDS = [
    "desa",
    "kesehatan",
    "sekolah",
    "kependudukan",
    "pasar",
    "posyandu",
    "pajak",
    "air bersih",
    "lansia",
    "nelayan",
    "petani",
    "perizinan",
]
SLUG_PREFIX = "bench-inovasi-"


@transaction.atomic
def seed_innovations(count: int) -> str:
    """Add `count` published innovations (bench data) with bulk inserts, spread over bench
    agencies, every theme and bench awards of four levels. Safe to call twice: numbering
    goes on from the bench innovations already there. Returns a one-line summary."""
    agencies = _bench_agencies()
    themes = list(Theme.objects.order_by("pk"))
    if not themes:
        themes = [Theme.objects.create(name="Tema uji beban", slug="bench-tema")]
    awards = _bench_awards()
    start = Innovation.objects.filter(slug__startswith=SLUG_PREFIX).count()

    innovations = []
    for n in range(start + 1, start + count + 1):
        word, other = WORDS[n % len(WORDS)], WORDS[(n * 7) % len(WORDS)]
        innovations.append(
            Innovation(
                name=f"Inovasi uji beban {n:05d}",
                slug=f"{SLUG_PREFIX}{n:05d}",
                acronym=f"UB{n % 1000:03d}",
                summary=(
                    f"Data uji beban {n}: layanan {word} dan {other} yang lebih dekat dengan "
                    "warga, untuk mengukur kecepatan katalog."
                ),
                description=f"Data uji beban nomor {n}, bukan inovasi sungguhan.",
                agency=agencies[n % len(agencies)],
                theme=themes[n % len(themes)],
                started_year=2010 + n % 15,
                is_featured=n % 97 == 0,
                is_published=True,
            )
        )
    created = Innovation.objects.bulk_create(innovations, batch_size=500)

    # About a third of the innovations hold one award, a few hold two.
    through = Innovation.awards.through
    links = []
    for innovation in created:
        n = int(innovation.slug.removeprefix(SLUG_PREFIX))
        if n % 3 == 0:
            links.append(through(innovation_id=innovation.pk, award_id=awards[n % 4].pk))
        if n % 11 == 0:
            links.append(through(innovation_id=innovation.pk, award_id=awards[(n + 1) % 4].pk))
    through.objects.bulk_create(links, batch_size=1000)

    return (
        f"{len(created)} bench innovations added (now {Innovation.objects.count()} in all), "
        f"{len(agencies)} bench agencies, {len(themes)} themes, {len(links)} award links"
    )


def _bench_agencies() -> list[Agency]:
    kinds = [Agency.Kind.DINAS, Agency.Kind.PUSKESMAS, Agency.Kind.DESA, Agency.Kind.KECAMATAN]
    wanted = [
        Agency(
            name=f"Instansi uji beban {i:02d}",
            slug=f"bench-instansi-{i:02d}",
            kind=kinds[i % len(kinds)],
        )
        for i in range(1, AGENCY_COUNT + 1)
    ]
    Agency.objects.bulk_create(wanted, ignore_conflicts=True)
    return list(Agency.objects.filter(slug__startswith="bench-instansi-").order_by("slug"))


def _bench_awards() -> list[Award]:
    programme = "Kompetisi uji beban (bukan penghargaan sungguhan)"
    for level, slug in AWARD_LEVELS:
        Award.objects.get_or_create(
            programme=programme,
            level=level,
            year=2020,
            defaults={"level_slug": slug, "source": "Data uji beban"},
        )
    return list(Award.objects.filter(programme=programme).order_by("level_slug"))
