"""Servers under test for the signalling suite: the embedded demo service and the real
Kamailio, each over ws and wss, behind one ``server`` fixture."""

from __future__ import annotations

import ssl
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
import trustme
from servers import Target

from webphone.demo import DemoService
from webphone.sdk.core.token import make_demo_token


@pytest.fixture(scope="session")
def demo_pki(tmp_path_factory: pytest.TempPathFactory) -> tuple[ssl.SSLContext, str, str]:
    """(server TLS context, CA file that verifies it, an unrelated CA file)."""
    directory = tmp_path_factory.mktemp("demo-pki")
    ca, other = trustme.CA(), trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    ca_file, wrong = Path(directory, "ca.pem"), Path(directory, "wrong-ca.pem")
    ca.cert_pem.write_to_path(str(ca_file))
    other.cert_pem.write_to_path(str(wrong))
    return context, str(ca_file), str(wrong)


def _token_maker(secret: str) -> Callable[..., str]:
    def make(*, sub: str, secret: str = secret, **claims: Any) -> str:
        return make_demo_token(secret, sub=sub, iss="webphone-tests", **claims)

    return make


async def _demo_target(
    demo_pki: tuple[ssl.SSLContext, str, str], **kwargs: Any
) -> AsyncIterator[Target]:
    context, ca_file, wrong_ca = demo_pki
    plain = DemoService(**kwargs)
    secure = DemoService(ssl_context=context, **kwargs)
    await plain.start()
    await secure.start()
    try:
        yield Target(
            kind="demo",
            ws_url=plain.url,
            wss_url=secure.url,
            domain=plain.domain,
            ca_file=ca_file,
            wrong_ca_file=wrong_ca,
            users=dict(plain.accounts),
            make_token=_token_maker(plain.jwt_secret),
            handle=plain,
        )
    finally:
        await plain.stop()
        await secure.stop()


def _kamailio_target(kamailio: Any) -> Target:
    return Target(
        kind="kamailio",
        ws_url=kamailio.ws_url,
        wss_url=kamailio.wss_url,
        domain=kamailio.domain,
        ca_file=kamailio.ca_file,
        wrong_ca_file=kamailio.wrong_ca_file,
        users=dict(kamailio.users),
        make_token=_token_maker(kamailio.jwt_secret) if kamailio.supports_bearer else None,
        handle=kamailio,
    )


@pytest.fixture(params=["demo", "kamailio"])
async def server(request: pytest.FixtureRequest, demo_pki: Any) -> AsyncIterator[Target]:
    """Each signalling test runs once per real server kind."""
    if request.param == "kamailio":
        yield _kamailio_target(request.getfixturevalue("kamailio"))
        return
    async for target in _demo_target(demo_pki):
        yield target


@pytest.fixture(params=["demo", "kamailio"])
async def short_expiry_server(
    request: pytest.FixtureRequest, demo_pki: Any
) -> AsyncIterator[Target]:
    """A server that grants at most 10 s, so a refresh can be watched."""
    if request.param == "kamailio":
        yield _kamailio_target(request.getfixturevalue("kamailio_short_expiry"))
        return
    async for target in _demo_target(demo_pki, max_expires=10):
        yield target


@pytest.fixture(params=["demo", "kamailio"])
async def token_server(request: pytest.FixtureRequest, demo_pki: Any) -> AsyncIterator[Target]:
    """Servers that verify bearer tokens (RFC 8898): the demo service, and Kamailio whose
    config checks the HS256 signature with its crypto module."""
    if request.param == "kamailio":
        yield _kamailio_target(request.getfixturevalue("kamailio"))
        return
    async for target in _demo_target(demo_pki):
        yield target
