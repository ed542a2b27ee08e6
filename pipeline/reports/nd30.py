"""Documents in the administrative format of Nghị định 30/2020/NĐ-CP with python-docx: A4 with margins
20/20/30/15 mm, Times New Roman (also as the east-asian font, so Vietnamese keeps its face in Word),
the place-and-date line, the body's symbol in the number line, paragraphs and ruled tables that fit the
text width. What a report says is its own module's (`opinion.py`)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from pipeline.render import vnum

FONT = "Times New Roman"
TEXT_WIDTH_MM = 165  # A4 less the 30 and 15 mm margins


def new_document() -> Any:
    """An empty A4 document with NĐ 30's margins and its body font (14 pt)."""
    from docx import Document
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    return doc


def date_line(province: str, day: date) -> str:
    """'Lạng Sơn, ngày 03 tháng 12 năm 2026' (NĐ 30: a day below 10 and months 1–2 take a leading 0)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{province}, ngày {day.day:02d} tháng {month} năm {day.year}"


def symbol(body: str) -> str:
    """The body's abbreviation in the number line: 'Ban Tuyên giáo và Dân vận' -> 'BTGDV'."""
    return "".join(w[0].upper() for w in body.split() if w.lower() != "và" and w[0].isalpha())


def font(run: Any, size: float, *, bold: bool = False, italic: bool = False, underline: bool = False) -> Any:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold, run.italic, run.underline = bold, italic, underline
    fonts = (
        run._element.get_or_add_rPr().get_or_add_rFonts()
    )  # python-docx has no API for the east-asian font
    fonts.set(qn("w:eastAsia"), FONT)
    return run


def heading(doc: Any, text: str) -> None:
    from docx.shared import Pt

    para(doc, text, 14, bold=True).paragraph_format.space_before = Pt(12)


def para(container: Any, text: str, size: float = 14, *, align: str = "justify", **style: bool) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = container.add_paragraph()
    p.alignment = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    p.paragraph_format.space_after = Pt(6)
    p.paragraph_format.space_before = Pt(0)
    if text:
        font(p.add_run(text), size, **style)
    return p


def widths(table: Any, mm: list[float]) -> None:
    """Column widths in mm, in the grid (what LibreOffice reads) and in every cell (what Word reads)."""
    from docx.shared import Mm

    table.autofit = False
    for column, width in zip(table.columns, mm, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, mm, strict=True):
            cell.width = Mm(width)


def table(doc: Any, frame: pd.DataFrame, size: float = 12) -> None:
    """The frame as a ruled table, header row bold, the first column wider."""
    grid = doc.add_table(rows=1, cols=len(frame.columns))
    grid.style = "Table Grid"
    for cell, name in zip(grid.rows[0].cells, frame.columns, strict=True):
        font(cell.paragraphs[0].add_run(str(name)), size, bold=True)
    for record in frame.itertuples(index=False):
        cells = grid.add_row().cells
        for cell, value in zip(cells, record, strict=True):
            shown = vnum(value) if isinstance(value, float) else "" if value is None else str(value)
            font(cell.paragraphs[0].add_run(shown), size)
    first = (
        min(60.0, TEXT_WIDTH_MM / len(frame.columns) * 1.8) if len(frame.columns) > 2 else TEXT_WIDTH_MM / 2
    )
    rest = (TEXT_WIDTH_MM - first) / max(1, len(frame.columns) - 1)
    widths(grid, [first] + [rest] * (len(frame.columns) - 1))
