"""The survey's two forms: typing a code, and the questionnaire itself."""

from django import forms
from django.forms.widgets import ChoiceWidget
from django.utils.translation import gettext_lazy as _

from services.survey.domain import PROFILE_FIELDS, SUGGESTION_MAX_LENGTH
from services.survey.models import (
    CODE_LENGTH,
    AgeGroup,
    Education,
    Occupation,
    Sex,
    normalize_survey_code,
)
from services.survey.questionnaire import QUESTIONS


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Kode survei"),
        max_length=30,
        help_text=_("8 huruf dan angka dari kartu survei atau dari halaman lacak permohonan."),
        error_messages={"required": _("Tulis kode survei Anda.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    def clean_code(self):
        code = normalize_survey_code(self.cleaned_data["code"])
        if len(code) != CODE_LENGTH:
            raise forms.ValidationError(
                _("Kode survei terdiri atas 8 huruf dan angka, misalnya ACDE-3479."),
                code="code_length",
            )
        return code


class AnswerChoices(forms.RadioSelect):
    """Radio buttons whose group has an id to link to: the error summary points at the first
    answer (Django gives a radio group no id of its own, so the link would go nowhere)."""

    def id_for_label(self, id_, index="0"):
        return ChoiceWidget.id_for_label(self, id_, index)


def _profile_field(label, choices):
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=[("", _("Tidak ingin menyebutkan")), *choices],
    )


class SurveyForm(forms.Form):
    """Nine questions (fields u1 … u9, each required, scored 1–4), the optional profile and the
    optional suggestion."""

    sex = _profile_field(_("Jenis kelamin"), Sex.choices)
    age_group = _profile_field(_("Usia"), AgeGroup.choices)
    education = _profile_field(_("Pendidikan terakhir"), Education.choices)
    occupation = _profile_field(_("Pekerjaan"), Occupation.choices)
    suggestion = forms.CharField(
        label=_("Saran untuk perbaikan pelayanan"),
        required=False,
        max_length=SUGGESTION_MAX_LENGTH,
        help_text=_(
            "Paling banyak 1.000 karakter. Jangan menulis nama, NIK, atau nomor HP: saran "
            "dibaca panitia dan tidak diterbitkan otomatis."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": _("Saran paling banyak %(limit_value)d karakter (kini %(show_value)d).")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        questions = {}
        choose = _("Pilih salah satu jawaban, a sampai d.")
        for question in QUESTIONS:
            questions[f"u{question.number}"] = forms.TypedChoiceField(
                label=f"{question.number}. {question.element.label}",
                help_text=question.text,
                choices=question.choices(),
                coerce=int,
                widget=AnswerChoices,
                error_messages={"required": choose, "invalid_choice": choose},
            )
        # The questions first, then the profile and the suggestion.
        self.fields = {**questions, **self.fields}

    def question_fields(self):
        return [self[f"u{question.number}"] for question in QUESTIONS]

    def profile_fields(self):
        return [self[name] for name in PROFILE_FIELDS]

    def scores(self) -> dict:
        return {
            question.element: self.cleaned_data[f"u{question.number}"] for question in QUESTIONS
        }

    def profile(self) -> dict:
        return {name: self.cleaned_data[name] for name in PROFILE_FIELDS}
