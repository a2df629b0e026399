"""The embedded local demo service: a SIP-over-WebSocket registrar and proxy on 127.0.0.1
with demo accounts, so Webphone works out of the box. For demos and tests only; real
deployments use a real SIP server (Kamailio, Asterisk, FreeSWITCH, Plivo, ...)."""

from .accounts import DEMO_ACCOUNTS, DEMO_DOMAIN, DEMO_JWT_SECRET
from .service import DemoService

__all__ = ["DEMO_ACCOUNTS", "DEMO_DOMAIN", "DEMO_JWT_SECRET", "DemoService"]
