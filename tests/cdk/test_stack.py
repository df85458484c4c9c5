"""What the synthesized template promises an operator, one intent per test."""

from __future__ import annotations

from aws_cdk.assertions import Match, Template
from tests.cdk.synthesis import CERTIFICATE_ARN, Synthesis

from cdk import config


def _one(template: Template, resource_type: str) -> tuple[str, dict]:
    resources = template.find_resources(resource_type)
    assert len(resources) == 1, f"expected one {resource_type}, found {len(resources)}"
    return next(iter(resources.items()))


def _attributes(resource: dict, key: str) -> dict[str, str]:
    return {a["Key"]: a["Value"] for a in resource["Properties"][key]}


def _group_described_as(groups: dict, words: str) -> str:
    (group_id,) = [
        k for k, v in groups.items() if words in v["Properties"]["GroupDescription"]
    ]
    return group_id


def test_target_group_keeps_a_browser_on_one_task_with_lb_cookie(template: Template):
    template.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::TargetGroup",
        {
            "TargetGroupAttributes": Match.array_with(
                [
                    {"Key": "stickiness.enabled", "Value": "true"},
                    {"Key": "stickiness.type", "Value": "lb_cookie"},
                ]
            )
        },
    )


def test_health_check_probes_streamlit_health_path_on_app_port(template: Template):
    template.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::TargetGroup",
        {
            "Port": config.APP_PORT,
            "HealthCheckPath": "/_stcore/health",
            "Matcher": {"HttpCode": "200"},
            "HealthyThresholdCount": config.HEALTHY_THRESHOLD,
            "UnhealthyThresholdCount": config.UNHEALTHY_THRESHOLD,
            "HealthCheckIntervalSeconds": config.HEALTH_CHECK_INTERVAL_SECONDS,
        },
    )


def test_service_waits_a_grace_period_before_health_checks_count(template: Template):
    template.has_resource_properties(
        "AWS::ECS::Service",
        {"HealthCheckGracePeriodSeconds": config.HEALTH_CHECK_GRACE_SECONDS},
    )


def test_grace_period_covers_a_slow_start_plus_the_checks_to_pass():
    checks_to_pass = config.HEALTHY_THRESHOLD * config.HEALTH_CHECK_INTERVAL_SECONDS
    assert config.HEALTH_CHECK_GRACE_SECONDS >= 10 + checks_to_pass


def test_deployment_circuit_breaker_rolls_back_a_failing_image(template: Template):
    template.has_resource_properties(
        "AWS::ECS::Service",
        {
            "DeploymentConfiguration": Match.object_like(
                {"DeploymentCircuitBreaker": {"Enable": True, "Rollback": True}}
            )
        },
    )


def test_scaling_bounds_come_from_settings_and_service_has_no_desired_count(
    template: Template,
):
    template.has_resource_properties(
        "AWS::ApplicationAutoScaling::ScalableTarget",
        {
            "MinCapacity": 2,
            "MaxCapacity": 4,
            "ScalableDimension": "ecs:service:DesiredCount",
        },
    )
    _, service = _one(template, "AWS::ECS::Service")
    assert "DesiredCount" not in service["Properties"]


def test_custom_scaling_bounds_reach_the_scalable_target(custom_synthesis: Synthesis):
    custom_synthesis.template.has_resource_properties(
        "AWS::ApplicationAutoScaling::ScalableTarget",
        {"MinCapacity": 1, "MaxCapacity": 3},
    )


def test_service_scales_on_cpu_and_on_requests_per_target(template: Template):
    policies = template.find_resources("AWS::ApplicationAutoScaling::ScalingPolicy")
    metrics = {
        p["Properties"]["TargetTrackingScalingPolicyConfiguration"][
            "PredefinedMetricSpecification"
        ]["PredefinedMetricType"]
        for p in policies.values()
    }
    assert metrics == {"ECSServiceAverageCPUUtilization", "ALBRequestCountPerTarget"}


def test_task_security_group_admits_only_the_load_balancer_on_app_port(
    template: Template,
):
    groups = template.find_resources("AWS::EC2::SecurityGroup")
    task_group = _group_described_as(groups, "Kana tasks")
    alb_group = _group_described_as(groups, "Kana load balancer")
    assert "SecurityGroupIngress" not in groups[task_group]["Properties"]

    ingress = [
        r["Properties"]
        for r in template.find_resources("AWS::EC2::SecurityGroupIngress").values()
        if r["Properties"]["GroupId"] == {"Fn::GetAtt": [task_group, "GroupId"]}
    ]
    assert ingress == [
        {
            "IpProtocol": "tcp",
            "FromPort": config.APP_PORT,
            "ToPort": config.APP_PORT,
            "GroupId": {"Fn::GetAtt": [task_group, "GroupId"]},
            "SourceSecurityGroupId": {"Fn::GetAtt": [alb_group, "GroupId"]},
            "Description": "Load balancer to target",
        }
    ]


