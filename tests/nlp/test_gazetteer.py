"""The gazetteer: generated from underthesea's 2025 unit mapping, plus our own names."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
import yaml

from nlp.gazetteer import gazetteer
from nlp.gazetteer_build import build, mapping_path, render
from nlp.tokens import syllables_of


@pytest.fixture(scope="module")
def units() -> dict[str, object]:
    text = resources.files("nlp").joinpath("data/lang_son_units.yaml").read_text(encoding="utf-8")
    return dict(yaml.safe_load(text))


def test_packaged_units_file_is_what_the_installed_underthesea_gives() -> None:
    mapping = json.loads(mapping_path().read_text(encoding="utf-8"))
    packaged = resources.files("nlp").joinpath("data/lang_son_units.yaml").read_text(encoding="utf-8")
    assert render(build("Lạng Sơn", mapping)) == packaged


def test_the_province_has_its_65_units_since_2025(units: dict[str, list[dict[str, str]]]) -> None:
    kinds = [u["kind"] for u in units["units"]]
    assert len(kinds) == 65 and kinds.count("phường") == 4


@pytest.mark.parametrize(
    ("former", "now"), [("Đồng Đăng", "xã Đồng Đăng"), ("Hoàng Đồng", "phường Tam Thanh")]
)
def test_former_units_point_to_the_unit_they_went_into(
    units: dict[str, list[dict[str, object]]], former: str, now: str
) -> None:
    entry = next(u for u in units["former_units"] if u["name"] == former)
    assert entry["now"] == [now]


def test_unknown_province_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown province"):
        build("Xứ Sở Thần Tiên", json.loads(mapping_path().read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    ("qualifier", "name", "kind"),
    [
        ("xã", "Đồng Đăng", "unit"),
        ("thị trấn", "Đồng Đăng", "former_unit"),
        ("cửa khẩu", "Đồng Đăng", "border_gate"),
        ("huyện", "Cao Lộc", "former_district"),
        ("thành phố", "Lạng Sơn", "former_district"),
        (None, "Lạng Sơn", "province"),
    ],
)
def test_the_qualifier_decides_which_place_a_name_is(qualifier: str | None, name: str, kind: str) -> None:
    key = syllables_of(name)
    entry = next(n for n in gazetteer().names[key[0]] if n.syllables == key)
    assert entry.places[qualifier].kind == kind


def test_the_build_command_writes_the_units_file(tmp_path: Path) -> None:
    from nlp.gazetteer_build import main

    target = tmp_path / "units.yaml"
    assert main(["--province", "Cao Bằng", "--output", str(target)]) == 0
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data["province"] == "Cao Bằng" and data["units"]
