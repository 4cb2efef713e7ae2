"""The shapes of refused requests: a plain reason (``detail``, every view's 403, 404 and 422),
a value changed by someone else since it was read (both values), a report whose version or
status moved on, and a submission blocked by errors or unexplained warnings."""

from __future__ import annotations

from rest_framework import serializers

from api.serializers.reports import FindingSerializer


class ValueConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.CharField()
    theirs = serializers.CharField(allow_blank=True, help_text="Giá trị đang lưu")
    theirs_by = serializers.CharField(allow_blank=True)
    theirs_at = serializers.DateTimeField(allow_null=True)
    mine = serializers.CharField(allow_blank=True, help_text="Giá trị bạn gửi")
    version = serializers.IntegerField()


class SubmitBlockedSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = FindingSerializer(many=True)
    unexplained = FindingSerializer(many=True)


class VersionConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    status = serializers.CharField()
    version = serializers.IntegerField()


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()
