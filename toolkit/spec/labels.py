"""Every label, sheet name and instruction of the templates, in da, nb and en."""
from __future__ import annotations


_INSTRUCTIONS = (  # message keys; the texts are in toolkit/locale (tools/to_gettext.py)
    'intro',
    'cells',
    'numbers',
    'lists',
    'sheets',
    'check',
)


INSTRUCTION_KEYS = tuple(f"instructions.{k}" for k in _INSTRUCTIONS)
