"""The server as ``make run`` and the image start it: its static files."""

from __future__ import annotations

import gzip
import re
import urllib.request


def _fetch(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as reply:
        return (
            reply.status,
            {k.lower(): v for k, v in reply.headers.items()},
            (reply.read()),
        )


def test_streamlits_scripts_come_gzipped_and_cached_for_a_year(app_url):
    _, _, shell = _fetch(f"{app_url}/write")
    scripts = re.findall(rb'src="\./(static/js/[^"]+\.js)"', shell)
    assert scripts, "the page shell names no script"

    status, headers, body = _fetch(
        f"{app_url}/{scripts[0].decode()}", **{"Accept-Encoding": "gzip"}
    )
    _, _, plain = _fetch(f"{app_url}/{scripts[0].decode()}")

    assert status == 200
    assert headers["content-encoding"] == "gzip"
    assert "immutable" in headers["cache-control"]
    assert gzip.decompress(body) == plain
    assert len(body) < len(plain) / 2


def test_a_page_path_still_gets_the_app_and_health_answers(app_url):
    status, headers, shell = _fetch(f"{app_url}/read?kana=%E3%81%82")
    health_status, _, health = _fetch(f"{app_url}/_stcore/health")

    assert status == 200
    assert headers["cache-control"] == "no-cache"
    assert b'<div id="root">' in shell
    assert (health_status, health) == (200, b"ok")
