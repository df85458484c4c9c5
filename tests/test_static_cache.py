"""The static-file middleware: what it answers itself and what it passes on."""

from __future__ import annotations

import asyncio
import gzip
from pathlib import Path

import pytest
from starlette.responses import FileResponse

from kana_app.static_cache import StaticAssetCache, accepts_gzip, matches_etag

SCRIPT = b"const kana = '\xe3\x81\x82';\n" * 400
FONT = bytes(range(256)) * 40


class Downstream:
    """Stands in for Streamlit: records what reached it, answers 418."""

    def __init__(self) -> None:
        self.paths: list[str] = []

    async def __call__(self, scope, receive, send) -> None:
        self.paths.append(scope.get("path", ""))
        if scope["type"] == "http":
            await send({"type": "http.response.start", "status": 418, "headers": []})
            await send({"type": "http.response.body", "body": b"streamlit"})


@pytest.fixture
def static_dir(tmp_path: Path) -> Path:
    (tmp_path / "static" / "js").mkdir(parents=True)
    (tmp_path / "static" / "media").mkdir()
    (tmp_path / "static" / "js" / "index.Ab3_x-9.js").write_bytes(SCRIPT)
    (tmp_path / "static" / "media" / "Font.B1c.woff2").write_bytes(FONT)
    (tmp_path / "secret.txt").write_text("not for the web")
    return tmp_path


@pytest.fixture
def downstream() -> Downstream:
    return Downstream()


@pytest.fixture
def cache(static_dir: Path, downstream: Downstream) -> StaticAssetCache:
    return StaticAssetCache(downstream, static_dir=static_dir, base_path="")


def _get(
    app,
    path: str,
    *,
    method: str = "GET",
    headers: dict[str, str] | list[tuple[str, str]] | None = None,
    scope_type: str = "http",
) -> tuple[int, dict[str, str], bytes]:
    messages = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        messages.append(message)

    scope = {
        "type": scope_type,
        "method": method,
        "path": path,
        "root_path": "",
        "headers": [
            (name.lower().encode(), value.encode())
            for name, value in (
                headers.items() if isinstance(headers, dict) else headers or []
            )
        ],
    }
    asyncio.run(app(scope, receive, send))

    start = messages[0]
    response_headers = {k.decode(): v.decode() for k, v in start["headers"]}
    body = b"".join(m.get("body", b"") for m in messages[1:])
    return start["status"], response_headers, body


def test_an_asset_is_served_with_streamlits_cache_lifetime(cache, downstream):
    status, headers, body = _get(cache, "/static/js/index.Ab3_x-9.js")

    assert status == 200
    assert body == SCRIPT
    assert headers["content-length"] == str(len(SCRIPT))
    assert headers["content-type"].endswith("javascript; charset=utf-8")
    assert headers["cache-control"] == "public, immutable, max-age=31536000"
    assert headers["vary"] == "Accept-Encoding"
    assert downstream.paths == []


def test_a_script_goes_gzipped_to_a_browser_that_accepts_it(cache):
    status, headers, body = _get(
        cache, "/static/js/index.Ab3_x-9.js", headers={"Accept-Encoding": "gzip, br"}
    )

    assert status == 200
    assert headers["content-encoding"] == "gzip"
    assert headers["content-length"] == str(len(body))
    assert len(body) < len(SCRIPT) / 4
    assert gzip.decompress(body) == SCRIPT


@pytest.mark.parametrize("accept", ["identity", "gzip;q=0", "br", ""])
def test_a_browser_that_refuses_gzip_gets_the_plain_file(cache, accept):
    _, headers, body = _get(
        cache, "/static/js/index.Ab3_x-9.js", headers={"Accept-Encoding": accept}
    )

    assert "content-encoding" not in headers
    assert body == SCRIPT


def test_a_font_is_not_gzipped_again(cache):
    _, headers, body = _get(
        cache, "/static/media/Font.B1c.woff2", headers={"Accept-Encoding": "gzip"}
    )

    assert "content-encoding" not in headers
    assert body == FONT


def test_a_file_is_read_from_disk_once(cache, static_dir):
    _get(cache, "/static/js/index.Ab3_x-9.js")
    (static_dir / "static" / "js" / "index.Ab3_x-9.js").unlink()

    status, _, body = _get(cache, "/static/js/index.Ab3_x-9.js")

    assert status == 200
    assert body == SCRIPT


def test_head_answers_the_headers_without_the_body(cache):
    status, headers, body = _get(cache, "/static/js/index.Ab3_x-9.js", method="HEAD")

    assert status == 200
    assert headers["content-length"] == str(len(SCRIPT))
    assert body == b""


def test_a_matching_etag_gets_not_modified(cache):
    _, headers, _ = _get(cache, "/static/js/index.Ab3_x-9.js")

    status, again, body = _get(
        cache,
        "/static/js/index.Ab3_x-9.js",
        headers={"If-None-Match": headers["etag"]},
    )

    assert status == 304
    assert again["etag"] == headers["etag"]
    assert body == b""


