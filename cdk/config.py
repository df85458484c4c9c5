"""Settings of the stack: defaults here, overridden by CDK context.

An operator changes a setting with ``cdk deploy -c KEY=VALUE`` or under
"context" in cdk.json; every key is a field of :class:`StackSettings`. Values
given on the command line arrive as strings and are converted here.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from cdk.retention import RETENTION_CHOICES
from kana_app.config import BACKENDS

# The folder with the Dockerfile; its .dockerignore decides what the image
# asset holds.
IMAGE_DIRECTORY = Path(__file__).resolve().parent.parent

# What the image serves (Dockerfile, .streamlit/config.toml).
APP_PORT = 8501
HEALTH_CHECK_PATH = "/_stcore/health"

# Streamlit pings every websocket every 30 s (server.websocketPingInterval);
# the ALB closes a connection idle for longer than this, so keep it well above.
IDLE_TIMEOUT_SECONDS = 120

# The app starts in 5-10 s (Streamlit, then one warm-up inference). Three
# failed checks 10 s apart, after a 60 s grace period, mark a task unhealthy;
# two good ones put a new task into service about 20 s after it is ready.
HEALTH_CHECK_INTERVAL_SECONDS = 10
HEALTH_CHECK_TIMEOUT_SECONDS = 5
HEALTHY_THRESHOLD = 2
UNHEALTHY_THRESHOLD = 3
HEALTH_CHECK_GRACE_SECONDS = 60

# A learner's session lives in one task's memory: when a task leaves, its
# sessions end whatever the delay, so waiting the default 300 s only slows
# deployments and scale-in.
DEREGISTRATION_DELAY_SECONDS = 20

# The ALB cookie keeps a browser on the task that holds its session, also
# when the websocket reconnects.
STICKINESS_HOURS = 24

SCALE_IN_COOLDOWN_SECONDS = 300
SCALE_OUT_COOLDOWN_SECONDS = 60

# Fargate's CPU units and the memory sizes (MiB) each one allows.
FARGATE_MEMORY_CHOICES: dict[int, tuple[int, ...]] = {
    256: (512, 1024, 2048),
    512: tuple(range(1024, 4097, 1024)),
    1024: tuple(range(2048, 8193, 1024)),
    2048: tuple(range(4096, 16385, 1024)),
    4096: tuple(range(8192, 30721, 1024)),
}

CPU_ARCHITECTURES = ("X86_64", "ARM64")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
FALLBACK_REGION = "us-east-1"


class ContextSource(Protocol):
    """What settings are read from: a construct's node (``app.node``)."""

    def try_get_context(self, key: str) -> Any: ...


@dataclass(frozen=True)
class StackSettings:
    """What an operator can change without touching the code."""

    region: str = FALLBACK_REGION
    # Task size and scaling follow the load test in `make bench`: a Check
    # costs about 14 ms of server CPU and a first visit about 52 ms, so a
    # 0.5 vCPU task serves about 166 active learners at p95 under 300 ms and
    # about 107 at 50% CPU, which leaves room for a burst while tasks start.
    # The app takes about 180 MiB plus under 1 MiB per session: 1 GiB is
    # the least Fargate gives 0.5 vCPU. A first visit fetches about 105 files;
    # 107 learners opening the app every 10 minutes make about 1,100 requests
    # a minute, so the request target sits just above that.
    cpu: int = 512
    memory_mib: int = 1024
    cpu_architecture: str = "X86_64"
    min_capacity: int = 2
    max_capacity: int = 4
    cpu_target_percent: int = 50
    requests_per_target: int = 1200
    nat_gateways: int = 1
    log_retention_days: int = 30
    access_log_retention_days: int = 90
    container_insights: bool = True
    read_only_root_filesystem: bool = True
    waf: bool = False
    certificate_arn: str | None = None
    domain_name: str | None = None
    hosted_zone_id: str | None = None
    hosted_zone_name: str | None = None
    recognizer: str = "cnn"
    log_level: str = "INFO"

    def __post_init__(self) -> None:
        _check_settings(self)

    @property
    def is_https(self) -> bool:
        return bool(self.certificate_arn or self.domain_name)


