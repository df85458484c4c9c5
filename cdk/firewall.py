"""An optional AWS WAF web ACL with AWS managed rule groups on the ALB."""

from __future__ import annotations

from aws_cdk import aws_elasticloadbalancingv2 as elbv2
from aws_cdk import aws_wafv2 as wafv2
from constructs import Construct

# Common web exploits, request patterns known to be malicious, and addresses
# Amazon's threat intelligence flags. The app takes no uploads, so the common
# set's 8 KB body limit blocks nothing it needs (the canvas data travels over
# the websocket, which WAF does not inspect after the upgrade).
MANAGED_RULE_GROUPS = (
    "AWSManagedRulesCommonRuleSet",
    "AWSManagedRulesKnownBadInputsRuleSet",
    "AWSManagedRulesAmazonIpReputationList",
)


def _visibility(metric_name: str) -> wafv2.CfnWebACL.VisibilityConfigProperty:
    return wafv2.CfnWebACL.VisibilityConfigProperty(
        cloud_watch_metrics_enabled=True,
        metric_name=metric_name,
        sampled_requests_enabled=True,
    )


class WebFirewall(Construct):
    """A regional web ACL that blocks what the managed rule groups match."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        load_balancer: elbv2.IApplicationLoadBalancer,
    ) -> None:
        super().__init__(scope, construct_id)

        rules = [
            wafv2.CfnWebACL.RuleProperty(
                name=group,
                priority=priority,
                statement=wafv2.CfnWebACL.StatementProperty(
                    managed_rule_group_statement=wafv2.CfnWebACL.ManagedRuleGroupStatementProperty(
                        vendor_name="AWS", name=group
                    )
                ),
                override_action=wafv2.CfnWebACL.OverrideActionProperty(none={}),
                visibility_config=_visibility(group),
            )
            for priority, group in enumerate(MANAGED_RULE_GROUPS)
        ]
        self.web_acl = wafv2.CfnWebACL(
            self,
            "WebAcl",
            scope="REGIONAL",
            default_action=wafv2.CfnWebACL.DefaultActionProperty(allow={}),
            visibility_config=_visibility("KanaWebAcl"),
            rules=rules,
        )

        wafv2.CfnWebACLAssociation(
            self,
            "Association",
            resource_arn=load_balancer.load_balancer_arn,
            web_acl_arn=self.web_acl.attr_arn,
        )
