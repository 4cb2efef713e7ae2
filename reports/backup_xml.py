"""The backup's XML format: Django's, read back exactly.

Django's XML deserializer strips every field's text (``getInnerText(node).strip()``), so a
narrative ending with a new line, or a value typed with a leading space, came back from a
restore without it. The deserializer here reads each text field's content again, whole. The
serializer is Django's own: files written before read the same.
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.core.serializers import base, xml_serializer
from django.db import models

FORMAT = "exactxml"


class Serializer(xml_serializer.Serializer):
    pass


class Deserializer(xml_serializer.Deserializer):
    def _handle_object(self, node) -> base.DeserializedObject:
        deserialized = super()._handle_object(node)  # type: ignore[misc]
        instance = deserialized.object
        for field_node in node.getElementsByTagName("field"):
            try:
                field = instance._meta.get_field(field_node.getAttribute("name"))
            except FieldDoesNotExist:
                continue
            if (
                isinstance(field, models.CharField | models.TextField)
                and field.remote_field is None
                and not field_node.getElementsByTagName("None")
            ):
                text = xml_serializer.getInnerText(field_node)
                setattr(instance, field.attname, field.to_python(text))
        return deserialized
