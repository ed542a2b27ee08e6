"""Writing analysts' tables (pandas DataFrames, possibly in chunks) as CSV, JSON, XLSX or Parquet.

Crawled text is hostile here too: spreadsheet programs run cells that start with "=", "+", "-" or
"@" as formulas, so XLSX cells are written with the string type forced and CSV cells that would be read
as formulas get a leading apostrophe (OWASP's advice); characters XML cannot hold are dropped from XLSX.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO, TextIO
from zoneinfo import ZoneInfo

import pandas as pd

FORMATS = ("csv", "json", "xlsx", "parquet")
XLSX_MAX_ROWS = 1_048_575  # one row is the header
XLSX_MAX_CELL = 32_767
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class TableError(ValueError):
    """The table cannot be written in the asked format (message is one line)."""


def _missing(value: Any) -> bool:
    """None, NaN, NaT or pd.NA (lists and strings are never missing)."""
    return value is None or (not isinstance(value, str | list | tuple) and bool(pd.isna(value)))


def _csv_safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def flat(frame: pd.DataFrame, *, tz: ZoneInfo | None = None, lists: str = "; ") -> pd.DataFrame:
    """Lists joined into text, aware datetimes in `tz` without offset (for CSV and spreadsheets)."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if isinstance(series.dtype, pd.DatetimeTZDtype):
            out[column] = series.dt.tz_convert(tz).dt.tz_localize(None) if tz else series
        elif series.dtype == object and series.map(lambda v: isinstance(v, list | tuple)).any():
            out[column] = series.map(lambda v: lists.join(map(str, v)) if isinstance(v, list | tuple) else v)
    return out


def _write_csv(frames: Iterator[pd.DataFrame], handle: TextIO) -> int:
    rows = 0
    for i, frame in enumerate(frames):
        safe = frame.apply(lambda col: col.map(_csv_safe)) if len(frame) else frame
        # CRLF rows (RFC 4180): a cell holding a lone CR is then quoted, so no spreadsheet program reads
        # the CR as a row break that would start a new, unneutralised cell
        safe.to_csv(handle, index=False, header=i == 0, lineterminator="\r\n")
        rows += len(frame)
    return rows


def _json_value(value: Any) -> Any:
    if _missing(value):
        return None
    if isinstance(value, datetime | pd.Timestamp):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _write_json(frames: Iterator[pd.DataFrame], handle: TextIO) -> int:
    records = [
        {k: _json_value(v) for k, v in record.items()}
        for frame in frames
        for record in frame.to_dict(orient="records")
    ]
    json.dump(records, handle, ensure_ascii=False, indent=2, default=str)
    handle.write("\n")
    return len(records)


def _xlsx_cell(sheet: Any, value: Any) -> Any:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if _missing(value):
        return None
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value)[:XLSX_MAX_CELL])
        cell.data_type = "s"  # never a formula, whatever the text starts with
        return cell
    if hasattr(value, "item"):
        value = value.item()
    return WriteOnlyCell(sheet, value=value)


def _write_xlsx(frames: Iterator[pd.DataFrame], path: Path | BinaryIO, *, sheet_name: str = "duluan") -> int:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_name)
    rows = 0
    for i, frame in enumerate(frames):
        if i == 0:
            sheet.append([_xlsx_cell(sheet, str(c)) for c in frame.columns])
        rows += len(frame)
        if rows > XLSX_MAX_ROWS:
            raise TableError(f"more than {XLSX_MAX_ROWS:,} rows do not fit in xlsx: use csv or parquet")
        for record in frame.itertuples(index=False):
            sheet.append([_xlsx_cell(sheet, v) for v in record])
    book.save(path)
    return rows


def _concrete(kind: Any) -> Any:
    """A column type the later chunks can be cast to when the first chunk held only nulls."""
    import pyarrow as pa

    if pa.types.is_null(kind):
        return pa.string()
    if pa.types.is_list(kind) and pa.types.is_null(kind.value_type):
        return pa.list_(pa.string())
    return kind


def _write_parquet(frames: Iterator[pd.DataFrame], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    writer: pq.ParquetWriter | None = None
    rows = 0
    try:
        for frame in frames:
            table = pa.Table.from_pandas(frame, preserve_index=False)
            if writer is None:
                schema = pa.schema([f.with_type(_concrete(f.type)) for f in table.schema])
                writer = pq.ParquetWriter(path, schema)
            writer.write_table(table.cast(writer.schema))
            rows += len(frame)
    finally:
        if writer is not None:
            writer.close()
    return rows


def write_table(
    frames: Iterable[pd.DataFrame], fmt: str, output: Path | None, *, tz: ZoneInfo | None = None
) -> int:
    """Write the frames (same columns) to `output`, or stdout for csv/json; returns the row count.

    csv and xlsx get flat cells (lists joined, datetimes in `tz`); json and parquet keep lists.
    """
    if fmt not in FORMATS:
        raise TableError(f"unknown format {fmt!r}: use {', '.join(FORMATS)}")
    if output is None and fmt in ("xlsx", "parquet"):
        raise TableError(f"--format {fmt} needs --output FILE")
    chunks = iter(frames)
    if fmt in ("csv", "xlsx"):
        chunks = (flat(f, tz=tz) for f in chunks)
    if fmt == "xlsx" and output is not None:
        return _write_xlsx(chunks, output)
    if fmt == "parquet" and output is not None:
        return _write_parquet(chunks, output)
    if output is None:
        buffer = io.StringIO()
        rows = _write_csv(chunks, buffer) if fmt == "csv" else _write_json(chunks, buffer)
        sys.stdout.write(buffer.getvalue())
        return rows
    # utf-8-sig: spreadsheet programs read a CSV with a BOM as UTF-8 (Vietnamese stays readable)
    with output.open("w", encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline="") as handle:
        return _write_csv(chunks, handle) if fmt == "csv" else _write_json(chunks, handle)


def table_bytes(frame: pd.DataFrame, fmt: str, *, sheet_name: str = "duluan") -> bytes:
    """One table as the bytes of a csv (UTF-8 with BOM) or xlsx download: the web's export path, with the
    same formula neutralisation as `write_table` (crawled text never becomes a live cell)."""
    if fmt == "csv":
        text = io.StringIO()
        _write_csv(iter([flat(frame)]), text)
        return text.getvalue().encode("utf-8-sig")
    if fmt == "xlsx":
        data = io.BytesIO()
        _write_xlsx(iter([flat(frame)]), data, sheet_name=sheet_name)
        return data.getvalue()
    raise TableError(f"unknown download format {fmt!r}: use csv or xlsx")


def write_sheets(sheets: dict[str, pd.DataFrame], path: Path, *, tz: ZoneInfo | None = None) -> int:
    """Several tables in one workbook, one sheet each (names cut to Excel's 31 characters), with the same
    safe cells as `write_table`: text never becomes a formula. Returns the rows written."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    rows = 0
    for name, frame in sheets.items():
        sheet = book.create_sheet(name[:31])
        table = flat(frame, tz=tz)
        sheet.append([_xlsx_cell(sheet, str(c)) for c in table.columns])
        for record in table.itertuples(index=False):
            sheet.append([_xlsx_cell(sheet, v) for v in record])
        rows += len(table)
    tmp = path.with_suffix(".tmp.xlsx")
    book.save(tmp)
    tmp.replace(path)
    return rows
