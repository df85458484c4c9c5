#!/usr/bin/env python3
"""CDK entry point: `cdk synth` / `cdk deploy` run this (see cdk.json)."""

from aws_cdk import App

from cdk.stack import build_app

app = App()
build_app(app)
app.synth()
