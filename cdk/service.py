"""The ECS cluster and the Fargate service that runs the app's image."""

from __future__ import annotations

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_ecr_assets as ecr_assets
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_elasticloadbalancingv2 as elbv2
from aws_cdk import aws_logs as logs
from constructs import Construct

from cdk import config
from cdk.config import StackSettings
from cdk.retention import retention_days

# The same probe as the Dockerfile's HEALTHCHECK: the image has Python but no curl.
_HEALTH_PROBE = (
    "import urllib.request; urllib.request.urlopen("
    f"'http://127.0.0.1:{config.APP_PORT}{config.HEALTH_CHECK_PATH}', timeout=4)"
)

# Building with this argument bakes the Manga OCR weights into the image.
_MANGA_OCR_MODEL = "kha-white/manga-ocr-base"


class WebService(Construct):
    """Fargate tasks built from the local Dockerfile, scaled on CPU and requests.

    The service sets no desired count: the scalable target's minimum decides
    it, so a deployment never resets the number of running tasks.
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        vpc: ec2.IVpc,
        subnets: ec2.SubnetSelection,
        assign_public_ip: bool,
        target_group: elbv2.ApplicationTargetGroup,
        settings: StackSettings,
    ) -> None:
        super().__init__(scope, construct_id)

        self.cluster = ecs.Cluster(
            self,
            "Cluster",
            vpc=vpc,
            container_insights_v2=(
                ecs.ContainerInsights.ENABLED
                if settings.container_insights
                else ecs.ContainerInsights.DISABLED
            ),
        )

        self.log_group = logs.LogGroup(
            self,
            "Logs",
            retention=retention_days(settings.log_retention_days),
            removal_policy=RemovalPolicy.DESTROY,
        )

        self.task_definition = self._define_task(settings)

        # Inbound: only from the load balancer, added when the target group
        # attaches. Outbound: HTTPS for image pulls and logs; the app itself
        # calls nothing.
        self.security_group = ec2.SecurityGroup(
            self,
            "SecurityGroup",
            vpc=vpc,
            description="Kana tasks: app port from the load balancer only",
            allow_all_outbound=False,
        )
        self.security_group.add_egress_rule(
            ec2.Peer.any_ipv4(),
            ec2.Port.tcp(443),
            "Image pulls from ECR and logs to CloudWatch over HTTPS",
        )

        self.service = ecs.FargateService(
            self,
            "Service",
            cluster=self.cluster,
            task_definition=self.task_definition,
            vpc_subnets=subnets,
            assign_public_ip=assign_public_ip,
            security_groups=[self.security_group],
            health_check_grace_period=Duration.seconds(
                config.HEALTH_CHECK_GRACE_SECONDS
            ),
            circuit_breaker=ecs.DeploymentCircuitBreaker(enable=True, rollback=True),
            min_healthy_percent=100,
            max_healthy_percent=200,
            propagate_tags=ecs.PropagatedTagSource.SERVICE,
        )
        self.service.attach_to_application_target_group(target_group)

        self._scale(target_group, settings)

    def _define_task(self, settings: StackSettings) -> ecs.FargateTaskDefinition:
        arm = settings.cpu_architecture == "ARM64"
        task = ecs.FargateTaskDefinition(
            self,
            "Task",
            cpu=settings.cpu,
            memory_limit_mib=settings.memory_mib,
            runtime_platform=ecs.RuntimePlatform(
                operating_system_family=ecs.OperatingSystemFamily.LINUX,
                cpu_architecture=(
                    ecs.CpuArchitecture.ARM64 if arm else ecs.CpuArchitecture.X86_64
                ),
            ),
        )

        # Synthesis only copies the build context (what .dockerignore lets
        # through) into cdk.out; `cdk deploy` builds and pushes the image.
        build_args = {}
        if settings.recognizer == "manga-ocr":
            build_args["MANGA_OCR_MODEL"] = _MANGA_OCR_MODEL
        image = ecs.ContainerImage.from_asset(
            str(config.IMAGE_DIRECTORY),
            platform=(
                ecr_assets.Platform.LINUX_ARM64
                if arm
                else ecr_assets.Platform.LINUX_AMD64
            ),
            build_args=build_args or None,
        )

        task.add_container(
            "App",
            image=image,
            port_mappings=[
                ecs.PortMapping(container_port=config.APP_PORT, name="http")
            ],
            environment={
                "KANA_RECOGNIZER": settings.recognizer,
                "KANA_LOG_LEVEL": settings.log_level.upper(),
            },
            readonly_root_filesystem=settings.read_only_root_filesystem,
            logging=ecs.LogDrivers.aws_logs(
                stream_prefix="kana",
                log_group=self.log_group,
                mode=ecs.AwsLogDriverMode.NON_BLOCKING,
            ),
            health_check=ecs.HealthCheck(
                command=["CMD", "python", "-c", _HEALTH_PROBE],
                interval=Duration.seconds(15),
                timeout=Duration.seconds(5),
                retries=3,
                start_period=Duration.seconds(30),
            ),
        )
        return task

    def _scale(
        self, target_group: elbv2.ApplicationTargetGroup, settings: StackSettings
    ) -> None:
        scaling = self.service.auto_scale_task_count(
            min_capacity=settings.min_capacity,
            max_capacity=settings.max_capacity,
        )
        scaling.scale_on_cpu_utilization(
            "Cpu",
            target_utilization_percent=settings.cpu_target_percent,
            scale_in_cooldown=Duration.seconds(config.SCALE_IN_COOLDOWN_SECONDS),
            scale_out_cooldown=Duration.seconds(config.SCALE_OUT_COOLDOWN_SECONDS),
        )
        # NOTE: a websocket counts as one request when it opens, so this
        # tracks page loads and reconnects, not the clicks within a session;
        # CPU covers those.
        scaling.scale_on_request_count(
            "Requests",
            requests_per_target=settings.requests_per_target,
            target_group=target_group,
            scale_in_cooldown=Duration.seconds(config.SCALE_IN_COOLDOWN_SECONDS),
            scale_out_cooldown=Duration.seconds(config.SCALE_OUT_COOLDOWN_SECONDS),
        )
