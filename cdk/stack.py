"""The Kana stack: network, load balancer, service and their logs."""

from __future__ import annotations

from aws_cdk import App, CfnOutput, Environment, Stack, Validations
from cdk_nag import AwsSolutionsChecks
from constructs import Construct

from cdk.access_logs import AccessLogBucket
from cdk.acknowledgements import acknowledge_findings
from cdk.config import StackSettings, load_settings
from cdk.domain import Domain
from cdk.firewall import WebFirewall
from cdk.load_balancer import PublicLoadBalancer
from cdk.network import Network
from cdk.service import WebService

STACK_ID = "Kana"


class KanaStack(Stack):
    """Everything the web app needs to run in one AWS account and region."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        settings: StackSettings,
        **kwargs,
    ) -> None:
        super().__init__(scope, construct_id, **kwargs)
        self.settings = settings

        self.network = Network(
            self,
            "Network",
            nat_gateways=settings.nat_gateways,
            log_retention_days=settings.log_retention_days,
        )

        self.access_logs = AccessLogBucket(
            self, "AccessLogs", retention_days=settings.access_log_retention_days
        )

        self.domain = None
        if settings.is_https:
            self.domain = Domain(
                self,
                "Domain",
                certificate_arn=settings.certificate_arn,
                domain_name=settings.domain_name,
                hosted_zone_id=settings.hosted_zone_id,
                hosted_zone_name=settings.hosted_zone_name,
            )

        self.load_balancer = PublicLoadBalancer(
            self,
            "Web",
            vpc=self.network.vpc,
            access_logs=self.access_logs.bucket,
            certificate=self.domain.certificate if self.domain else None,
        )

        self.web_service = WebService(
            self,
            "App",
            vpc=self.network.vpc,
            subnets=self.network.task_subnets,
            assign_public_ip=self.network.tasks_need_public_ip,
            target_group=self.load_balancer.target_group,
            settings=settings,
        )

        if self.domain:
            self.domain.point_to(self.load_balancer.load_balancer)

        if settings.waf:
            WebFirewall(
                self, "Firewall", load_balancer=self.load_balancer.load_balancer
            )

        CfnOutput(self, "Url", value=self._url(), description="Where the app is served")
        CfnOutput(
            self,
            "LogGroup",
            value=self.web_service.log_group.log_group_name,
            description="CloudWatch log group of the app's containers",
        )
        CfnOutput(
            self,
            "AccessLogBucket",
            value=self.access_logs.bucket.bucket_name,
            description="Bucket of the load balancer's access logs, kept on destroy",
        )

        acknowledge_findings(self)

    def _url(self) -> str:
        if self.settings.domain_name:
            return f"https://{self.settings.domain_name}"
        scheme = "https" if self.settings.is_https else "http"
        return f"{scheme}://{self.load_balancer.load_balancer.load_balancer_dns_name}"


def build_app(app: App) -> KanaStack:
    """Add the stack to ``app``, configured from its context, checked by cdk-nag."""
    settings = load_settings(app.node)
    stack = KanaStack(
        app,
        STACK_ID,
        settings=settings,
        env=Environment(region=settings.region),
        description="Kana: learn the Japanese kana (Streamlit on ECS Fargate)",
    )
    Validations.of(app).add_plugins(AwsSolutionsChecks(app))
    return stack
