"""Limits: a request body larger than an upload may be is refused on its announced length
before it is read (by the page and by the server at the socket); a 403 is one line in the
log, not a traceback."""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.web.live import serve
from tests.web.workspaces import make_workspace

HUGE = 300_000_000


def test_a_300_mb_post_to_the_sign_in_page_is_refused_before_it_is_read(
    tmp_path: Path,
) -> None:
    with serve(make_workspace(tmp_path / "werkruimte"), roles=()) as live:
        address = urlsplit(live.url)
        with socket.create_connection((address.hostname, address.port), timeout=30) as s:
            s.sendall(
                b"POST /inloggen/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: application/x-www-form-urlencoded\r\n"
                + f"Content-Length: {HUGE}\r\n\r\n".encode()
                + b"username=x&password=" + b"y" * 1000
            )  # fmt: skip
            answer = s.recv(4096)  # answered with 1 kB of the 300 MB sent: nothing was read
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]


def test_the_page_refuses_a_body_over_the_limit_on_its_announced_length(
    users: dict[str, User], workspace: Path
) -> None:
    response = Client().generic(
        "POST", "/inloggen/", b"username=x", CONTENT_LENGTH=str(HUGE),
        CONTENT_TYPE="application/x-www-form-urlencoded",
    )  # fmt: skip
    assert response.status_code == 413
    assert "Te groot" in response.content.decode()


def test_a_refusal_is_one_log_line_without_a_traceback(
    client_as: Callable[[str], Client], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client_as("beleidsadviseur").get("/logboek/").status_code == 403
    refused = [r for r in caplog.records if r.name == "django.request"]
    assert [r.getMessage() for r in refused] == ["Forbidden (Permission denied): /logboek/"]
    assert refused[0].exc_info is None and not refused[0].exc_text
    assert "Traceback" not in caplog.text
