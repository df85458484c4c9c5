"""The bucket that receives the load balancer's access logs."""

from __future__ import annotations

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_s3 as s3
from constructs import Construct


class AccessLogBucket(Construct):
    """An S3 bucket for ALB access logs: encrypted, private, HTTPS only.

    The ALB can only deliver to buckets encrypted with S3-managed keys, not
    KMS. Objects expire after ``retention_days``; the bucket itself outlives
    the stack so an audit trail is never deleted by ``cdk destroy``.
    """

    def __init__(
        self, scope: Construct, construct_id: str, *, retention_days: int
    ) -> None:
        super().__init__(scope, construct_id)

        self.bucket = s3.Bucket(
            self,
            "Bucket",
            encryption=s3.BucketEncryption.S3_MANAGED,
            enforce_ssl=True,
            minimum_tls_version=1.2,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            versioned=False,
            lifecycle_rules=[
                s3.LifecycleRule(
                    id="ExpireAccessLogs",
                    expiration=Duration.days(retention_days),
                    abort_incomplete_multipart_upload_after=Duration.days(1),
                )
            ],
            removal_policy=RemovalPolicy.RETAIN,
        )
