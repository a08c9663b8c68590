"""The gathered figures, embedded in the consolidated workbook, so a deck can be made from the file alone."""

from __future__ import annotations

from pathlib import Path

from toolkit.adapters.store import codec
from toolkit.core.model import Consolidated
from toolkit.errors import ReadError

DATA_SHEET = "_data"
_CHUNK = 30_000  # below Excel's 32,767 characters per cell


def write_data(wb, data: Consolidated) -> None:
    """A very hidden, protected sheet holding ``data`` as JSON text in column A."""
    text = codec.dumps({"consolidated": data})
    ws = wb.add_worksheet(DATA_SHEET)
    ws.write_string(0, 0, "toolkit consolidated v1")
    for i in range(0, len(text), _CHUNK):
        ws.write_string(1 + i // _CHUNK, 0, text[i : i + _CHUNK])
    ws.very_hidden()
    ws.protect()


def read_consolidated(path: str | Path) -> Consolidated:
    """The figures a consolidated workbook was written from; ReadError when it is not one."""
    import io

    import python_calamine

    from toolkit.adapters.excel.guard import SheetGuard
    from toolkit.adapters.excel.sniff import check_bytes, read_bytes

    path = Path(path)
    with check_bytes(read_bytes(path), path.name) as archive:
        try:
            book = python_calamine.load_workbook(io.BytesIO(archive.data))
            rows = []
            if DATA_SHEET in book.sheet_names:
                SheetGuard(archive, path.name).scan(DATA_SHEET)  # ReadError before a grid too large is built
                rows = book.get_sheet_by_name(DATA_SHEET).to_python()
        except ReadError:
            raise
        except Exception as exc:
            raise ReadError("read.corrupt", file=path.name, detail=str(exc)[:80]) from None
    if not rows or rows[0][0] != "toolkit consolidated v1":
        raise ReadError("consolidated.no_data", file=path.name)
    try:
        return codec.loads("".join(str(r[0]) for r in rows[1:]))["consolidated"]
    except (ValueError, KeyError, TypeError) as exc:
        raise ReadError("read.corrupt", file=path.name, detail=str(exc)[:80]) from None
