"""cdk-nag findings this stack accepts, each with the reason an auditor reads.

Every acknowledgement names one rule on one construct, so a new resource that
breaks the same rule is still reported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aws_cdk import Acknowledgment, Validations
from constructs import IConstruct

if TYPE_CHECKING:
    from cdk.stack import KanaStack


def _acknowledge(construct: IConstruct, rule: str, reason: str) -> None:
    Validations.of(construct).acknowledge(
        Acknowledgment(id=f"AwsSolutions::AwsSolutions-{rule}", reason=reason)
    )


def acknowledge_findings(stack: KanaStack) -> None:
    """Acknowledge the AwsSolutions findings that are deliberate in ``stack``."""
    _acknowledge(
        stack.access_logs.bucket,
        "S1",
        "This bucket is itself the destination of the load balancer's access "
        "logs. Logging its own accesses would need a second bucket that raises "
        "the same finding. It blocks all public access, refuses requests without "
        "TLS 1.2 or newer, and only the ELB log delivery service may write to it; "
        "reads are recorded by CloudTrail where the account enables S3 data events.",
    )
    _acknowledge(
        stack.load_balancer.security_group,
        "EC23",
        "This is the security group of the internet-facing load balancer of a "
        "public web site, so it must accept connections from any address. It "
        "opens only the listener ports (80, and 443 when HTTPS is configured), "
        "and its only outbound rule reaches the app's tasks on the app port.",
    )
    _acknowledge(
        stack.web_service.task_definition,
        "ECS2",
        "The environment variables carry non-secret settings only: the name of "
        "the recognizer backend and the log level. The container receives no "
        "credentials, keys or other secrets.",
    )
    _acknowledge(
        stack.web_service.task_definition.obtain_execution_role(),
        "IAM5[Resource::*]",
        "The wildcard resource is for ecr:GetAuthorizationToken only, which "
        "does not support resource-level permissions (AWS requires Resource *). "
        "The image pull actions are limited to the CDK asset repository and the "
        "log actions to the app's own log group.",
    )
    if not stack.settings.container_insights:
        _acknowledge(
            stack.web_service.cluster,
            "ECS4",
            "The operator turned Container Insights off (container_insights=false) "
            "to save its metric charges. ECS still publishes the service's CPU and "
            "memory metrics that scaling uses, and the tasks still log to CloudWatch.",
        )