def load_settings(
    source: ContextSource, environ: dict[str, str] | None = None
) -> StackSettings:
    """Read the settings from CDK context, falling back to the defaults."""
    env = os.environ if environ is None else environ

    values: dict[str, Any] = {}
    for field in dataclasses.fields(StackSettings):
        raw = source.try_get_context(field.name)
        if raw is not None and raw != "":
            values[field.name] = _convert(field.name, raw, field.default)

    # The CDK CLI sets CDK_DEFAULT_REGION from the operator's AWS profile.
    values.setdefault("region", env.get("CDK_DEFAULT_REGION") or FALLBACK_REGION)
    return StackSettings(**values)


def _convert(name: str, raw: Any, default: Any) -> Any:
    if isinstance(default, bool):
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in ("true", "yes", "1", "on"):
            return True
        if text in ("false", "no", "0", "off"):
            return False
        raise ValueError(f"context {name} must be true or false, got {raw!r}")

    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError:
            raise ValueError(
                f"context {name} must be a whole number, got {raw!r}"
            ) from None

    return str(raw).strip()


def _check_settings(s: StackSettings) -> None:
    if s.cpu not in FARGATE_MEMORY_CHOICES:
        raise ValueError(
            f"cpu must be one of {tuple(FARGATE_MEMORY_CHOICES)}, got {s.cpu}"
        )
    if s.memory_mib not in FARGATE_MEMORY_CHOICES[s.cpu]:
        raise ValueError(
            f"memory_mib for cpu {s.cpu} must be one of "
            f"{FARGATE_MEMORY_CHOICES[s.cpu]}, got {s.memory_mib}"
        )
    if s.cpu_architecture not in CPU_ARCHITECTURES:
        raise ValueError(
            f"cpu_architecture must be one of {CPU_ARCHITECTURES}, "
            f"got {s.cpu_architecture!r}"
        )

    if not 1 <= s.min_capacity <= s.max_capacity:
        raise ValueError(
            "min_capacity must be at least 1 and at most max_capacity, got "
            f"min_capacity={s.min_capacity} max_capacity={s.max_capacity}"
        )
    if not 10 <= s.cpu_target_percent <= 90:
        raise ValueError(
            f"cpu_target_percent must be between 10 and 90, got {s.cpu_target_percent}"
        )
    if s.requests_per_target < 1:
        raise ValueError(
            f"requests_per_target must be at least 1, got {s.requests_per_target}"
        )
    if s.nat_gateways not in (0, 1, 2):
        raise ValueError(f"nat_gateways must be 0, 1 or 2, got {s.nat_gateways}")

    if s.log_retention_days not in RETENTION_CHOICES:
        raise ValueError(
            f"log_retention_days must be one of {RETENTION_CHOICES}, "
            f"got {s.log_retention_days}"
        )
    if s.access_log_retention_days < 1:
        raise ValueError(
            "access_log_retention_days must be at least 1, "
            f"got {s.access_log_retention_days}"
        )

    if s.recognizer not in BACKENDS:
        raise ValueError(f"recognizer must be one of {BACKENDS}, got {s.recognizer!r}")
    if s.log_level.upper() not in LOG_LEVELS:
        raise ValueError(f"log_level must be one of {LOG_LEVELS}, got {s.log_level!r}")

    zone = (s.hosted_zone_id, s.hosted_zone_name)
    if s.domain_name and not all(zone):
        raise ValueError(
            "domain_name needs hosted_zone_id and hosted_zone_name too: the stack "
            "validates the certificate and adds the alias record in that zone"
        )
    if any(zone) and not s.domain_name:
        raise ValueError("hosted_zone_id and hosted_zone_name need domain_name too")
    if s.certificate_arn and not s.certificate_arn.startswith("arn:"):
        raise ValueError(
            f"certificate_arn must be an ACM certificate ARN, got {s.certificate_arn!r}"
        )