@pytest.mark.parametrize(
    "path",
    [
        "/static/js/missing.js",  # not in the folder
        "/static/js/../../secret.txt",  # climbing out
        "/static/js/..%2F..%2Fsecret.txt",
        "/static/secret.txt",  # outside the asset folders
        "/static/js/",
        "/static/js/" + "A" * 253 + ".js",  # longer than a file name can be
        "/write",  # a page
        "/_stcore/health",
    ],
)
def test_anything_else_goes_on_to_streamlit(cache, downstream, path):
    status, _, body = _get(cache, path)

    assert status == 418
    assert body == b"streamlit"
    assert downstream.paths == [path]


def test_a_range_request_goes_on_to_streamlit(cache, downstream):
    status, _, _ = _get(
        cache, "/static/media/Font.B1c.woff2", headers={"Range": "bytes=0-9"}
    )

    assert status == 418
    assert downstream.paths == ["/static/media/Font.B1c.woff2"]


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "OPTIONS"])
def test_other_methods_go_on_to_streamlit(cache, downstream, method):
    status, _, _ = _get(cache, "/static/js/index.Ab3_x-9.js", method=method)

    assert status == 418
    assert len(downstream.paths) == 1


def test_a_websocket_goes_on_to_streamlit(cache, downstream):
    sent = []

    async def receive():
        return {"type": "websocket.connect"}

    async def send(message):
        sent.append(message)

    scope = {"type": "websocket", "path": "/_stcore/stream", "headers": []}
    asyncio.run(cache(scope, receive, send))

    assert downstream.paths == ["/_stcore/stream"]


def test_under_a_base_path_only_its_own_assets_are_served(static_dir, downstream):
    cache = StaticAssetCache(downstream, static_dir=static_dir, base_path="/kana")

    status, _, body = _get(cache, "/kana/static/js/index.Ab3_x-9.js")
    passed, _, _ = _get(cache, "/static/js/index.Ab3_x-9.js")

    assert status == 200
    assert body == SCRIPT
    assert passed == 418
    assert downstream.paths == ["/static/js/index.Ab3_x-9.js"]


def test_the_etag_is_the_one_streamlit_gives_the_same_file(cache, static_dir):
    file = static_dir / "static" / "js" / "index.Ab3_x-9.js"

    _, plain, _ = _get(cache, "/static/js/index.Ab3_x-9.js")
    _, zipped, _ = _get(
        cache, "/static/js/index.Ab3_x-9.js", headers={"Accept-Encoding": "gzip"}
    )

    streamlits = FileResponse(file, stat_result=file.stat()).headers["etag"]
    assert plain["etag"] == streamlits
    assert zipped["etag"] == "W/" + plain["etag"]
    assert plain["accept-ranges"] == "bytes"


@pytest.mark.parametrize(
    "if_none_match", ["*", 'W/"{etag}"', '"{etag}"', '"other", "{etag}"']
)
def test_a_browser_holding_the_file_gets_not_modified(cache, if_none_match):
    _, headers, _ = _get(cache, "/static/js/index.Ab3_x-9.js")
    etag = headers["etag"].strip('"')

    status, _, body = _get(
        cache,
        "/static/js/index.Ab3_x-9.js",
        headers={"If-None-Match": if_none_match.format(etag=etag)},
    )

    assert (status, body) == (304, b"")


def test_another_etag_gets_the_file(cache):
    status, _, body = _get(
        cache, "/static/js/index.Ab3_x-9.js", headers={"If-None-Match": '"stale"'}
    )

    assert (status, body) == (200, SCRIPT)


@pytest.mark.parametrize(
    ("header", "gzipped"),
    [
        ("gzip", True),
        ("GZIP", True),
        ("br, gzip;q=0.001", True),
        ("*", True),
        ("*;q=0, gzip", True),
        ("gzip;q=0.5", True),
        ("gzip;q=0", False),
        ("gzip;q=0.", False),
        ("gzip;q=0.0000", False),
        ("gzip;level=1;q=0", False),
        ("gzip;q=abc", False),
        ("*;q=0", False),
        ("identity", False),
        ("", False),
    ],
)
def test_accept_encoding_is_read_with_its_qualities(header, gzipped):
    assert accepts_gzip(header.encode()) is gzipped


def test_every_accept_encoding_header_counts(cache):
    _, headers, _ = _get(
        cache,
        "/static/js/index.Ab3_x-9.js",
        headers=[("Accept-Encoding", "br"), ("Accept-Encoding", "gzip")],
    )

    assert headers["content-encoding"] == "gzip"


def test_an_empty_if_none_match_matches_nothing():
    assert not matches_etag(b"", b'"abc"')
