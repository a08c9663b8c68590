"""Adapters: the file formats and programs around the domain (Excel, the ledger, the consolidated workbook, the deck, VBA)."""
