"""The internet-facing load balancer, its listeners and the tasks' target group."""

from __future__ import annotations

from aws_cdk import Duration
from aws_cdk import aws_certificatemanager as acm
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_elasticloadbalancingv2 as elbv2
from aws_cdk import aws_s3 as s3
from constructs import Construct

from cdk import config


class PublicLoadBalancer(Construct):
    """An ALB that forwards to the app's tasks, sticky per browser.

    Without a certificate it serves HTTP on port 80. With one it serves HTTPS
    on 443 and port 80 only redirects there.
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        vpc: ec2.IVpc,
        access_logs: s3.IBucket,
        certificate: acm.ICertificate | None,
    ) -> None:
        super().__init__(scope, construct_id)

        # Outbound rules are added only towards the tasks, when they attach.
        self.security_group = ec2.SecurityGroup(
            self,
            "SecurityGroup",
            vpc=vpc,
            description="Kana load balancer: web traffic from the internet",
            allow_all_outbound=False,
        )
        self.load_balancer = elbv2.ApplicationLoadBalancer(
            self,
            "LoadBalancer",
            vpc=vpc,
            internet_facing=True,
            vpc_subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PUBLIC),
            security_group=self.security_group,
            idle_timeout=Duration.seconds(config.IDLE_TIMEOUT_SECONDS),
            drop_invalid_header_fields=True,
        )
        self.load_balancer.log_access_logs(access_logs, prefix="alb")

        self.target_group = elbv2.ApplicationTargetGroup(
            self,
            "Tasks",
            vpc=vpc,
            port=config.APP_PORT,
            protocol=elbv2.ApplicationProtocol.HTTP,
            target_type=elbv2.TargetType.IP,
            health_check=elbv2.HealthCheck(
                path=config.HEALTH_CHECK_PATH,
                healthy_http_codes="200",
                interval=Duration.seconds(config.HEALTH_CHECK_INTERVAL_SECONDS),
                timeout=Duration.seconds(config.HEALTH_CHECK_TIMEOUT_SECONDS),
                healthy_threshold_count=config.HEALTHY_THRESHOLD,
                unhealthy_threshold_count=config.UNHEALTHY_THRESHOLD,
            ),
            deregistration_delay=Duration.seconds(config.DEREGISTRATION_DELAY_SECONDS),
            stickiness_cookie_duration=Duration.hours(config.STICKINESS_HOURS),
        )

        if certificate is None:
            self.load_balancer.add_listener(
                "Http",
                port=80,
                protocol=elbv2.ApplicationProtocol.HTTP,
                default_target_groups=[self.target_group],
                open=True,
            )
        else:
            self.load_balancer.add_listener(
                "Https",
                port=443,
                protocol=elbv2.ApplicationProtocol.HTTPS,
                certificates=[
                    elbv2.ListenerCertificate.from_certificate_manager(certificate)
                ],
                ssl_policy=elbv2.SslPolicy.RECOMMENDED_TLS,
                default_target_groups=[self.target_group],
                open=True,
            )
            self.load_balancer.add_redirect(source_port=80, target_port=443)
