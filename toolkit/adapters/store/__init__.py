"""What the consolidation keeps: the inbox scan, the archive of received files, the ledger, its lock and its JSON codec."""