def test_load_balancer_sends_traffic_only_to_the_tasks(template: Template):
    groups = template.find_resources("AWS::EC2::SecurityGroup")
    alb_group = _group_described_as(groups, "Kana load balancer")
    task_group = _group_described_as(groups, "Kana tasks")
    assert "SecurityGroupEgress" not in groups[alb_group]["Properties"]

    egress = [
        r["Properties"]
        for r in template.find_resources("AWS::EC2::SecurityGroupEgress").values()
        if r["Properties"]["GroupId"] == {"Fn::GetAtt": [alb_group, "GroupId"]}
    ]
    assert len(egress) == 1
    assert egress[0]["DestinationSecurityGroupId"] == {
        "Fn::GetAtt": [task_group, "GroupId"]
    }
    assert egress[0]["FromPort"] == egress[0]["ToPort"] == config.APP_PORT


def test_tasks_may_only_open_https_connections_out(template: Template):
    groups = template.find_resources("AWS::EC2::SecurityGroup")
    task_group = _group_described_as(groups, "Kana tasks")
    egress = groups[task_group]["Properties"]["SecurityGroupEgress"]
    assert [(r["IpProtocol"], r["FromPort"], r["ToPort"]) for r in egress] == [
        ("tcp", 443, 443)
    ]


def test_without_certificate_port_80_forwards_to_the_tasks(template: Template):
    _, listener = _one(template, "AWS::ElasticLoadBalancingV2::Listener")
    assert listener["Properties"]["Port"] == 80
    assert listener["Properties"]["DefaultActions"][0]["Type"] == "forward"


def test_with_certificate_https_on_443_and_port_80_redirects(
    https_synthesis: Synthesis,
):
    template = https_synthesis.template
    template.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::Listener",
        {
            "Port": 443,
            "Protocol": "HTTPS",
            "Certificates": [{"CertificateArn": CERTIFICATE_ARN}],
            "SslPolicy": Match.string_like_regexp("TLS13"),
            "DefaultActions": [Match.object_like({"Type": "forward"})],
        },
    )
    template.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::Listener",
        {
            "Port": 80,
            "Protocol": "HTTP",
            "DefaultActions": [
                {
                    "Type": "redirect",
                    "RedirectConfig": Match.object_like(
                        {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}
                    ),
                }
            ],
        },
    )
    template.resource_count_is("AWS::ElasticLoadBalancingV2::Listener", 2)


def test_domain_gets_a_dns_validated_certificate_and_an_alias(
    custom_synthesis: Synthesis,
):
    template = custom_synthesis.template
    template.has_resource_properties(
        "AWS::CertificateManager::Certificate",
        {
            "DomainName": "kana.example.com",
            "ValidationMethod": "DNS",
            "DomainValidationOptions": [
                {"DomainName": "kana.example.com", "HostedZoneId": "Z0123456789EXAMPLE"}
            ],
        },
    )
    template.has_resource_properties(
        "AWS::Route53::RecordSet",
        {
            "Name": "kana.example.com.",
            "Type": "A",
            "HostedZoneId": "Z0123456789EXAMPLE",
            "AliasTarget": Match.any_value(),
        },
    )


def test_idle_timeout_outlasts_streamlit_websocket_ping(template: Template):
    _, alb = _one(template, "AWS::ElasticLoadBalancingV2::LoadBalancer")
    attributes = _attributes(alb, "LoadBalancerAttributes")
    streamlit_ping_interval = 30
    assert int(attributes["idle_timeout.timeout_seconds"]) > 2 * streamlit_ping_interval


def test_deregistration_delay_is_short(template: Template):
    template.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::TargetGroup",
        {
            "TargetGroupAttributes": Match.array_with(
                [{"Key": "deregistration_delay.timeout_seconds", "Value": "20"}]
            )
        },
    )


def test_load_balancer_writes_access_logs_to_the_bucket(template: Template):
    bucket_id, _ = _one(template, "AWS::S3::Bucket")
    _, alb = _one(template, "AWS::ElasticLoadBalancingV2::LoadBalancer")
    attributes = _attributes(alb, "LoadBalancerAttributes")
    assert attributes["access_logs.s3.enabled"] == "true"
    assert attributes["access_logs.s3.bucket"] == {"Ref": bucket_id}
    assert attributes["routing.http.drop_invalid_header_fields.enabled"] == "true"


