"""A --converter spec that is not one is refused with what was expected, before any work
(fast tier: parsing only, no server is asked)."""

from __future__ import annotations

import pytest

from besluitpak.convert import backend, unoserver
from besluitpak.errors import ConversionError


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
