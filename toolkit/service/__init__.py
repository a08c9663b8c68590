"""The region's web service: the upload page, the submit and button API, the coordinator's dashboard.

app = create_app(cfg)          # a Starlette app; `toolkit serve` runs it under uvicorn
"""

from __future__ import annotations

from toolkit.service import messages as _messages  # noqa: F401  registers the texts
