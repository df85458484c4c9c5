"""HTTPS: the certificate and, with a hosted zone, the DNS alias record."""

from __future__ import annotations

from aws_cdk import aws_certificatemanager as acm
from aws_cdk import aws_elasticloadbalancingv2 as elbv2
from aws_cdk import aws_route53 as route53
from aws_cdk import aws_route53_targets as targets
from constructs import Construct


class Domain(Construct):
    """The certificate the HTTPS listener serves, and where the name points.

    Given ``certificate_arn`` it uses that certificate. Given ``domain_name``
    and its hosted zone it also adds an alias record for the load balancer,
    and without ``certificate_arn`` it requests a certificate for the name,
    validated through a DNS record in the same zone.
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        certificate_arn: str | None,
        domain_name: str | None,
        hosted_zone_id: str | None,
        hosted_zone_name: str | None,
    ) -> None:
        super().__init__(scope, construct_id)

        self.domain_name = domain_name
        self.zone: route53.IHostedZone | None = None
        if domain_name and hosted_zone_id and hosted_zone_name:
            self.zone = route53.HostedZone.from_hosted_zone_attributes(
                self,
                "Zone",
                hosted_zone_id=hosted_zone_id,
                zone_name=hosted_zone_name,
            )

        if certificate_arn:
            self.certificate = acm.Certificate.from_certificate_arn(
                self, "Certificate", certificate_arn
            )
        elif domain_name and self.zone:
            self.certificate = acm.Certificate(
                self,
                "Certificate",
                domain_name=domain_name,
                validation=acm.CertificateValidation.from_dns(self.zone),
            )
        else:
            raise ValueError(
                "Domain needs certificate_arn, or domain_name with its hosted zone"
            )

    def point_to(self, load_balancer: elbv2.IApplicationLoadBalancer) -> None:
        """Add an alias A record for the domain name, if there is a zone."""
        if self.zone is None or self.domain_name is None:
            return

        route53.ARecord(
            self,
            "Alias",
            zone=self.zone,
            record_name=self.domain_name,
            target=route53.RecordTarget.from_alias(
                targets.LoadBalancerTarget(load_balancer)
            ),
        )
