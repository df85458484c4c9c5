"""Kana stacks synthesized in-process, once per set of settings per session."""

from __future__ import annotations

import pytest
from aws_cdk.assertions import Template
from tests.cdk.synthesis import CUSTOM_CONTEXT, HTTPS_CONTEXT, Synthesis, synthesize


@pytest.fixture(scope="session")
def default_synthesis(tmp_path_factory: pytest.TempPathFactory) -> Synthesis:
    return synthesize({}, tmp_path_factory.mktemp("default"))


@pytest.fixture(scope="session")
def https_synthesis(tmp_path_factory: pytest.TempPathFactory) -> Synthesis:
    return synthesize(HTTPS_CONTEXT, tmp_path_factory.mktemp("https"))


@pytest.fixture(scope="session")
def custom_synthesis(tmp_path_factory: pytest.TempPathFactory) -> Synthesis:
    return synthesize(CUSTOM_CONTEXT, tmp_path_factory.mktemp("custom"))


@pytest.fixture(scope="session")
def template(default_synthesis: Synthesis) -> Template:
    return default_synthesis.template
