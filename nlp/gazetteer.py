"""The province's gazetteer as a lookup table: names (syllables) -> places, by the qualifier before them.

A name is found as a run of capitalised syllables ("Đồng Đăng"); the word before it ("xã", "thị trấn",
"cửa khẩu", "huyện", "TP", "tỉnh"...) says which place it is: "xã Đồng Đăng" is the commune since 2025,
"thị trấn Đồng Đăng" the former town (now in xã Đồng Đăng), "cửa khẩu Đồng Đăng" the border gate. A
name without a qualifier counts only when it is unambiguous: the province itself, other provinces,
border gates, landmarks, and unit or district names no other province has (see `gazetteer_build`).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from nlp.tokens import SYLLABLE, syllables_of

# Qualifier words (lower case) -> the qualifier they stand for.
QUALIFIERS: dict[str, str] = {
    "xã": "xã",
    "phường": "phường",
    "thị trấn": "thị trấn",
    "huyện": "huyện",
    "thành phố": "thành phố",
    "tp": "thành phố",
    "thị xã": "thị xã",
    "tỉnh": "tỉnh",
    "cửa khẩu": "cửa khẩu",
    "cửa khẩu quốc tế": "cửa khẩu",
    "cửa khẩu chính": "cửa khẩu",
    "cửa khẩu phụ": "cửa khẩu",
    "lối mở": "cửa khẩu",
    "ga": "ga",
    "ga liên vận quốc tế": "ga",
}
# Other forms of province names; "Hồ Chí Minh" alone is the person: the city needs "TP" or an alias.
NON_LOCAL_ALIASES = {"Hồ Chí Minh": ("TPHCM", "TP HCM", "Sài Gòn"), "Huế": ("Thừa Thiên Huế",)}
QUALIFIED_ONLY = {"Hồ Chí Minh"}


@dataclass(frozen=True)
class Place:
    name: str  # as displayed: "xã Đồng Đăng", "cửa khẩu Hữu Nghị", "Lạng Sơn"
    kind: str  # province, unit, former_unit, former_district, border_gate, landmark, locality
    local: bool  # in the monitored province
    specific: bool  # the name alone says where it is (False: "xã Tân Thành" exists in 19 provinces)
    now: tuple[str, ...] = ()  # former units: the unit(s) they are part of since 2025


@dataclass
class Name:
    """One name (as syllables) and the place it denotes after each qualifier (None: no qualifier)."""

    syllables: tuple[str, ...]
    capitals: tuple[bool, ...]  # which syllables are capitalised in the gazetteer
    places: dict[str | None, Place] = field(default_factory=dict)


@dataclass(frozen=True)
class Gazetteer:
    province: str
    names: dict[str, tuple[Name, ...]]  # first syllable (lower case) -> names, longest first
    qualifiers: dict[tuple[str, ...], str]  # qualifier syllables -> qualifier
    max_qualifier: int


class _Builder:
    def __init__(self) -> None:
        self.names: dict[tuple[str, ...], Name] = {}
        self.qualifiers = {syllables_of(k): v for k, v in QUALIFIERS.items()}

    def add(self, name: str, qualifier: str | None, place: Place, *, replace: bool = False) -> None:
        key = syllables_of(name)
        entry = self.names.get(key)
        if entry is None:
            capitals = tuple(s[0].isupper() for s in SYLLABLE.findall(name))
            entry = self.names[key] = Name(key, capitals)
        if replace or qualifier not in entry.places:
            entry.places[qualifier] = place

    def qualifier(self, words: str) -> str:
        self.qualifiers.setdefault(syllables_of(words), words)
        return words

    def build(self, province: str) -> Gazetteer:
        index: dict[str, list[Name]] = {}
        for entry in self.names.values():
            index.setdefault(entry.syllables[0], []).append(entry)
        return Gazetteer(
            province=province,
            names={k: tuple(sorted(v, key=lambda n: -len(n.syllables))) for k, v in index.items()},
            qualifiers=dict(self.qualifiers),
            max_qualifier=max(len(k) for k in self.qualifiers),
        )


def _read(name: str) -> dict[str, Any]:
    data = yaml.safe_load(resources.files("nlp").joinpath(f"data/{name}").read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def _add_units(b: _Builder, units: dict[str, Any], needs_qualifier: set[str]) -> None:
    ambiguity: dict[str, int] = units.get("ambiguity", {})
    districts: dict[str, int] = units.get("district_ambiguity", {})
    # 1. other provinces (not local), then the units: a unit named like a province ("xã Thái Bình")
    #    needs its qualifier, the bare name stays the province.
    for name in units.get("provinces", []):
        if name == units["province"]:
            continue
        place = Place(name=name, kind="province", local=False, specific=True)
        for form in (name, *NON_LOCAL_ALIASES.get(name, ())):
            if form not in QUALIFIED_ONLY:
                b.add(form, None, place)
            b.add(form, "tỉnh", place)
            b.add(form, "thành phố", place)
    for unit in units.get("units", []):
        name, kind = unit["name"], unit["kind"]
        specific = ambiguity.get(name, 1) == 1
        place = Place(name=f"{kind} {name}", kind="unit", local=True, specific=specific)
        b.add(name, kind, place)
        if specific and name not in needs_qualifier:
            b.add(name, None, Place(name=name, kind="locality", local=True, specific=True))
    for unit in units.get("former_units", []):
        name, kind = unit["name"], unit["kind"]
        now = tuple(unit.get("now", ()))
        specific = ambiguity.get(name, 1) == 1
        place = Place(name=f"{kind} {name}", kind="former_unit", local=True, specific=specific, now=now)
        b.add(name, kind, place)
        if specific and name not in needs_qualifier:
            b.add(name, None, Place(name=name, kind="locality", local=True, specific=True, now=now))
    for district in units.get("former_districts", []):
        name, kind = district["name"], district["kind"]
        specific = districts.get(name, 1) == 1
        place = Place(name=f"{kind} {name}", kind="former_district", local=True, specific=specific)
        b.add(name, kind, place, replace=True)
        if specific and name not in needs_qualifier and name != units["province"]:
            bare = Place(name=name, kind="locality", local=True, specific=True)
            b.add(name, None, bare, replace=ambiguity.get(name, 1) > 1)


@cache
def gazetteer() -> Gazetteer:
    """The packaged gazetteer of the province (built once per process)."""
    data = _read("lang_son.yaml")
    units = _read(data["units_file"])
    province = data["province"]
    b = _Builder()
    needs_qualifier = set(data.get("needs_qualifier", []))
    home = Place(name=province, kind="province", local=True, specific=True)
    for form in (province, *data.get("province_aliases", [])):
        b.add(form, None, home)
        b.add(form, "tỉnh", home)
    _add_units(b, units, needs_qualifier)
    # gates and landmarks after the units: a bare "Đồng Đăng" is the locality, "cửa khẩu Đồng Đăng" the gate
    for gate in data.get("border_gates", []):
        place = Place(name=f"cửa khẩu {gate['name']}", kind="border_gate", local=True, specific=True)
        for qualifier in ("cửa khẩu", "ga", None) if gate.get("bare", True) else ("cửa khẩu", "ga"):
            b.add(gate["name"], qualifier, place, replace=qualifier is not None)
    for mark in data.get("landmarks", []):
        for qualifier in mark.get("qualifier", []):
            place = Place(name=f"{qualifier} {mark['name']}", kind="landmark", local=True, specific=True)
            b.add(mark["name"], b.qualifier(qualifier), place)
        if mark.get("bare", True):
            b.add(mark["name"], None, Place(name=mark["name"], kind="landmark", local=True, specific=True))
    return b.build(province)


# Province-level bodies a collaborator may report from, beside the communes and wards.
_REPORTING_AGENCIES = (
    "Ủy ban MTTQ tỉnh",
    "Tỉnh đoàn",
    "Hội Nông dân tỉnh",
    "Hội Liên hiệp Phụ nữ tỉnh",
    "Liên đoàn Lao động tỉnh",
    "Hội Cựu chiến binh tỉnh",
)


def _sort_key(unit: str) -> str:
    name = unicodedata.normalize("NFD", unit.split(" ", 1)[1].replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in name if not unicodedata.combining(c)).lower()


@cache
def reporting_units() -> tuple[str, ...]:
    """The units a public-opinion collaborator reports from: the province's communes and wards since 2025
    ("xã Đồng Đăng", "phường Đông Kinh"), then its mass organisations and departments (Sở …)."""
    units = _read(_read("lang_son.yaml")["units_file"])
    places = sorted((f"{u['kind']} {u['name']}" for u in units.get("units", [])), key=_sort_key)
    agencies = [
        a["name"] for a in _read("organisations.yaml").get("agencies", []) if str(a["name"]).startswith("Sở ")
    ]
    return tuple(dict.fromkeys([*places, *_REPORTING_AGENCIES, *agencies]))
