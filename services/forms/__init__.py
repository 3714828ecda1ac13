"""The forms of the services app, one concern per module:

- `fields`: text a person types (PlainTextField, digits);
- `applicant`: what every request asks (ApplicantForm);
- `details`: each service's own questions (KiaForm, BusinessForm, PbbForm, LevyForm);
- `documents`: the optional document photos (DocumentsForm);
- `request_forms`: the three validated together for one service (RequestForms);
- `track`: finding one's request (TrackForm);
- `admin`: the desk's status change in the admin (StatusChangeForm).

The signed copy of the answers on the check-answers page is `services.answers`; what a
document photo must be, and where it waits, is `services.uploads`.
"""

from services.forms.admin import StatusChangeForm
from services.forms.applicant import ApplicantForm
from services.forms.details import (
    DETAIL_FORMS,
    BusinessForm,
    DetailsForm,
    KiaForm,
    LevyForm,
    PbbForm,
    describe_details,
)
from services.forms.documents import DOCUMENT_KINDS, DocumentsForm
from services.forms.fields import PlainTextField
from services.forms.request_forms import RequestForms
from services.forms.track import TrackForm

__all__ = [
    "DETAIL_FORMS",
    "DOCUMENT_KINDS",
    "ApplicantForm",
    "BusinessForm",
    "DetailsForm",
    "DocumentsForm",
    "KiaForm",
    "LevyForm",
    "PbbForm",
    "PlainTextField",
    "RequestForms",
    "StatusChangeForm",
    "TrackForm",
    "describe_details",
]
