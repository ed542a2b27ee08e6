"""`duluan watch …` as a user runs it (CliRunner): add, list, show, pause, close, share, export and
import round trip, report (HTML and XLSX), one-line errors, and a body's user limited to its watches."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
import yaml
from typer.testing import CliRunner

from pipeline.cli.main import app
from tests.storage.search_articles import fill

runner = CliRunner()
HOSTILE = '=HYPERLINK("http://x") <b>đậm</b> [bold red]x[/]'


@pytest.fixture
def cli(db_url: str, tmp_path: Path) -> list[str]:
    fill(db_url)
    return ["--database-url", db_url, "--data-dir", str(tmp_path / "var")]


def run(cli: list[str], *args: str, code: int = 0, stdin: str | None = None) -> str:
    result = runner.invoke(app, [*cli, *args], input=stdin)
    assert result.exit_code == code, result.output
    return result.output


def add(cli: list[str], *args: str) -> int:
    out = run(cli, "watch", "add", *args)
    assert "added" in out
    return int(out.split()[1].rstrip(":"))


def user(cli: list[str], name: str, role: str) -> None:
    run(cli, "users", "add", name, "--role", role, "--password-stdin", stdin="mat-khau-dai-12345\n")


def test_add_backfills_and_show_gives_the_figures(cli: list[str]) -> None:
    wid = add(cli, "--name", "Ô nhiễm", "--owner", "ubnd", "--query", "o nhiem", "--start", "2026-11-01")
    out = run(cli, "watch", "show", str(wid), "--since", "2026-11-01", "--until", "2026-11-30")
    assert "3 articles from 2 outlets" in out and "negative 67%" in out
    assert "first: 2026-11-10 Người dân bức xúc" in out
    listed = json.loads(run(cli, "watch", "list", "--format", "json"))
    assert [(w["id"], w["articles"], w["state"]) for w in listed] == [(wid, 3, "active")]


def test_pause_close_and_share(cli: list[str]) -> None:
    wid = add(cli, "--name", "Đất đai", "--owner", "ubnd", "--query", "dat dai")
    run(cli, "watch", "pause", str(wid))
    run(cli, "watch", "share", str(wid), "--with", "hdnd", "--with", "tand")
    run(cli, "watch", "close", str(wid), "--note", "Đã giải quyết xong")
    (listed,) = json.loads(run(cli, "watch", "list", "--format", "json", "--state", "closed"))
    assert listed["shared_with"] == ["hdnd", "tand"]
    assert "Đã giải quyết xong" in run(cli, "watch", "show", str(wid))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--query", '"o nhiem'], "query: unbalanced quote"),
        (["--query", "NOT lu"], "query: NOT / - only excludes"),
        (["--query", "x", "--owner", "analyst"], "owner: Input should be"),
        (["--query", "x", "--topic", "khong_co"], "unknown topic id 'khong_co'"),
        (["--query", "x", "--start", "2026-13-01"], "invalid date '2026-13-01'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(cli: list[str], args: list[str], message: str) -> None:
    base = {"--name": "Thử", "--owner": "ubnd"}
    for i in range(0, len(args), 2):
        base[args[i]] = args[i + 1]
    out = run(cli, "watch", "add", *[x for kv in base.items() for x in kv], code=2)
    assert out.startswith("error: ") and message in out and len(out.strip().splitlines()) == 1


def test_export_then_import_round_trips(cli: list[str], tmp_path: Path) -> None:
    add(
        cli,
        "--name",
        "Ô nhiễm",
        "--owner",
        "ubnd",
        "--query",
        "o nhiem",
        "--share",
        "hdnd",
        "--policy",
        "each",
    )
    target = tmp_path / "watches.yaml"
    run(cli, "watch", "export", str(target))
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data["watches"][0]["shared_with"] == ["hdnd"] and data["watches"][0]["policy"] == "each"
    data["watches"][0]["name"] = "Ô nhiễm (sửa)"
    data["watches"].append({"name": "Đắk Lắk", "owner": "tand", "query": "dak lak", "start": "2026-11-01"})
    target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = run(cli, "watch", "import", str(target))
    assert "1 watches created, 1 updated; 1 article matches back-filled" in out
    names = [w["name"] for w in json.loads(run(cli, "watch", "list", "--format", "json"))]
    assert names == ["Ô nhiễm (sửa)", "Đắk Lắk"]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"name": "x", "owner": "ubnd", "query": "(a OR b"}, "watches.0: query: unbalanced parenthesis"),
        (
            {"name": "x", "owner": "ubnd", "query": "a", "policy": "often"},
            "watches.0.policy: Input should be",
        ),
        ({"name": "x", "query": "a"}, "watches.0.owner: Field required"),
    ],
)
def test_a_bad_file_imports_nothing(
    cli: list[str], tmp_path: Path, entry: dict[str, str], message: str
) -> None:
    target = tmp_path / "watches.yaml"
    good = {"name": "Tốt", "owner": "ubnd", "query": "o nhiem"}
    target.write_text(yaml.safe_dump({"watches": [entry, good]}, allow_unicode=True), encoding="utf-8")
    out = run(cli, "watch", "import", str(target), code=2)
    assert message in out and len(out.strip().splitlines()) == 1
    assert json.loads(run(cli, "watch", "list", "--format", "json")) == []


def test_report_writes_escaped_html_and_formula_free_xlsx(cli: list[str]) -> None:
    wid = add(
        cli, "--name", HOSTILE, "--owner", "ubnd", "--query", "hoi lo OR o nhiem", "--start", "2026-11-01"
    )
    listed = runner.invoke(app, [*cli, "watch", "list"], env={"COLUMNS": "250"}).output
    assert "[bold red]x[/]" in listed and "<b>đậm</b>" in listed  # shown as typed, not as markup
    out = run(cli, "watch", "report", str(wid), "--since", "2026-11-01", "--until", "2026-11-30")
    html_path, xlsx_path = (Path(line.strip()) for line in out.splitlines()[1:3])
    html = html_path.read_text(encoding="utf-8")
    assert "&lt;b&gt;đậm&lt;/b&gt;" in html and "<b>đậm</b>" not in html and "[bold red]x[/]" in html
    book = openpyxl.load_workbook(xlsx_path)
    assert book.sheetnames == ["Tổng hợp", "Theo ngày", "Theo cơ quan báo chí", "Mạch tin", "Bài viết"]
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in cells)
    assert any(c.value == HOSTILE for c in cells)
    articles = book["Bài viết"]
    assert articles.max_row == 1 + 4  # header + the four matches
    stories = [r[0].value for r in book["Mạch tin"].iter_rows(min_row=2)]
    assert stories == ["Bãi rác và con đường"]


def test_a_body_user_sees_and_changes_only_its_watches(cli: list[str]) -> None:
    user(cli, "ubnd1", "ubnd")
    user(cli, "tand1", "tand")
    mine = add(cli, "--name", "Của UBND", "--owner", "ubnd", "--query", "o nhiem", "--user", "ubnd1")
    theirs = add(cli, "--name", "Của TAND", "--owner", "tand", "--query", "toa an")
    listed = [w["id"] for w in json.loads(run(cli, "watch", "list", "--format", "json", "--user", "ubnd1"))]
    assert listed == [mine]
    for args in (["show", str(theirs)], ["pause", str(theirs)], ["close", str(theirs)]):
        out = run(cli, "watch", *args, "--user", "ubnd1", code=2)
        assert f"no watch {theirs}" in out
    out = run(
        cli, "watch", "add", "--name", "x", "--owner", "tand", "--query", "x", "--user", "ubnd1", code=2
    )
    assert "may not create" in out
    assert "only the board" in run(
        cli, "watch", "share", str(mine), "--with", "hdnd", "--user", "ubnd1", code=2
    )
    run(cli, "watch", "pause", str(mine), "--user", "ubnd1")
    assert "Của TAND" not in run(cli, "watch", "export", "--user", "ubnd1")
