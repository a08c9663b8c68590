"""Adapters between the template specs and Excel files (XlsxWriter writes, calamine reads)."""
