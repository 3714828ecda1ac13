"""The festival's rules that change data. Views, admin actions and commands call these."""

import datetime
import uuid
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from PIL import Image

from festival.models import Booth, BoothPlan, Edition, ProgrammeItem
from festival.sitewide import audit, clock, images, retention


class ErasureRefused(Exception):
    """Personal data cannot be erased now; the message says why."""


class PersonalDataStillKept(ErasureRefused):
    """The retention period has not ended: nothing may be erased before `cutoff`."""

    def __init__(self, cutoff: datetime.datetime):
        self.cutoff = cutoff
        super().__init__(f"personal data is kept until {cutoff:%Y-%m-%d %H:%M %Z}")


def personal_data_cutoff(*, edition: Edition, days: int) -> datetime.datetime:
    """The moment from which personal data of `edition` may be erased: midnight (WIB) at
    the end of its last day, plus `days`. Refuses a negative number of days, which would
    erase people's data while the festival still needs it."""
    if days < 0:
        raise ErasureRefused("--days cannot be negative.")
    after_last_day = datetime.datetime.combine(
        edition.end_date + datetime.timedelta(days=1),
        datetime.time.min,
        tzinfo=timezone.get_default_timezone(),
    )
    return after_last_day + datetime.timedelta(days=days)


def due_personal_data_cutoff(
    *, days: int, now: datetime.datetime | None = None
) -> datetime.datetime:
    """The latest cut-off (see personal_data_cutoff) of a published edition that has passed
    at `now` (default: the festival clock): the data of that edition and of every earlier
    one may go, while a later edition (running, say) keeps its own. Raises
    PersonalDataStillKept, with the first cut-off to come, when none has passed, and
    ErasureRefused when no published edition has begun."""
    now = now or clock.now()
    begun = Edition.objects.published().filter(start_date__lte=timezone.localdate(now))
    cutoffs = [personal_data_cutoff(edition=e, days=days) for e in begun.order_by("start_date")]
    if not cutoffs:
        raise ErasureRefused("No published festival edition has begun.")
    passed = [cutoff for cutoff in cutoffs if cutoff <= now]
    if not passed:
        raise PersonalDataStillKept(cutoffs[0])
    return passed[-1]


@transaction.atomic
def erase_personal_data(*, days: int, now: datetime.datetime | None = None) -> dict[str, int]:
    """Run every registered eraser (festival.sitewide.retention) on the records created
    before the current edition's cut-off, all or none. Returns how many records each eraser
    blanked, by its label. Refuses, changing nothing, before the cut-off (see
    due_personal_data_cutoff)."""
    cutoff = due_personal_data_cutoff(days=days, now=now)
    return {label: eraser(cutoff) for label, eraser in sorted(retention.erasers().items())}


# Starting the next edition from the admin: copy one into a draft, then publish it.


