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
before, which answers with the same ETag for the same file.
"""

from __future__ import annotations

import asyncio
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
# so no path this middleware answers can climb out of the static folder. The
# length limit keeps well under a file system's 255-byte names.
ASSET_PATH: Final = re.compile(r"/static/(?:js|css|media)/[A-Za-z0-9_.-]{1,200}")
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
    etag: bytes  # the plain body's; the gzipped body's is its weak form


def _default_static_dir() -> Path:
    from streamlit import file_util

    return Path(file_util.get_static_dir())


def _default_base_path() -> str:
    from streamlit import config

    base = str(config.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}" if base else ""


def _streamlit_etag(path: Path) -> bytes:
    """Return the ETag Starlette's FileResponse gives ``path`` (1.10)."""
    stat = path.stat()
    seed = f"{stat.st_mtime}-{stat.st_size}".encode()
    return b'"' + hashlib.md5(seed, usedforsecurity=False).hexdigest().encode() + b'"'


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
    return _Asset(body, gzipped, content_type.encode(), _streamlit_etag(path))


def _header(scope: Scope, name: bytes) -> bytes:
    """Return every value of header ``name``, joined by commas."""
    return b", ".join(value for key, value in scope["headers"] if key == name)


def _quality(params: bytes) -> float:
    for param in params.split(b";"):
        key, _, value = param.partition(b"=")
        if key.strip() == b"q":
            try:
                return max(0.0, min(1.0, float(value.strip())))
            except ValueError:
                return 0.0
    return 1.0


def accepts_gzip(accept_encoding: bytes) -> bool:
    """Tell whether an Accept-Encoding header lets the body go gzipped."""
    qualities: dict[bytes, float] = {}
    for part in accept_encoding.lower().split(b","):
        coding, _, params = part.strip().partition(b";")
        if coding:
            qualities[coding.strip()] = _quality(params)
    return qualities.get(b"gzip", qualities.get(b"*", 0.0)) > 0


def matches_etag(if_none_match: bytes, etag: bytes) -> bool:
    """Apply If-None-Match's weak comparison of ``etag`` to the header."""
    if if_none_match.strip() == b"*":
        return True
    tags = (tag.strip().removeprefix(b"W/") for tag in if_none_match.split(b","))
    return etag.removeprefix(b"W/") in tags


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

        asset = self._assets.get(path)
        if asset is None:
            # Off the event loop: gzipping a 4 MB bundle takes a quarter of a
            # second, and zlib lets other requests run meanwhile.
            asset = await asyncio.to_thread(self._load, path)
        if asset is None:
            await self.app(scope, receive, send)
            return
        await self._respond(asset, scope, send)

    def _load(self, path: str) -> _Asset | None:
        if self._static_dir is None:
            self._static_dir = _default_static_dir()
        file = self._static_dir / path.removeprefix("/")
        try:
            if not file.is_file():
                return None
            asset = _read_asset(file)
        except OSError as error:
            logger.warning("Static file %s not cached: %s", path, error)
            return None

        with self._lock:
            size = len(asset.body) + len(asset.gzipped or b"")
            if path in self._assets:
                return self._assets[path]
            if self._cached_bytes + size > MAX_CACHED_BYTES:
                logger.warning(
                    "Static cache full (%d bytes); %s served uncached",
                    self._cached_bytes,
                    path,
                )
                return asset
            self._cached_bytes += size
            self._assets[path] = asset
        return asset

    async def _respond(self, asset: _Asset, scope: Scope, send: Send) -> None:
        body, etag = asset.body, asset.etag
        encoding: list[tuple[bytes, bytes]] = []
        if asset.gzipped is not None and accepts_gzip(
            _header(scope, b"accept-encoding")
        ):
            body, etag = asset.gzipped, b"W/" + asset.etag
            encoding = [(b"content-encoding", b"gzip")]
        headers = [
            (b"cache-control", CACHE_CONTROL),
            (b"etag", etag),
            (b"vary", b"Accept-Encoding"),
            # Ranges are served, by Streamlit: such requests go on to it.
            (b"accept-ranges", b"bytes"),
        ]

        if matches_etag(_header(scope, b"if-none-match"), etag):
            await send(
                {"type": "http.response.start", "status": 304, "headers": headers}
            )
            await send({"type": "http.response.body", "body": b""})
            return

        headers += [
            *encoding,
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
