"""What the answering tests share: a usable card code, and a questionnaire filled in."""

from services.survey import domain
from services.survey.models import Element
from tests.services.factories import ServiceFactory


def card_code(edition, service=None):
    """One fresh card code of `edition` (and `service`, else a new one), issued the real way."""
    service = service or ServiceFactory(name="Kartu Identitas Anak (KIA)", name_en="Child ID")
    return domain.issue_card_codes(edition=edition, service=service, count=1)[0]


def all_scores(score: int = 3) -> dict:
    return dict.fromkeys(Element, score)


def filled_in(**changes) -> dict:
    """The questionnaire's POST data: every question answered c (3), nothing else."""
    data = {f"u{element.value}": "3" for element in Element}
    data.update({"sex": "", "age_group": "", "education": "", "occupation": "", "suggestion": ""})
    data.update(changes)
    return data
