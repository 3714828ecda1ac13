from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveyConfig(AppConfig):
    """The service desk's satisfaction survey (Survei Kepuasan Masyarakat, PermenPANRB 14/2017)
    and its index (IKM): a part of the one-stop service, in its own small app."""

    name = "services.survey"
    label = "survey"
    verbose_name = _("Survei kepuasan masyarakat")
