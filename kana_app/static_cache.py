"""Serve Streamlit's own hashed scripts, styles and fonts from memory.

A first visit makes the browser fetch about a hundred files under
``/static/``. Streamlit 1.67 answers each through Starlette's ``StaticFiles``
behind its middleware stack: a stat, an open and a thread hop per 64 KiB, about
1.2 ms of server CPU a file, which made the static files most of what a first
visit costs. The files are content-hashed and never change while the process
runs, so this middleware keeps each one, read once and gzipped once, and
answers later requests for it with a dictionary lookup and one send. Gzip
also cuts the bytes a learner's phone downloads by about two thirds, which
Streamlit leaves uncompressed on these paths.

Anything it does not know for certain (a name outside the static folder, a
range request, a method other than GET or HEAD) goes on to Streamlit as
before.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import mimetypes
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger(__name__)

# Streamlit's bundles are named folder/name.hash.ext; nothing else qualifies,
# so no path this middleware answers can climb out of the static folder.
ASSET_PATH: Final = re.compile(r"/static/(?:js|css|media)/[A-Za-z0-9_.-]+")
# The same lifetime Streamlit gives these files (one year, immutable).
CACHE_CONTROL: Final = b"public, immutable, max-age=31536000"
# Fonts and images are compressed already; gzip would waste the CPU.
COMPRESSIBLE_TYPES: Final = (
    "application/javascript",
    "application/json",
    "image/svg+xml",
    "text/",
)
GZIP_LEVEL: Final = 9
MIN_GZIP_BYTES: Final = 1024
# All of Streamlit 1.67's static folder is about 26 MB; this bounds the cache
# should a future version ship far more.
MAX_CACHED_BYTES: Final = 64 * 1024 * 1024


@dataclass(frozen=True)
class _Asset:
    body: bytes
    gzipped: bytes | None
    content_type: bytes
    etag: bytes


def _default_static_dir() -> Path:
    from streamlit import file_util

    return Path(file_util.get_static_dir())


def _default_base_path() -> str:
    from streamlit import config

    base = str(config.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}" if base else ""


def _read_asset(path: Path) -> _Asset:
    body = path.read_bytes()
    content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    gzipped = None
    if len(body) >= MIN_GZIP_BYTES and content_type.startswith(COMPRESSIBLE_TYPES):
        candidate = gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)
        if len(candidate) < len(body):
            gzipped = candidate
    if content_type.startswith(("text/", "application/javascript")):
        content_type += "; charset=utf-8"
    etag = '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'
    return _Asset(body, gzipped, content_type.encode(), etag.encode())


def _header(scope: Scope, name: bytes) -> bytes:
    for key, value in scope["headers"]:
        if key == name:
            return value
    return b""


def _accepts_gzip(accept_encoding: bytes) -> bool:
    for part in accept_encoding.lower().split(b","):
        coding, _, params = part.strip().partition(b";")
        if coding.strip() in (b"gzip", b"*"):
            quality = params.strip().removeprefix(b"q=").strip()
            return quality not in (b"0", b"0.0", b"0.00", b"0.000")
    return False


class StaticAssetCache:
    """ASGI middleware: answer ``/static/`` asset requests from memory."""

    def __init__(
        self,
        app: ASGIApp,
        static_dir: Path | None = None,
        base_path: str | None = None,
    ) -> None:
        self.app = app
        # Both are read from Streamlit on the first request when not given:
        # its config is not loaded yet when the middleware is built.
        self._static_dir = static_dir
        self._base_path = base_path
        self._assets: dict[str, _Asset] = {}
        self._cached_bytes = 0
        self._lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return

        if self._base_path is None:
            self._base_path = _default_base_path()
        path = scope["path"].removeprefix(scope.get("root_path", ""))
        if not path.startswith(self._base_path):
            await self.app(scope, receive, send)
            return
        path = path[len(self._base_path) :]
        if not ASSET_PATH.fullmatch(path) or _header(scope, b"range"):
            await self.app(scope, receive, send)
            return

        asset = self._assets.get(path) or self._load(path)
        if asset is None:
            await self.app(scope, receive, send)
            return
        await self._respond(asset, scope, send)

    def _load(self, path: str) -> _Asset | None:
        if self._static_dir is None:
            self._static_dir = _default_static_dir()
        file = self._static_dir / path.removeprefix("/")
        if not file.is_file():
            return None

        asset = _read_asset(file)
        with self._lock:
            size = len(asset.body) + len(asset.gzipped or b"")
            if self._cached_bytes + size <= MAX_CACHED_BYTES:
                if path not in self._assets:
                    self._cached_bytes += size
                self._assets[path] = asset
            elif not self._assets.get(path):
                logger.warning(
                    "Static cache full (%d bytes); %s served uncached",
                    self._cached_bytes,
                    path,
                )
        return asset

    async def _respond(self, asset: _Asset, scope: Scope, send: Send) -> None:
        headers = [
            (b"cache-control", CACHE_CONTROL),
            (b"etag", asset.etag),
            (b"vary", b"Accept-Encoding"),
        ]
        if asset.etag in _header(scope, b"if-none-match"):
            await send(
                {"type": "http.response.start", "status": 304, "headers": headers}
            )
            await send({"type": "http.response.body", "body": b""})
            return

        body = asset.body
        if asset.gzipped is not None and _accepts_gzip(
            _header(scope, b"accept-encoding")
        ):
            body = asset.gzipped
            headers.append((b"content-encoding", b"gzip"))
        headers += [
            (b"content-type", asset.content_type),
            (b"content-length", str(len(body)).encode()),
        ]
        start: Message = {
            "type": "http.response.start",
            "status": 200,
            "headers": headers,
        }
        await send(start)
        if scope["method"] == "HEAD":
            body = b""
        await send({"type": "http.response.body", "body": body})
