"""Demo and test support, not part of the installed package: sample submissions filled as users would, and xlwings payloads for the buttons."""
