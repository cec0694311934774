"""A --converter spec that is not one is refused with what was expected, before any work,
and the converter's timeouts are read when they are used, not when besluitpak is imported
(fast tier: parsing only, no server is asked)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from besluitpak import BuildSettings
from besluitpak.convert import backend, unoclient, unoserver, workers
from besluitpak.errors import ConversionError
from tests.helpers import BESLUITPAK, MINIMAL


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("gotenberg://127.0.0.1:3000", "expected local or unoserver://"),
        ("unoserver://", "expected HOST:PORT for each server, got ''"),
        ("unoserver://lo1", "expected HOST:PORT for each server, got 'lo1'"),
        ("unoserver://lo1:abc", "expected HOST:PORT for each server, got 'lo1:abc'"),
        ("unoserver://lo1:0", "expected a port from 1 to 65535, got 'lo1:0'"),
        ("unoserver://lo1:70000", "expected a port from 1 to 65535, got 'lo1:70000'"),
        ("unoserver://lo1:2003,lo1:2003", "expected each server once, got 'lo1:2003' twice"),
        ("unoserver://lo1:2003?timeout=-1", "expected timeout=SECONDS (more than 0), got '-1'"),
        ("unoserver://lo1:2003?timeout=nan", "expected timeout=SECONDS (more than 0), got 'nan'"),
        ("unoserver://lo1:2003?timeout=soon", "expected timeout=SECONDS (more than 0), got 'soon'"),
        ("unoserver://lo1:2003?timout=5", "expected no option but timeout=SECONDS, got 'timout'"),
    ],
)
def test_a_spec_that_is_not_one_says_what_is_expected(spec: str, expected: str) -> None:
    with pytest.raises(ConversionError) as raised:
        backend.parse(spec)
    assert expected in str(raised.value)


def test_a_good_spec_names_its_servers_and_timeout() -> None:
    pool = backend.parse("unoserver://lo1:2003, [::1]:2004?timeout=12.5")
    assert isinstance(pool, unoserver.Pool)
    assert [str(s) for s in pool.servers] == ["lo1:2003", "[::1]:2004"]
    assert pool.document_timeout == 12.5
    assert backend.parse("local") is backend.LOCAL


def test_build_settings_refuse_a_spec_that_is_not_one_when_they_are_made() -> None:
    with pytest.raises(ConversionError, match="expected local or unoserver://"):
        BuildSettings(converter="gotenberg://127.0.0.1:3000")
    assert BuildSettings(converter="unoserver://lo1:2003").converter == "unoserver://lo1:2003"
    assert BuildSettings().converter is None  # then $BESLUITPAK_CONVERTER, else local


def test_the_timeout_is_read_when_a_conversion_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BESLUITPAK_TIMEOUT", raising=False)
    assert workers.default_timeout() == 180
    monkeypatch.setenv("BESLUITPAK_TIMEOUT", "7.5")
    assert workers.default_timeout() == 7.5
    for written in ("soon", "0", "-3", "nan"):
        monkeypatch.setenv("BESLUITPAK_TIMEOUT", written)
        with pytest.raises(ConversionError) as raised:
            workers.default_timeout()
        assert str(raised.value) == (
            f"BESLUITPAK_TIMEOUT: expected seconds (more than 0), got {written!r}"
        )


def test_the_document_timeout_is_read_when_a_spec_is_parsed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BESLUITPAK_DOCUMENT_TIMEOUT", "9")
    pool = backend.parse("unoserver://lo1:2003")
    assert isinstance(pool, unoserver.Pool) and pool.document_timeout == 9
    with_option = backend.parse("unoserver://lo1:2003?timeout=4")
    assert isinstance(with_option, unoserver.Pool) and with_option.document_timeout == 4
    monkeypatch.setenv("BESLUITPAK_DOCUMENT_TIMEOUT", "later")
    with pytest.raises(ConversionError, match="BESLUITPAK_DOCUMENT_TIMEOUT: expected SECONDS"):
        backend.parse("unoserver://lo1:2003")


def test_the_environment_names_the_converter_only_when_the_settings_do_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from_environment, from_settings = unoclient.free_port(), unoclient.free_port()
    monkeypatch.setenv("BESLUITPAK_CONVERTER", f"unoserver://127.0.0.1:{from_environment}")
    with pytest.raises(ConversionError, match=rf"answered \(127.0.0.1:{from_environment}:"):
        backend.choose(BuildSettings().converter)
    settings = BuildSettings(converter=f"unoserver://127.0.0.1:{from_settings}")
    with pytest.raises(ConversionError, match=rf"answered \(127.0.0.1:{from_settings}:"):
        backend.choose(settings.converter)


def test_the_cli_gives_its_converter_to_the_build_before_any_work(tmp_path: Path) -> None:
    dead = unoclient.free_port()
    converter = ["--converter", f"unoserver://127.0.0.1:{dead}"]
    result = subprocess.run(
        [BESLUITPAK, "build", str(MINIMAL), "--out", str(tmp_path / "out"), *converter],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert f"error: no unoserver answered (127.0.0.1:{dead}:" in result.stderr
    assert not list(tmp_path.glob("out/*.pdf"))
