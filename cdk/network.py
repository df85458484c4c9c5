"""The VPC: two availability zones, public subnets for the load balancer."""

from __future__ import annotations

from aws_cdk import RemovalPolicy
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_logs as logs
from constructs import Construct

from cdk.retention import retention_days


class Network(Construct):
    """A VPC over two AZs whose flow logs go to CloudWatch.

    With NAT gateways the tasks run in private subnets and reach ECR and
    CloudWatch through them; without, they run in the public subnets with a
    public address, still reachable only from the load balancer.
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        nat_gateways: int,
        log_retention_days: int,
    ) -> None:
        super().__init__(scope, construct_id)

        subnets = [
            ec2.SubnetConfiguration(
                name="Public", subnet_type=ec2.SubnetType.PUBLIC, cidr_mask=24
            )
        ]
        if nat_gateways:
            subnets.append(
                ec2.SubnetConfiguration(
                    name="App",
                    subnet_type=ec2.SubnetType.PRIVATE_WITH_EGRESS,
                    cidr_mask=24,
                )
            )
        self.vpc = ec2.Vpc(
            self,
            "Vpc",
            max_azs=2,
            nat_gateways=nat_gateways,
            subnet_configuration=subnets,
        )

        self.flow_log_group = logs.LogGroup(
            self,
            "FlowLogs",
            retention=retention_days(log_retention_days),
            removal_policy=RemovalPolicy.DESTROY,
        )
        self.vpc.add_flow_log(
            "FlowLog",
            destination=ec2.FlowLogDestination.to_cloud_watch_logs(self.flow_log_group),
            traffic_type=ec2.FlowLogTrafficType.ALL,
        )

        self.task_subnets = ec2.SubnetSelection(
            subnet_type=(
                ec2.SubnetType.PRIVATE_WITH_EGRESS
                if nat_gateways
                else ec2.SubnetType.PUBLIC
            )
        )
        self.tasks_need_public_ip = not nat_gateways
