"""The stand-in base takes its Debian mirror from the machine's apt sources."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "make_standin_base.sh"


def _print_mirror(apt_etc: Path) -> str:
    result = subprocess.run(
        ["bash", str(SCRIPT), "--print-mirror"],
        env={"APT_ETC": str(apt_etc), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_one_line_sources_give_the_bookworm_mirror(tmp_path):
    (tmp_path / "sources.list").write_text(
        "# deb http://commented.example/debian bookworm main\n"
        "deb http://security.example/debian-security bookworm-security main\n"
        "deb [arch=amd64 signed-by=/k.gpg] http://mirror.example/debian bookworm main\n"
    )

    assert _print_mirror(tmp_path) == "http://mirror.example/debian"


def test_deb822_sources_skip_disabled_and_source_only_entries(tmp_path):
    (tmp_path / "sources.list.d").mkdir()
    (tmp_path / "sources.list.d" / "debian.sources").write_text(
        "Types: deb\nURIs: http://off.example/debian\nSuites: bookworm\n"
        "Enabled: no\n\n"
        "Types: deb-src\nURIs: http://src.example/debian\nSuites: bookworm\n\n"
        "Types: deb\nURIs: http://mirror.example/debian\n"
        "Suites: bookworm bookworm-updates\nComponents: main\n"
    )

    assert _print_mirror(tmp_path) == "http://mirror.example/debian"


def test_another_release_mirror_is_used_when_none_lists_bookworm(tmp_path):
    (tmp_path / "sources.list.d").mkdir()
    (tmp_path / "sources.list.d" / "a.sources").write_text(
        "Types: deb\nURIs: http://security.example/debian-security\n"
        "Suites: trixie-security\n"
    )
    (tmp_path / "sources.list.d" / "b.sources").write_text(
        "Types: deb\nURIs: http://mirror.example/debian\nSuites: trixie\n"
    )

    assert _print_mirror(tmp_path) == "http://mirror.example/debian"


def test_no_sources_print_nothing(tmp_path):
    assert _print_mirror(tmp_path) == ""
