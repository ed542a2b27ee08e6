"""An article prepared once: zones, paragraphs, segmentation."""

from __future__ import annotations

import pytest

import nlp.document as document_module
from nlp.document import LATE_CHARS, prepare


def test_title_sapo_and_body_paragraphs_get_their_zones() -> None:
    doc = prepare(title="Lũ quét ở vùng cao", sapo="Mưa lớn gây lũ.", body="Đoạn một.\nĐoạn hai.")
    assert [p.zone for p in doc.paragraphs] == ["title", "sapo", "body", "body"]


def test_without_a_sapo_the_first_paragraphs_are_the_lead() -> None:
    doc = prepare(title=None, sapo=None, body="Ngắn.\nĐoạn hai.\nĐoạn ba.")
    assert [p.zone for p in doc.paragraphs] == ["lead", "lead", "body"]


def test_paragraphs_after_the_late_mark_are_late() -> None:
    doc = prepare(title="Tin", sapo="Tóm tắt.", body="\n".join(["Câu văn dài. " * 20] * 20))
    assert doc.paragraphs[-1].zone == "late" and len(doc.body) > LATE_CHARS


def test_boilerplate_is_not_analysed() -> None:
    doc = prepare(title="Tin", sapo="(Dân trí) - Tóm tắt bản tin trong ngày.", body="Nội dung.\nTheo TTXVN")
    assert doc.sapo == "Tóm tắt bản tin trong ngày." and doc.body == "Nội dung."


def test_paragraphs_keep_the_segmentation() -> None:
    doc = prepare(title="Ô nhiễm môi trường", sapo=None, body="Nước thải.")
    assert "ô nhiễm" in [w.lower() for w in doc.paragraphs[0].words]


def test_each_paragraph_is_segmented_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = document_module.segment

    def counting(text: str) -> list[str]:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(document_module, "segment", counting)
    prepare(title="Tiêu đề", sapo="Tóm tắt.", body="Một.\nHai.\nBa.")
    assert len(calls) == 5
