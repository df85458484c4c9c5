"""Synthesize the Kana stack in-process for the CDK tests.

Each synthesis writes a real cloud assembly (template, staged image asset,
cdk-nag report) to a temporary folder; the tests read those files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from aws_cdk import App
from aws_cdk.assertions import Template

from cdk.stack import KanaStack, build_app

REPO = Path(__file__).resolve().parents[2]
REGION = "us-east-1"
CERTIFICATE_ARN = "arn:aws:acm:us-east-1:111122223333:certificate/0b5c3f0e-7d4e"
HTTPS_CONTEXT = {"certificate_arn": CERTIFICATE_ARN}
# Every optional setting turned the other way from its default.
CUSTOM_CONTEXT = {
    "domain_name": "kana.example.com",
    "hosted_zone_id": "Z0123456789EXAMPLE",
    "hosted_zone_name": "example.com",
    "waf": "true",
    "nat_gateways": "0",
    "container_insights": "false",
    "cpu_architecture": "ARM64",
    "min_capacity": "1",
    "max_capacity": "3",
}


@dataclass(frozen=True)
class Synthesis:
    stack: KanaStack
    template: Template
    template_path: Path
    outdir: Path

    @property
    def nag_report(self) -> dict:
        report = json.loads((self.outdir / "validation-report.json").read_text())
        (plugin,) = [
            p for p in report["pluginReports"] if p["pluginName"] == "AwsSolutions"
        ]
        return plugin


def feature_flags() -> dict:
    """Return the context of cdk.json, as the CDK CLI would pass it."""
    return json.loads((REPO / "cdk.json").read_text())["context"]


def synthesize(context: dict[str, str], outdir: Path) -> Synthesis:
    """Build the app with ``context`` and write its cloud assembly to ``outdir``."""
    app = App(
        outdir=str(outdir), context={**feature_flags(), "region": REGION, **context}
    )
    stack = build_app(app)
    app.synth()

    template_path = outdir / stack.template_file
    template = Template.from_json(json.loads(template_path.read_text()))
    return Synthesis(stack, template, template_path, outdir)
