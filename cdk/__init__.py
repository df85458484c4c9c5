"""The AWS CDK stack that runs the Kana web app on ECS Fargate behind an ALB."""