class PublishRefused(Exception):
    """An edition cannot be published yet; `problems` says what to fix, one line each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(str(problem) for problem in problems))


# What each app copies of an edition into a new draft (its workshops, the desk's offering,
# the exhibits): apps register a copier in their AppConfig.ready(), as erasers are.
EditionCopier = Callable[..., int]
_copiers: dict[str, EditionCopier] = {}


def register_copier(label: str, copier: EditionCopier) -> None:
    """`copier(source=, draft=)` copies what its app holds of `source` into `draft` and
    returns how many rows it made."""
    _copiers[label] = copier


def copiers() -> dict[str, EditionCopier]:
    return dict(_copiers)


def _copy_programme(*, source: Edition, draft: Edition) -> int:
    """The programme skeleton, moved to the draft's dates: an item keeps its day number
    (day 2 stays day 2) and its hours; an item beyond the draft's last day, or whose day
    was not announced, waits in "day to be announced" without hours."""
    shift = draft.start_date - source.start_date
    items = []
    for item in ProgrammeItem.objects.filter(edition=source).order_by("date", "pk"):
        item.pk = None
        item.edition = draft
        item.date = item.date + shift
        item.booth = None  # the source's booth: organisers choose one on the draft's plan
        if item.day_tba or item.date > draft.end_date:
            item.date = draft.start_date
            item.day_tba = True
            item.start_time = item.end_time = None
            item.untimed = ProgrammeItem.Untimed.TBA
        items.append(item)
    ProgrammeItem.objects.bulk_create(items)
    return len(items)


@transaction.atomic
def copy_edition(
    *, source: Edition, year: int, start_date: datetime.date, end_date: datetime.date, by=None
) -> Edition:
    """A new draft edition of `year` on the given dates, copied from `source`: its name, words
    and organiser, its programme skeleton shifted to the new dates, and what each app copies
    (see register_copier). The venue, hours, highlights and every registration, request and
    result stay behind: the draft is invisible to the public until publish_edition."""
    draft = Edition(
        year=year,
        name=source.name,
        name_en=source.name_en,
        slug=f"{slugify(source.name)[:40]}-{year}",
        tagline=source.tagline,
        tagline_en=source.tagline_en,
        start_date=start_date,
        end_date=end_date,
        venue_locality=source.venue_locality,
        venue_region=source.venue_region,
        organiser=source.organiser,
        organiser_en=source.organiser_en,
        about=source.about,
        about_en=source.about_en,
        free_entry=False,
        is_published=False,
    )
    draft.full_clean()
    draft.save()
    counts = {
        "programme": _copy_programme(source=source, draft=draft),
        "booths": _copy_booth_plan(source=source, draft=draft),
    }
    for label, copier in sorted(_copiers.items()):
        counts[label] = copier(source=source, draft=draft)
    audit.record(
        user=by,
        objects=[draft],
        action="added",
        message=f"Copied from the {source.year} edition as a draft: {counts}",
    )
    return draft


def publish_problems(edition: Edition) -> list[str]:
    """What keeps `edition` from being published, in the organisers' language; empty when
    it may be."""
    problems = []
    if not edition.venue_name.strip():
        problems.append(_("Isi nama tempat festival."))
    if not (edition.start_date and edition.end_date):
        problems.append(_("Isi tanggal mulai dan tanggal selesai."))
    elif edition.start_date.year != edition.year:
        problems.append(_("Tanggal mulai harus pada tahun %(year)s.") % {"year": edition.year})
    elif edition.pk is not None and (
        ProgrammeItem.objects.filter(edition=edition, day_tba=False)
        .exclude(date__range=(edition.start_date, edition.end_date))
        .exists()
    ):
        problems.append(
            _(
                "Ada acara di jadwal yang tanggalnya di luar tanggal festival: perbaiki atau "
                'tandai "hari belum diumumkan".'
            )
        )
    return problems


@transaction.atomic
def publish_edition(*, edition: Edition, by=None) -> Edition:
    """Make a draft edition public, once publish_problems finds nothing; raises
    PublishRefused with the problems otherwise."""
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    problems = publish_problems(edition)
    if problems:
        raise PublishRefused(problems)
    if not edition.is_published:
        edition.is_published = True
        edition.save(update_fields=["is_published"])
        audit.record(user=by, objects=[edition], message="Published")
    return edition


# --- The booth plan --------------------------------------------------------------------------

# A plan is a drawing or a photo of the yard: a phone photo or an exported PDF page is a few MB.
PLAN_MAX_BYTES = 10 * 1024 * 1024
PLAN_MAX_PIXELS = 40_000_000
# Stored this wide at most: sharp on a laptop and a printed A4 page, light on a phone.
PLAN_MAX_WIDTH = 1600


def check_plan_image(upload) -> Image.Image:
    """The upload as an upright image, or ValidationError with a message for the organiser
    (not an image, too many bytes or pixels), as for innovation photos."""
    return images.open_checked(
        upload, max_bytes=PLAN_MAX_BYTES, max_pixels=PLAN_MAX_PIXELS, longest_side=PLAN_MAX_WIDTH
    )


def _delete_on_commit(name: str, storage) -> None:
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def save_booth_plan(*, plan: BoothPlan, image: Image.Image | None = None) -> BoothPlan:
    """Save `plan` (new or changed). With `image`, first write it as one WebP (at most
    PLAN_MAX_WIDTH wide, no metadata) under a new unguessable name and remember its width and
    height; the file it replaces is deleted once the transaction commits. Booths keep their
    places as shares of the width and height, so a new drawing of the same yard fits them."""
    storage = plan.image.storage
    old_name = plan.image.name if image is not None and plan.image else ""
    new_name = ""
    try:
        if image is not None:
            content = images.encode(image, fmt="WEBP", max_width=PLAN_MAX_WIDTH)
            plan.image.save(f"{uuid.uuid4().hex}-{content.width}.webp", content, save=False)
            new_name = plan.image.name
            plan.width, plan.height = content.width, content.height
        plan.full_clean(exclude=["edition"] if plan.edition_id is None else None)
        plan.save()
    except Exception:
        if new_name:
            storage.delete(new_name)
        raise
    if old_name:
        _delete_on_commit(old_name, storage)
    return plan


@transaction.atomic
def delete_booth_plan(*, plan: BoothPlan) -> None:
    """Remove the plan with its booths (links to them are emptied) and, once committed,
    its image."""
    name, storage = plan.image.name, plan.image.storage
    plan.delete()
    if name:
        _delete_on_commit(name, storage)


def _copy_booth_plan(*, source: Edition, draft: Edition) -> int:
    """The source's plan (its image copied to a file of the draft's own, so replacing one
    never removes the other) and its booths, same numbers, names and places: the yard is
    usually laid out alike, and organisers move what changed. Which exhibit or service stands
    at which booth is not copied; it is chosen for each edition. Returns the rows made."""
    plan = BoothPlan.objects.filter(edition=source).first()
    if plan is None or BoothPlan.objects.filter(edition=draft).exists():
        return 0
    booths = list(plan.booths.all())
    with plan.image.open("rb") as file:
        content = ContentFile(file.read())
    copy = BoothPlan(
        edition=draft, width=plan.width, height=plan.height, alt=plan.alt, alt_en=plan.alt_en
    )
    copy.image.save(f"{uuid.uuid4().hex}-{plan.width}.webp", content, save=False)
    copy.save()
    Booth.objects.bulk_create(
        Booth(plan=copy, number=b.number, label=b.label, label_en=b.label_en, x=b.x, y=b.y)
        for b in booths
    )
    return 1 + len(booths)
