"""`cdk synth` with the CDK CLI that package.json pins, as an operator runs it.

Offline: no AWS credentials or configuration are visible to the CLI, it does
not look for notices, new versions or send telemetry, and synthesis only
stages the image's build context (Docker builds the image at deploy time).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cfnlint.api import ManualArgs, lint_file
from tests.cdk.synthesis import CERTIFICATE_ARN, REGION, REPO

CDK_CLI = REPO / "node_modules" / ".bin" / "cdk"

pytestmark = pytest.mark.slow


def _offline_environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "CDK_"))}
    env.update(
        AWS_CONFIG_FILE=str(home / "missing-config"),
        AWS_SHARED_CREDENTIALS_FILE=str(home / "missing-credentials"),
        AWS_EC2_METADATA_DISABLED="true",
        CDK_HOME=str(home),
        CDK_DISABLE_VERSION_CHECK="true",
        CDK_DISABLE_CLI_TELEMETRY="true",
    )
    return env


def _cdk_synth(outdir: Path, context: dict[str, str]) -> subprocess.CompletedProcess:
    assert CDK_CLI.exists(), "run `npm ci` first: the CDK CLI is installed locally"

    command = [
        str(CDK_CLI),
        "synth",
        "--app",
        f"{sys.executable} app.py",
        "--output",
        str(outdir),
        "--no-notices",
        "--quiet",
        "-c",
        f"region={REGION}",
    ]
    for key, value in context.items():
        command += ["-c", f"{key}={value}"]

    started = time.monotonic()
    result = subprocess.run(
        command,
        cwd=REPO,
        env=_offline_environment(outdir.parent),
        capture_output=True,
        text=True,
        timeout=300,
    )
    print(f"cdk synth {context or 'defaults'}: {time.monotonic() - started:.1f} s")
    return result


@pytest.fixture(
    scope="module",
    params=[{}, {"certificate_arn": CERTIFICATE_ARN}],
    ids=["default", "https"],
)
def cli_assembly(request: pytest.FixtureRequest, tmp_path_factory) -> Path:
    outdir = tmp_path_factory.mktemp("cli") / "cdk.out"
    result = _cdk_synth(outdir, request.param)
    assert result.returncode == 0, result.stderr[-4000:]
    return outdir


def test_cli_synth_writes_the_template_and_passes_cdk_nag(cli_assembly: Path):
    template = json.loads((cli_assembly / "Kana.template.json").read_text())
    assert "AWS::ECS::Service" in {r["Type"] for r in template["Resources"].values()}

    report = json.loads((cli_assembly / "validation-report.json").read_text())
    assert [p["conclusion"] for p in report["pluginReports"]] == ["success"]


def test_cli_synth_template_has_no_cfn_lint_finding(cli_assembly: Path):
    for template in cli_assembly.glob("*.template.json"):
        matches = lint_file(template, config=ManualArgs(regions=[REGION]))
        assert [str(m) for m in matches] == []


def test_cli_synth_stages_a_small_image_context_and_builds_nothing(cli_assembly: Path):
    assets = json.loads((cli_assembly / "Kana.assets.json").read_text())
    (image,) = assets["dockerImages"].values()
    staged = cli_assembly / image["source"]["directory"]
    assert (staged / "Dockerfile").exists()
    assert not (staged / ".venv").exists() and not (staged / "node_modules").exists()

    size = sum(p.stat().st_size for p in cli_assembly.rglob("*") if p.is_file())
    assert size < 50 * 2**20, f"cdk.out is {size / 2**20:.1f} MiB"
