"""Parsing: one notes file -> one Meeting plus diagnostics."""

from .note import parse_note, read_note

__all__ = ["parse_note", "read_note"]
