"""The rule editor's form: an expression that does not parse is refused with the position of
the error, and a rule that names a code the template does not have cannot be saved."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from core.text_input import CleanTextFormMixin
from indicators.models import IndicatorTemplate, ValidationRule
from indicators.structure import template_data
from indicators.validation.expressions import Expression, ParseError, parse
from indicators.validation.snapshot import RuleInfo, TemplateData

MSG_UNKNOWN_CODES = "Mẫu không có {codes}: kiểm tra lại mã chỉ tiêu hoặc ô bảng."
MSG_DUPLICATE_CODE = "Mẫu đã có quy tắc mã “{code}”."
HELP_EXPRESSION = (
    "Ví dụ: [3.3.1.a] + [3.3.1.b], SUM_CHILDREN([3.3.1]), ROUND([1.1.b] / [1.1.a] * 100; 1), "
    "ô bảng [tthc:tong-cong:received]. Số viết kiểu Việt Nam (81,95); các đối số cách nhau "
    "bằng “, ” hoặc “;”."
)


class RuleForm(CleanTextFormMixin, forms.ModelForm):
    class Meta:
        model = ValidationRule
        fields = [
            "code",
            "left",
            "operator",
            "right",
            "severity",
            "missing_values",
            "message",
            "position",
            "is_active",
        ]
        widgets = {
            "left": forms.TextInput(attrs={"class": "font-monospace", "spellcheck": "false"}),
            "right": forms.TextInput(attrs={"class": "font-monospace", "spellcheck": "false"}),
            "message": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"left": HELP_EXPRESSION}

    def __init__(self, *args, template: IndicatorTemplate | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if template is None and self.instance.template_id:
            template = self.instance.template
        self.template = template
        self._structure: TemplateData | None = None

    @property
    def structure(self) -> TemplateData | None:
        if self._structure is None and self.template is not None:
            self._structure = template_data(self.template, rules=False)
        return self._structure

    def _expression(self, field: str) -> str:
        text = self.cleaned_data.get(field, "").strip()
        try:
            expression = parse(text)
        except ParseError as error:
            raise ValidationError(error.message, code="syntax") from error
        self._check_codes(expression)
        return text

    def _check_codes(self, expression: Expression) -> None:
        if self.structure is None:
            return
        unknown = [ref.code for ref in expression.references() if not self.structure.knows(ref)]
        if unknown:
            codes = ", ".join(f"[{code}]" for code in dict.fromkeys(unknown))
            raise ValidationError(MSG_UNKNOWN_CODES.format(codes=codes), code="unknown_code")

    def clean_left(self) -> str:
        return self._expression("left")

    def clean_right(self) -> str:
        return self._expression("right")

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        if self.template is not None:
            taken = ValidationRule.objects.filter(template=self.template, code=code)
            if self.instance.pk:
                taken = taken.exclude(pk=self.instance.pk)
            if taken.exists():
                raise ValidationError(MSG_DUPLICATE_CODE.format(code=code), code="unique")
        return code

    def rule_info(self) -> RuleInfo:
        """The rule as the engine reads it (for a preview before saving)."""
        data = self.cleaned_data
        return RuleInfo(
            code=data.get("code") or "thu",
            left=data["left"],
            operator=data["operator"],
            right=data["right"],
            severity=data["severity"],
            message=data["message"],
            missing_values=data["missing_values"],
        )

    def save(self, commit: bool = True) -> ValidationRule:
        if self.template is not None:
            self.instance.template = self.template
        return super().save(commit=commit)


class RulePreviewForm(RuleForm):
    """The rule as typed in the editor, tried on a report before it is saved."""

    class Meta(RuleForm.Meta):
        fields = ["left", "operator", "right", "severity", "missing_values", "message"]
