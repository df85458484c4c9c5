"""Static checks of the Dockerfile, its .dockerignore and the Streamlit config.

The image itself is built and run by scripts/image_test.sh (`make image-test`).
"""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCKERFILE = ROOT / "Dockerfile"

# Runtime-only image: none of these may be installed by default.
FORBIDDEN_PACKAGES = (
    "torch",
    "aws-cdk-lib",
    "constructs",
    "cdk-nag",
    "cfn-lint",
    "pytest",
    "playwright",
    "onnx",
)
SECRET_NAME = re.compile(
    r"(SECRET|PASSWORD|PASSWD|TOKEN|API_KEY|ACCESS_KEY|CREDENTIAL)", re.IGNORECASE
)
SECRET_VALUE = re.compile(
    r"(AKIA[0-9A-Z]{16}|-----BEGIN [A-Z ]*PRIVATE KEY|hf_[A-Za-z0-9]{20,})"
)


def _instructions(text: str) -> list[tuple[str, str]]:
    """Split a Dockerfile into (INSTRUCTION, arguments), continuations joined."""
    result: list[tuple[str, str]] = []
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        current += line
        keyword, _, args = current.partition(" ")
        result.append((keyword.upper(), args.strip()))
        current = ""
    return result


@pytest.fixture(scope="module")
def instructions() -> list[tuple[str, str]]:
    return _instructions(DOCKERFILE.read_text(encoding="utf-8"))


def _args_of(instructions: list[tuple[str, str]], keyword: str) -> list[str]:
    return [args for kw, args in instructions if kw == keyword]


def _index_of(instructions: list[tuple[str, str]], keyword: str, needle: str) -> int:
    for i, (kw, args) in enumerate(instructions):
        if kw == keyword and needle in args:
            return i
    raise AssertionError(f"no {keyword} with {needle!r} in the Dockerfile")


def test_base_image_is_a_pinned_slim_python_311_chosen_by_build_arg(instructions):
    first_kw, first_args = instructions[0]
    assert first_kw == "ARG"
    name, _, default = first_args.partition("=")

    assert name == "BASE"
    assert re.fullmatch(
        r"python:3\.11\.\d+-slim-[a-z]+(@sha256:[0-9a-f]{64})?", default
    )
    assert _args_of(instructions, "FROM") == ["${BASE}"]


def test_app_runs_as_a_non_root_user(instructions):
    users = _args_of(instructions, "USER")

    assert users, "the Dockerfile never switches away from root"
    assert users[-1] not in ("root", "0", "0:0")
    assert _index_of(instructions, "USER", users[-1]) < _index_of(
        instructions, "CMD", "streamlit"
    )


def test_healthcheck_calls_streamlit_health_endpoint_on_8501(instructions):
    (healthcheck,) = _args_of(instructions, "HEALTHCHECK")

    assert "http://127.0.0.1:8501/_stcore/health" in healthcheck
    assert "--start-period=" in healthcheck
    assert _args_of(instructions, "EXPOSE") == ["8501"]


def test_cmd_serves_the_app_on_all_interfaces_port_8501(instructions):
    (cmd,) = _args_of(instructions, "CMD")
    argv = [part.strip(' "') for part in cmd.strip("[]").split(",")]

    assert argv[:3] == ["streamlit", "run", "kana_app/server.py"]
    assert "--server.address=0.0.0.0" in argv
    assert "--server.port=8501" in argv


def test_dependencies_are_installed_before_the_code_is_copied(instructions):
    copy_requirements = _index_of(instructions, "COPY", "requirements.txt")
    install = _index_of(instructions, "RUN", "pip install -r requirements.txt")
    copy_code = _index_of(instructions, "COPY", "kana_app/")

    assert copy_requirements < install < copy_code


def test_only_the_app_and_its_config_are_copied(instructions):
    sources = set()
    for args in _args_of(instructions, "COPY") + _args_of(instructions, "ADD"):
        sources.update(shlex.split(args)[:-1])

    assert sources == {
        "requirements.txt",
        "setup.py",
        ".streamlit/config.toml",
        "kana_app/",
    }
    assert not _args_of(instructions, "ADD")


def test_nothing_but_the_runtime_requirements_is_installed_by_default(instructions):
    (install,) = [
        args for args in _args_of(instructions, "RUN") if "pip install" in args
    ]
    # The Manga OCR branch only runs with --build-arg MANGA_OCR_MODEL=...
    default_path = re.sub(r'if \[ -n "\$MANGA_OCR_MODEL" \].*?\bfi;', "", install)

    assert re.findall(r"pip install [^;]*", default_path) == [
        "pip install -r requirements.txt"
    ]


@pytest.mark.parametrize("package", FORBIDDEN_PACKAGES)
def test_runtime_requirements_leave_out_training_cdk_and_test_tools(package):
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    names = {re.split(r"[=<>!~\[; ]", line.strip())[0].lower() for line in lines}

    assert package not in names


def test_no_secrets_are_baked_into_the_image(instructions):
    for kw, args in instructions:
        assert not SECRET_VALUE.search(args), f"{kw} {args} looks like a secret"
        if kw in ("ENV", "ARG"):
            for name in re.findall(r"([A-Za-z_][A-Za-z0-9_]*)=", args):
                assert not SECRET_NAME.search(name), f"{kw} {name} looks like a secret"


def test_image_neither_writes_files_nor_calls_out_at_run_time(instructions):
    env = " ".join(_args_of(instructions, "ENV"))

    assert "PYTHONDONTWRITEBYTECODE=1" in env
    assert "STREAMLIT_SERVER_FILE_WATCHER_TYPE=none" in env
    # The banner looks up the public IP over HTTP on every start.
    assert "STREAMLIT_LOGGER_HIDE_WELCOME_MESSAGE=true" in env
    assert "ORT_DISABLE_TELEMETRY=1" in env
    assert "HF_HUB_OFFLINE=1" in env


def test_dockerignore_allows_only_what_the_build_copies():
    lines = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    patterns = [
        line.strip() for line in lines if line.strip() and not line.startswith("#")
    ]

    assert patterns[0] == "*"
    assert {p[1:] for p in patterns if p.startswith("!")} == {
        "Dockerfile",
        "requirements.txt",
        "setup.py",
        ".streamlit/config.toml",
        "kana_app/",
    }


def test_streamlit_config_is_headless_private_and_small():
    config = tomllib.loads(
        (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    )

    assert config["server"]["headless"] is True
    assert config["server"]["enableXsrfProtection"] is True
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["maxUploadSize"] <= 5
    assert config["server"]["maxMessageSize"] <= 20


def test_streamlit_config_names_only_real_options():
    from streamlit import config as streamlit_config

    path = ROOT / ".streamlit" / "config.toml"
    config = tomllib.loads(path.read_text(encoding="utf-8"))
    known = streamlit_config.get_config_options()
    names = [f"{section}.{key}" for section, table in config.items() for key in table]

    assert [name for name in names if name not in known] == []
