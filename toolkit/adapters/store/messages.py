"""Messages of the ledger's storage (backends, migrations, copying) in da/nb/en."""

from __future__ import annotations
