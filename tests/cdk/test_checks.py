"""cdk-nag, cfn-lint and the image asset, on every in-process synthesis."""

from __future__ import annotations

import pytest
from cfnlint.api import ManualArgs, lint_file
from tests.cdk.synthesis import REGION, Synthesis

VARIANTS = ("default_synthesis", "https_synthesis", "custom_synthesis")

# Nothing in the image asset may come from these: .dockerignore keeps them out.
NEVER_IN_IMAGE = (".venv", "node_modules", ".git", "cdk.out", "tests", "training")


@pytest.fixture(params=VARIANTS)
def synthesis(request: pytest.FixtureRequest) -> Synthesis:
    return request.getfixturevalue(request.param)


def test_cdk_nag_leaves_no_unacknowledged_finding(synthesis: Synthesis):
    report = synthesis.nag_report
    assert report["violations"] == []
    assert report["conclusion"] == "success"


def test_every_acknowledgement_names_its_rule_and_explains_why(synthesis: Synthesis):
    acknowledged = synthesis.nag_report["suppressedViolations"]
    assert acknowledged, "the report should list the acknowledged findings"
    for finding in acknowledged:
        assert finding["acknowledgedId"].startswith("AwsSolutions::")
        # A sentence or more that says why, not a placeholder.
        assert len(finding["reason"].split()) >= 20, finding["ruleName"]


def test_cfn_lint_finds_nothing_in_the_template(synthesis: Synthesis):
    matches = lint_file(synthesis.template_path, config=ManualArgs(regions=[REGION]))
    assert [str(m) for m in matches] == []


def test_image_asset_holds_only_the_app_build_context(default_synthesis: Synthesis):
    (asset,) = [
        p for p in default_synthesis.outdir.iterdir() if p.name.startswith("asset.")
    ]
    names = {p.name for p in asset.iterdir()}
    assert {"Dockerfile", "kana_app", "requirements.txt"} <= names
    assert not names & set(NEVER_IN_IMAGE)

    size = sum(p.stat().st_size for p in asset.rglob("*") if p.is_file())
    assert size < 50 * 2**20, f"image asset is {size / 2**20:.1f} MiB"
