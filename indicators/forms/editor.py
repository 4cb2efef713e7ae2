"""Forms of the template editor: a row of the tree, a new row, the template's header, the
outline, an assignment, an annex file to import. Each form turns what was typed into the data
the services of ``indicators.tree_editing`` and ``indicators.importers`` take."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from core.models import AdministrativeUnit
from core.period_keys import PeriodKind
from core.text_input import CleanTextFormMixin
from core.units_loading import normalise_code
from indicators.choices import NUMERIC_TYPES, Derivation
from indicators.formula_builder import formula_problem, source_choices
from indicators.importers.files import MSG_EMPTY, ImportFileError, check_size
from indicators.importers.tree import DEFAULT_YES_NO, parse_choices
from indicators.models import Indicator, IndicatorKind, IndicatorTemplate, ValueType
from indicators.models.indicators import CODED_TYPES
from indicators.tags import tag_choices, tag_label, unknown_tags
from indicators.validation.expressions import ParseError, parse

MSG_CHOICES_NEEDED = "Kiểu “{type}” cần ít nhất hai lựa chọn, viết như “Không = 0 Có = 1”."
MSG_CHOICES_UNREADABLE = (
    "Không đọc được các lựa chọn: viết “Nhãn = mã”, ví dụ “Chưa = 0 Đang làm = 1”."
)
MSG_UNKNOWN_CODES = "Mẫu không có chỉ tiêu {codes}."
MSG_COMPUTED_NEEDS_FORMULA = "Chỉ tiêu tự tính cần công thức, ví dụ SUM_CHILDREN([3.3.1])."
MSG_DERIVATION_NEEDS_SOURCE = "Chọn chỉ tiêu nguồn để suy ra số liệu."
MSG_UNKNOWN_SOURCE = "Chỉ tiêu nguồn “%(value)s” không phải một dòng khác của mẫu có số liệu."
MSG_CUMULATIVE_NEEDS_NUMBER = (
    "Lũy kế cộng dồn số liệu: chỉ tiêu nguồn {code} phải là số (số nguyên, số thập phân "
    "hoặc tỷ lệ %), không phải “{type}”."
)
MSG_TRIAL_NEEDS_FORMULA = "Nhập hoặc dựng công thức để xem thử trên báo cáo."
MSG_REPORT_NOT_OFFERED = "Chọn một báo cáo trong danh sách để thử."
MSG_NO_UNIT = "Không có đơn vị hành chính mã “{code}”."
MSG_DATES_ORDER = "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."
MSG_NO_KINDS = "Chọn ít nhất một loại kỳ báo cáo."
MSG_UNKNOWN_TAG = "Nhãn “%(value)s” không có trong danh mục nhãn ngữ nghĩa: bỏ chọn nhãn này."
UNKNOWN_TAGS_GROUP = "Nhãn không có trong danh mục"
HELP_CHOICES = "Với kiểu lựa chọn: “Nhãn = mã” như in trên mẫu, ví dụ “Không = 0 Có = 1”."
HELP_TAGS = (
    "Chỉ tiêu này là số liệu nào trong các phép kiểm tra chuẩn, câu “Chèn số liệu” và bảng "
    "theo dõi; để trống nếu không phải số liệu nào trong danh mục."
)
HELP_FORMULA = "Ví dụ: [3.3.1.a] + [3.3.1.b]; để trống nếu chỉ tiêu được nhập tay."
HELP_DERIVE_FROM = (
    "Kỳ trước chuyển qua: dòng của báo cáo kỳ trước được chép sang; lũy kế: dòng số liệu "
    "của kỳ này được cộng dồn."
)
# Each kind by what the commune's official does with the row every period.
KIND_OPTIONS = {
    IndicatorKind.FLOW: ("Phát sinh trong kỳ", "Cán bộ xã nhập mới mỗi kỳ."),
    IndicatorKind.STOCK: (
        "Số tại thời điểm báo cáo",
        "Chuyển từ kỳ trước, cán bộ xã xác nhận hoặc sửa.",
    ),
    IndicatorKind.STABLE: ("Ít thay đổi", "Chuyển từ kỳ trước, cán bộ xã xác nhận."),
    IndicatorKind.COMPUTED: (
        "Tự tính",
        "Cán bộ xã không nhập: cổng tự tính theo công thức bên dưới.",
    ),
}
FILE_ACCEPT = ".xlsx,.docx,.txt"
MSG_AFTER_ROW = "Dòng mới nằm ngay sau dòng {row}, cùng cấp với nó, {where}."
MSG_UNDER = "nằm dưới {row}"
MSG_OUTERMOST = "ở cấp ngoài cùng"


def choices_text(choices: list[dict]) -> str:
    return " ".join(f"{choice['label']} = {choice['value']}" for choice in choices)


class AnnexFileField(forms.FileField):
    """An uploaded annex: refused above the import size limit before anything reads it."""

    widget = forms.ClearableFileInput(attrs={"accept": FILE_ACCEPT})
    default_error_messages = {"empty": MSG_EMPTY}

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload is not None:
            try:
                check_size(upload.size)
            except ImportFileError as error:
                raise ValidationError(error.message) from error
        return upload


class TemplateUploadForm(CleanTextFormMixin, forms.Form):
    file = AnnexFileField(label="Tệp phụ lục (Excel, Word hoặc văn bản)")
    code = forms.CharField(label="Mã mẫu", max_length=40, help_text="Ví dụ: HH-01b")
    title = forms.CharField(label="Tên mẫu", max_length=300)
    annex_label = forms.CharField(label="Nhãn phụ lục", max_length=60, required=False)
    year = forms.IntegerField(label="Năm áp dụng", min_value=2000, max_value=2100, required=False)


class TemplateMetaForm(CleanTextFormMixin, forms.ModelForm):
    class Meta:
        model = IndicatorTemplate
        fields = ["title", "annex_label", "annex_title", "year"]


class TagsField(forms.MultipleChoiceField):
    """Semantic tags chosen among the known ones (``indicators.tags``), one checkbox each. A tag
    outside the list (a row imported before the list, a forged POST) is shown, still checked,
    and refused until unchecked."""

    widget = forms.CheckboxSelectMultiple
    default_error_messages = {"invalid_choice": MSG_UNKNOWN_TAG}

    def __init__(self, **kwargs) -> None:
        super().__init__(choices=tag_choices, **kwargs)

    def show_unknown(self, tags: list[str]) -> None:
        if tags:
            extra = (UNKNOWN_TAGS_GROUP, [(tag, tag_label(tag)) for tag in tags])
            self.widget.choices = [*tag_choices(), extra]


def checked_formula(template: IndicatorTemplate, text: str) -> str:
    """A formula as typed (or built), parsed, naming only rows of the template."""
    formula = text.strip()
    if not formula:
        return ""
    try:
        expression = parse(formula)
    except ParseError as error:
        raise ValidationError(error.message) from error
    codes = set(template.indicators.values_list("code", flat=True))
    unknown = [code for code in expression.codes() if ":" not in code and code not in codes]
    if unknown:
        raise ValidationError(MSG_UNKNOWN_CODES.format(codes=", ".join(unknown)))
    return formula


@dataclass(frozen=True)
class KindOption:
    """One kind as the row form offers it: a radio button, its name and what the official does."""

    value: str
    title: str
    help: str
    checked: bool


class RowForm(CleanTextFormMixin, forms.ModelForm):
    choices_text = forms.CharField(
        label="Các lựa chọn", required=False, help_text=HELP_CHOICES, max_length=1000
    )
    tags = TagsField(label="Nhãn ngữ nghĩa", required=False, help_text=HELP_TAGS)
    derive_from = forms.ChoiceField(
        label="Chỉ tiêu nguồn",
        required=False,
        help_text=HELP_DERIVE_FROM,
        error_messages={"invalid_choice": MSG_UNKNOWN_SOURCE},
    )

    class Meta:
        model = Indicator
        fields = [
            "name",
            "printed_code",
            "unit",
            "value_type",
            "choices_text",
            "is_breakdown",
            "parts_sum_to_total",
            "formula",
            "aggregation",
            "tags",
            "kind",
            "derivation",
            "derive_from",
            "on_merge",
        ]
        widgets = {
            "name": forms.Textarea(attrs={"rows": 2}),
            "formula": forms.TextInput(attrs={"class": "font-monospace", "spellcheck": "false"}),
            "kind": forms.RadioSelect,
        }
        help_texts = {"formula": HELP_FORMULA}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["choices_text"].initial = choices_text(self.instance.choices or [])
        tags = cast(TagsField, self.fields["tags"])
        shown = self["tags"].data if self.is_bound else self.instance.tags
        tags.show_unknown(unknown_tags(shown or []))
        # A post without them (an older page, a script) keeps what the row has.
        for name in ("kind", "on_merge"):
            self.fields[name].required = False
        kind = cast(forms.ChoiceField, self.fields["kind"])
        kind.choices = [(value, title) for value, (title, _) in KIND_OPTIONS.items()]
        source = cast(forms.ChoiceField, self.fields["derive_from"])
        source.choices = [
            ("", "— chọn chỉ tiêu nguồn —"),
            *source_choices(self.instance.template, self.instance),
        ]

    @property
    def kind_options(self) -> list[KindOption]:
        chosen = str(self["kind"].value() or "")
        return [
            KindOption(value=value, title=title, help=help_text, checked=value == chosen)
            for value, (title, help_text) in KIND_OPTIONS.items()
        ]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        value_type = data.get("value_type")
        text = (data.get("choices_text") or "").strip()
        choices = parse_choices(" ".join(text.split())) if text else []
        if text and not choices:
            self.add_error("choices_text", MSG_CHOICES_UNREADABLE)
        if value_type == ValueType.YESNO and not choices and not text:
            choices = list(DEFAULT_YES_NO)
        if value_type in CODED_TYPES and len(choices) < 2 and not self.has_error("choices_text"):
            self.add_error(
                "choices_text", MSG_CHOICES_NEEDED.format(type=ValueType(value_type).label)
            )
        data["choices"] = choices if value_type in CODED_TYPES else []
        for name in ("kind", "on_merge"):
            data[name] = data.get(name) or getattr(self.instance, name)
        self._check_formula(data)
        self._check_derivation(data)
        return data

    def _check_formula(self, data: dict[str, Any]) -> None:
        if data.get("kind") != IndicatorKind.COMPUTED or self.has_error("formula"):
            return
        formula = data.get("formula")
        if not formula:
            self.add_error("formula", MSG_COMPUTED_NEEDS_FORMULA)
            return
        value_type = data.get("value_type") or self.instance.value_type
        problem = formula_problem(
            self.instance.template, self.instance, formula=formula, value_type=value_type
        )
        if problem:
            self.add_error("formula", problem)

    def _check_derivation(self, data: dict[str, Any]) -> None:
        derivation, source = data.get("derivation"), data.get("derive_from")
        if not derivation:
            # A source left from a derivation since unset (hidden on the page) is not kept.
            data["derive_from"] = ""
            return
        if self.has_error("derive_from"):
            return
        if not source:
            self.add_error("derive_from", MSG_DERIVATION_NEEDS_SOURCE)
            return
        if derivation == Derivation.CUMULATIVE:
            source_type = (
                self.instance.template.indicators.filter(code=source)
                .values_list("value_type", flat=True)
                .first()
            )
            if source_type not in NUMERIC_TYPES:
                self.add_error(
                    "derive_from",
                    MSG_CUMULATIVE_NEEDS_NUMBER.format(
                        code=source, type=ValueType(source_type).label if source_type else ""
                    ),
                )

    def clean_formula(self) -> str:
        return checked_formula(self.instance.template, self.cleaned_data.get("formula") or "")

    def row_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields if "_text" not in name}
        data["choices"] = self.cleaned_data["choices"]
        data["tags"] = self.cleaned_data["tags"]
        return data


def report_label(report: Any) -> str:
    """A report offered to try a formula on: its commune, its period and its template version."""
    return f"{report.unit} — {report.period} (mẫu v{report.template.version})"


class FormulaTrialForm(CleanTextFormMixin, forms.Form):
    """A row's formula, as the row form has it (not saved), to try on one of ``reports``: the
    most recent when none is chosen. The row's type, when sent, rounds the value."""

    formula = forms.CharField(label="Công thức", required=False, max_length=500)
    value_type = forms.ChoiceField(label="Kiểu số liệu", choices=ValueType.choices, required=False)
    report = forms.ChoiceField(
        label="Báo cáo để thử",
        required=False,
        error_messages={"invalid_choice": MSG_REPORT_NOT_OFFERED},
        widget=forms.Select(attrs={"form": "row-form", "class": "form-select form-select-sm"}),
    )

    def __init__(self, *args, row: Indicator, reports: Sequence[Any], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.row = row
        self.reports = {str(report.pk): report for report in reports}
        field = cast(forms.ChoiceField, self.fields["report"])
        field.choices = [(pk, report_label(report)) for pk, report in self.reports.items()]

    def clean_formula(self) -> str:
        formula = checked_formula(self.row.template, self.cleaned_data.get("formula") or "")
        if not formula:
            raise ValidationError(MSG_TRIAL_NEEDS_FORMULA)
        return formula

    def clean_value_type(self) -> str:
        return self.cleaned_data.get("value_type") or self.row.value_type

    def clean_report(self) -> Any:
        chosen = self.cleaned_data.get("report") or next(iter(self.reports), None)
        return self.reports.get(chosen) if chosen else None

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if "formula" in data and "value_type" in data:
            problem = formula_problem(
                self.row.template, self.row, formula=data["formula"], value_type=data["value_type"]
            )
            if problem:
                self.add_error("formula", problem)
        return data


def row_label(row: Indicator) -> str:
    """A row of the tree, shown by its code and the start of its name."""
    return f"{row.code} {row.name}"[:120]


class RowChoiceField(forms.ModelChoiceField):
    """A row of the tree, shown by its code and the start of its name."""

    def label_from_instance(self, obj: Indicator) -> str:
        return row_label(obj)


class RowAddForm(CleanTextFormMixin, forms.Form):
    name = forms.CharField(label="Tên chỉ tiêu", widget=forms.Textarea(attrs={"rows": 2}))
    unit = forms.CharField(label="Đơn vị tính", required=False, max_length=200)
    value_type = forms.ChoiceField(
        label="Kiểu số liệu", choices=ValueType.choices, initial=ValueType.INTEGER
    )
    is_breakdown = forms.BooleanField(label="Dòng “Trong đó” của mục cha", required=False)
    parent = RowChoiceField(
        label="Nằm dưới",
        queryset=Indicator.objects.none(),
        required=False,
        empty_label="— Cấp ngoài cùng —",
    )
    after = forms.ModelChoiceField(
        queryset=Indicator.objects.none(), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, template: IndicatorTemplate, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        rows: QuerySet[Indicator] = template.indicators.order_by("position")
        parent = cast(RowChoiceField, self.fields["parent"])
        parent.queryset = rows.filter(is_breakdown=False)
        cast(forms.ModelChoiceField, self.fields["after"]).queryset = rows
        # A row added after another takes that row's level: its parent is the anchor's, shown
        # as chosen and not to be changed here (``row_add`` would follow the anchor anyway).
        self.anchor = self._anchor(rows)
        self.placement = ""
        if self.anchor is not None:
            above = self.anchor.parent
            self.initial = {**self.initial, "parent": above.pk if above else None}
            parent.disabled = True
            self.placement = MSG_AFTER_ROW.format(
                row=row_label(self.anchor),
                where=MSG_UNDER.format(row=row_label(above)) if above else MSG_OUTERMOST,
            )

    def _anchor(self, rows: QuerySet[Indicator]) -> Indicator | None:
        value = self.data.get("after") if self.is_bound else self.initial.get("after")
        text = str(value or "")
        if not text.isdigit():
            return None
        return rows.select_related("parent").filter(pk=int(text)).first()


class OutlineSectionForm(CleanTextFormMixin, forms.Form):
    level = forms.TypedChoiceField(
        label="Cấp", choices=[(1, "I, II…"), (2, "1, 2…"), (3, "1.1…")], coerce=int, initial=1
    )
    heading = forms.CharField(label="Tiêu đề", max_length=300)
    guidance = forms.CharField(
        label="Hướng dẫn", required=False, widget=forms.Textarea(attrs={"rows": 1})
    )
    prefill_from_previous = forms.BooleanField(label="Điền sẵn từ kỳ trước", required=False)


OutlineFormSet = forms.formset_factory(
    OutlineSectionForm, extra=1, can_delete=True, can_order=True, max_num=100
)


class AssignmentForm(CleanTextFormMixin, forms.Form):
    unit_code = forms.CharField(
        label="Mã đơn vị hành chính", max_length=10, help_text="Áp dụng cho đơn vị và cấp dưới."
    )
    period_kinds = forms.MultipleChoiceField(
        label="Loại kỳ",
        choices=PeriodKind.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=PeriodKind.values,
    )
    valid_from = forms.DateField(
        label="Hiệu lực từ", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_to = forms.DateField(
        label="Hiệu lực đến", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_unit_code(self) -> str:
        code = normalise_code(self.cleaned_data["unit_code"])
        if not AdministrativeUnit.objects.filter(code=code).exists():
            raise ValidationError(MSG_NO_UNIT.format(code=code))
        return code

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("valid_from"), data.get("valid_to")
        if "unit_code" in data:
            # Codes repeat over time (today's commune may reuse the code of one it replaced):
            # the unit of that code on the day the assignment starts, else today.
            data["unit_code"] = AdministrativeUnit.objects.by_code(
                data["unit_code"], on=start or timezone.localdate()
            )
        if start and end and end < start:
            self.add_error("valid_to", MSG_DATES_ORDER)
        if "period_kinds" in data and not data["period_kinds"]:
            self.add_error("period_kinds", MSG_NO_KINDS)
        return data


class CompareForm(CleanTextFormMixin, forms.Form):
    other = forms.ModelChoiceField(
        label="So với phiên bản", queryset=IndicatorTemplate.objects.none(), empty_label=None
    )

    def __init__(self, *args, template: IndicatorTemplate, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        other = cast(forms.ModelChoiceField, self.fields["other"])
        other.queryset = IndicatorTemplate.objects.exclude(pk=template.pk).order_by(
            "code", "-version"
        )
