"""`duluan users …`, `duluan corrections …` and `duluan serve` as a user runs them."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from pipeline.cli.main import app as cli


def run(data: Path, *args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--data-dir", str(data), *args], input=stdin)
    return result.exit_code, result.output


def test_users_add_reads_the_password_from_stdin(tmp_path: Path) -> None:
    code, out = run(
        tmp_path, "users", "add", "lan", "--role", "analyst", "--password-stdin", stdin="s3cret-pass\n"
    )
    assert code == 0 and "user lan added with role analyst" in out
    code, out = run(tmp_path, "users", "list")
    assert "lan" in out and "analyst" in out


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["users", "add", "x", "--role", "admin"], "s3cret-pass\n", "unknown role 'admin'"),
        (["users", "add", "x", "--role", "ubnd"], "short\n", "password too short"),
        (["users", "add", "x", "--role", "ubnd"], "\n", "empty password"),
        (["users", "add", "a b", "--role", "ubnd"], "s3cret-pass\n", "invalid user name"),
        (["users", "passwd", "nobody"], "s3cret-pass\n", "no user 'nobody'"),
        (["users", "disable", "nobody"], None, "no user 'nobody'"),
    ],
)
def test_users_bad_input_is_one_line_error(
    tmp_path: Path, args: list[str], stdin: str | None, message: str
) -> None:
    code, out = run(tmp_path, *args, stdin=stdin)
    assert code == 2 and f"error: {message}" in out


def test_users_add_twice_is_refused(tmp_path: Path) -> None:
    assert run(tmp_path, "users", "add", "lan", "--role", "ubnd", stdin="s3cret-pass\n")[0] == 0
    code, out = run(tmp_path, "users", "add", "lan", "--role", "hdnd", stdin="s3cret-pass\n")
    assert code == 2 and "error: user 'lan' already exists" in out


def test_corrections_export_with_no_corrections_writes_an_empty_file(tmp_path: Path) -> None:
    out = tmp_path / "LABELED.jsonl"
    code, output = run(tmp_path, "corrections", "export", "--output", str(out))
    assert code == 0 and "wrote 0 labeled articles" in output and out.read_text() == ""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_answers_on_the_given_port(tmp_path: Path) -> None:
    port = _free_port()
    duluan = Path(sys.executable).with_name("duluan")
    proc = subprocess.Popen(
        [str(duluan), "--data-dir", str(tmp_path), "serve", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/", follow_redirects=False)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
        assert response.status_code == 303 and response.headers["location"].startswith("/login")
        login = httpx.get(f"http://127.0.0.1:{port}/login")
        assert "Đăng nhập" in login.text and "default-src 'self'" in login.headers["content-security-policy"]
    finally:
        proc.terminate()
        proc.wait(timeout=10)
