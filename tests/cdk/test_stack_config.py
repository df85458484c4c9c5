"""Stack settings: defaults, context values given as text, and refusals."""

from __future__ import annotations

import pytest

from cdk.config import StackSettings, load_settings


class FakeContext:
    def __init__(self, **values: object) -> None:
        self.values = values

    def try_get_context(self, key: str) -> object:
        return self.values.get(key)


def test_defaults_without_context_use_the_cli_region():
    settings = load_settings(FakeContext(), environ={"CDK_DEFAULT_REGION": "eu-west-1"})

    assert settings == StackSettings(region="eu-west-1")
    assert (settings.cpu, settings.memory_mib) == (512, 1024)
    assert not settings.is_https


def test_command_line_text_becomes_numbers_and_flags():
    settings = load_settings(
        FakeContext(
            min_capacity="3", max_capacity="6", waf="true", container_insights="no"
        ),
        environ={},
    )

    assert (settings.min_capacity, settings.max_capacity) == (3, 6)
    assert settings.waf is True
    assert settings.container_insights is False


def test_certificate_arn_turns_on_https():
    arn = "arn:aws:acm:us-east-1:111122223333:certificate/abc"
    assert load_settings(FakeContext(certificate_arn=arn), environ={}).is_https


@pytest.mark.parametrize(
    ("context", "named"),
    [
        ({"cpu": "512", "memory_mib": "512"}, "memory_mib"),
        ({"cpu": "300"}, "cpu"),
        ({"min_capacity": "5", "max_capacity": "2"}, "min_capacity"),
        ({"nat_gateways": "3"}, "nat_gateways"),
        ({"log_retention_days": "10"}, "log_retention_days"),
        ({"recognizer": "tesseract"}, "recognizer"),
        ({"waf": "maybe"}, "waf"),
        ({"max_capacity": "many"}, "max_capacity"),
        ({"domain_name": "kana.example.com"}, "hosted_zone_id"),
        ({"hosted_zone_id": "Z1", "hosted_zone_name": "example.com"}, "domain_name"),
        ({"certificate_arn": "my-cert"}, "certificate_arn"),
    ],
)
def test_bad_settings_are_refused_naming_the_setting(context: dict, named: str):
    with pytest.raises(ValueError, match=named):
        load_settings(FakeContext(**context), environ={})
