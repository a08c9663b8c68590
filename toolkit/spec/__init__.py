"""Template specs: one declarative spec per kind drives building, reading and validating."""

from toolkit.spec.fields import NUMERIC, Field, FieldType, Form, Relabel, Table, TemplateSpec
from toolkit.spec.kinds import KNOWN_VERSIONS, SPECS, VERSION, VERSIONS, newer_than_known, spec_for

__all__ = [
    "KNOWN_VERSIONS",
    "NUMERIC",
    "SPECS",
    "VERSION",
    "VERSIONS",
    "Field",
    "FieldType",
    "Form",
    "Relabel",
    "Table",
    "TemplateSpec",
    "newer_than_known",
    "spec_for",
]
