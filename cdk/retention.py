"""CloudWatch Logs retention periods, from a number of days."""

from __future__ import annotations

from aws_cdk import aws_logs as logs

_RETENTION_NAMES = {
    1: "ONE_DAY",
    3: "THREE_DAYS",
    5: "FIVE_DAYS",
    7: "ONE_WEEK",
    14: "TWO_WEEKS",
    30: "ONE_MONTH",
    60: "TWO_MONTHS",
    90: "THREE_MONTHS",
    120: "FOUR_MONTHS",
    150: "FIVE_MONTHS",
    180: "SIX_MONTHS",
    365: "ONE_YEAR",
    400: "THIRTEEN_MONTHS",
    545: "EIGHTEEN_MONTHS",
    731: "TWO_YEARS",
}

# Retention periods CloudWatch Logs accepts, up to two years.
RETENTION_CHOICES = tuple(_RETENTION_NAMES)


def retention_days(days: int) -> logs.RetentionDays:
    """Return the RetentionDays member for ``days``."""
    if days not in _RETENTION_NAMES:
        raise ValueError(f"days must be one of {tuple(_RETENTION_NAMES)}, got {days}")
    return getattr(logs.RetentionDays, _RETENTION_NAMES[days])
