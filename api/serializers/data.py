"""The shapes of DHIS2 data values (a ``dataValueSets`` payload and the import summary), of
the aggregate of a unit and period, and of the caller (``me``: the user and their token)."""

from __future__ import annotations

from rest_framework import serializers

from api.serializers.reference import UnitRefSerializer
from api.serializers.reports import TemplateRefSerializer

# DHIS2 --------------------------------------------------------------------------------------


class DataValueSerializer(serializers.Serializer):
    dataElement = serializers.CharField(help_text="Mã chỉ tiêu, hoặc <bảng>:<dòng>:<cột>")
    period = serializers.CharField(required=False, help_text="2024Q3, 2021S1, 2024, 202409")
    orgUnit = serializers.CharField(required=False, help_text="Mã đơn vị hành chính")
    value = serializers.CharField(allow_null=True, allow_blank=True)
    comment = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    storedBy = serializers.CharField(required=False, read_only=True)
    lastUpdated = serializers.DateTimeField(required=False, read_only=True)
    base = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="(Mở rộng) giá trị đã đọc: xung đột nếu số liệu đã bị sửa khác đi",
    )


class DataValueSetSerializer(serializers.Serializer):
    dataSet = serializers.CharField(required=False, help_text="Mã mẫu phụ lục")
    period = serializers.CharField(required=False)
    orgUnit = serializers.CharField(required=False)
    dataValues = DataValueSerializer(many=True)


class ImportCountSerializer(serializers.Serializer):
    imported = serializers.IntegerField()
    updated = serializers.IntegerField()
    ignored = serializers.IntegerField()
    deleted = serializers.IntegerField()


class ImportConflictSerializer(serializers.Serializer):
    object = serializers.CharField()
    value = serializers.CharField()
    errorCode = serializers.CharField()
    indexes = serializers.ListField(child=serializers.IntegerField())
    theirs = serializers.CharField(required=False)
    mine = serializers.CharField(required=False)


class ImportSummarySerializer(serializers.Serializer):
    responseType = serializers.CharField()
    status = serializers.ChoiceField(choices=["SUCCESS", "ERROR"])
    description = serializers.CharField()
    dryRun = serializers.BooleanField()
    importCount = ImportCountSerializer()
    conflicts = ImportConflictSerializer(many=True)


# Aggregates and the caller ------------------------------------------------------------------


class AggregateSerializer(serializers.Serializer):
    unit = serializers.CharField(help_text="Mã đơn vị, “VN” cho cả nước")
    period = serializers.CharField()
    template = TemplateRefSerializer()
    statuses = serializers.ListField(child=serializers.CharField())
    units = serializers.ListField(child=serializers.CharField(), help_text="Các xã được cộng")
    values = serializers.DictField(child=serializers.CharField())
    distributions = serializers.DictField(
        child=serializers.DictField(child=serializers.IntegerField())
    )
    tables = serializers.DictField(
        child=serializers.DictField(child=serializers.DictField(child=serializers.CharField()))
    )
    recomputed = serializers.DictField(
        child=serializers.CharField(),
        help_text="Tỷ lệ tính lại từ các số đếm đã cộng: mã chỉ tiêu → công thức",
    )


class TokenInfoSerializer(serializers.Serializer):
    name = serializers.CharField()
    prefix = serializers.CharField()
    service_account = serializers.BooleanField()
    read_only = serializers.BooleanField()
    scope = UnitRefSerializer(allow_null=True)


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    full_name = serializers.CharField(allow_blank=True)
    role = serializers.CharField(allow_blank=True)
    is_superuser = serializers.BooleanField()
    unit = UnitRefSerializer(allow_null=True)
    token = TokenInfoSerializer()
