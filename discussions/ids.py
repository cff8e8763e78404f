"""
Row ids read from addresses, query strings and forms.

An id that no table can hold (30 digits, say) must not reach the database:
SQLite refuses to convert it and the request ends in a 500. Every id the
discussions read goes through `parse_id`, the `id` path converter or
`IdField`, which all stop at the largest signed 64-bit integer.
"""

from django import forms
from django.urls import register_converter

MAX_ID = 2**63 - 1


def parse_id(value):
    """Return `value` as a row id, or None when it cannot be one."""
    if isinstance(value, str):
        digits = value.strip()
        # Longer than MAX_ID, and Python refuses to convert very long numbers.
        if not (digits.isascii() and digits.isdigit()) or len(digits) > 19:
            return None
        value = int(digits)
    if not isinstance(value, int) or isinstance(value, bool):
        return None
    return value if 1 <= value <= MAX_ID else None


class IdConverter:
    """Match a row id in a URL path; a larger number matches nothing (404)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value):
        number = parse_id(value)
        if number is None:
            raise ValueError(f"{value} is not a row id")
        return number

    def to_url(self, value):
        return str(value)


register_converter(IdConverter, "id")


class IdField(forms.IntegerField):
    """A hidden or typed id, checked against what the database can hold."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)
        for code in ("min_value", "max_value"):
            self.error_messages[code] = self.error_messages["invalid"]
