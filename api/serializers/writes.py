"""The shapes of the writes: starting a report, a value or a table cell with the ``base`` or
``version`` it was read at and what the save gives back, and the transitions (submit with
explanations, return with comments on indicators, approve) with their result."""

from __future__ import annotations

from rest_framework import serializers


class StartReportSerializer(serializers.Serializer):
    period = serializers.CharField(help_text="Mã kỳ: 2024Q4 (hoặc mã kỳ DHIS2)")


class ValueWriteSerializer(serializers.Serializer):
    value = serializers.CharField(
        allow_blank=True,
        max_length=200,
        trim_whitespace=False,
        help_text="Như gõ trên biểu mẫu: “1.377.189.270”, “81,95”, “Có”; rỗng để xóa.",
    )
    base = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="Giá trị (printed) bạn đọc được trước khi sửa",
    )
    version = serializers.IntegerField(required=False, help_text="Phiên bản báo cáo đã đọc")
    force = serializers.BooleanField(default=False, help_text="Ghi đè dù có xung đột")
    override_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=5000,
        help_text="Lý do khi ghi số của đơn vị thay cho số tự tính (chỉ tiêu có công thức)",
    )

    def validate(self, attrs):
        if "base" not in attrs and "version" not in attrs and not attrs.get("force"):
            raise serializers.ValidationError(
                "Gửi kèm “base” (giá trị đã đọc) hoặc “version” (phiên bản báo cáo đã đọc)."
            )
        return attrs


class ValueResultSerializer(serializers.Serializer):
    code = serializers.CharField()
    value = serializers.CharField(allow_null=True)
    text = serializers.CharField(allow_blank=True)
    printed = serializers.CharField(allow_blank=True)
    error = serializers.CharField(allow_blank=True)
    suggestion = serializers.CharField(allow_blank=True)
    version = serializers.IntegerField()


class TransitionWriteSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="Phiên bản báo cáo đã đọc")
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class SubmitSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="Phiên bản báo cáo đã đọc")
    explanations = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        required=False,
        default=dict,
        help_text="Giải trình từng cảnh báo, theo khóa của phát hiện",
    )


class IndicatorCommentSerializer(serializers.Serializer):
    indicator = serializers.CharField(help_text="Mã chỉ tiêu")
    text = serializers.CharField()


class ReturnSerializer(TransitionWriteSerializer):
    comments = IndicatorCommentSerializer(many=True, required=False, default=list)


class TransitionResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    version = serializers.IntegerField()