def test_access_log_bucket_is_encrypted_private_and_expires_logs(template: Template):
    template.has_resource_properties(
        "AWS::S3::Bucket",
        {
            "BucketEncryption": {
                "ServerSideEncryptionConfiguration": [
                    {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}
                ]
            },
            "PublicAccessBlockConfiguration": {
                "BlockPublicAcls": True,
                "BlockPublicPolicy": True,
                "IgnorePublicAcls": True,
                "RestrictPublicBuckets": True,
            },
            "LifecycleConfiguration": {
                "Rules": Match.array_with(
                    [Match.object_like({"ExpirationInDays": 90, "Status": "Enabled"})]
                )
            },
        },
    )


def test_access_log_bucket_refuses_plain_http(template: Template):
    template.has_resource_properties(
        "AWS::S3::BucketPolicy",
        {
            "PolicyDocument": {
                "Statement": Match.array_with(
                    [
                        Match.object_like(
                            {
                                "Effect": "Deny",
                                "Principal": {"AWS": "*"},
                                "Action": "s3:*",
                                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                            }
                        )
                    ]
                )
            }
        },
    )


def test_every_log_group_has_a_retention(template: Template):
    groups = template.find_resources("AWS::Logs::LogGroup")
    assert len(groups) == 2  # the app's logs and the VPC flow logs
    assert {g["Properties"].get("RetentionInDays") for g in groups.values()} == {30}


def test_container_logs_to_its_log_group(template: Template):
    _, task = _one(template, "AWS::ECS::TaskDefinition")
    (container,) = task["Properties"]["ContainerDefinitions"]
    assert container["LogConfiguration"]["LogDriver"] == "awslogs"
    assert container["LogConfiguration"]["Options"]["mode"] == "non-blocking"


def test_container_runs_read_only_with_app_settings_in_environment(template: Template):
    template.has_resource_properties(
        "AWS::ECS::TaskDefinition",
        {
            "Cpu": "512",
            "Memory": "1024",
            "RequiresCompatibilities": ["FARGATE"],
            "ContainerDefinitions": [
                Match.object_like(
                    {
                        "ReadonlyRootFilesystem": True,
                        "PortMappings": [Match.object_like({"ContainerPort": 8501})],
                        "Environment": Match.array_with(
                            [
                                {"Name": "KANA_RECOGNIZER", "Value": "cnn"},
                                {"Name": "KANA_LOG_LEVEL", "Value": "INFO"},
                            ]
                        ),
                    }
                )
            ],
        },
    )


def test_cluster_has_container_insights(template: Template):
    template.has_resource_properties(
        "AWS::ECS::Cluster",
        {"ClusterSettings": [{"Name": "containerInsights", "Value": "enabled"}]},
    )


def test_vpc_spans_two_zones_with_one_nat_gateway_by_default(template: Template):
    template.resource_count_is("AWS::EC2::NatGateway", 1)
    template.resource_count_is("AWS::EC2::Subnet", 4)
    template.has_resource_properties(
        "AWS::ECS::Service",
        {
            "NetworkConfiguration": {
                "AwsvpcConfiguration": Match.object_like({"AssignPublicIp": "DISABLED"})
            }
        },
    )


def test_without_nat_gateways_tasks_get_public_addresses(custom_synthesis: Synthesis):
    template = custom_synthesis.template
    template.resource_count_is("AWS::EC2::NatGateway", 0)
    template.has_resource_properties(
        "AWS::ECS::Service",
        {
            "NetworkConfiguration": {
                "AwsvpcConfiguration": Match.object_like({"AssignPublicIp": "ENABLED"})
            }
        },
    )


def test_no_web_acl_by_default(template: Template):
    template.resource_count_is("AWS::WAFv2::WebACL", 0)


def test_waf_when_enabled_attaches_managed_rules_to_the_load_balancer(
    custom_synthesis: Synthesis,
):
    template = custom_synthesis.template
    acl_id, acl = _one(template, "AWS::WAFv2::WebACL")
    groups = {
        r["Statement"]["ManagedRuleGroupStatement"]["Name"]
        for r in acl["Properties"]["Rules"]
    }
    assert "AWSManagedRulesCommonRuleSet" in groups
    assert acl["Properties"]["Scope"] == "REGIONAL"

    alb_id, _ = _one(template, "AWS::ElasticLoadBalancingV2::LoadBalancer")
    template.has_resource_properties(
        "AWS::WAFv2::WebACLAssociation",
        {"ResourceArn": {"Ref": alb_id}, "WebACLArn": {"Fn::GetAtt": [acl_id, "Arn"]}},
    )


def test_outputs_tell_the_operator_where_app_and_logs_are(template: Template):
    outputs = template.find_outputs("*")
    assert {"Url", "LogGroup", "AccessLogBucket"} <= set(outputs)
