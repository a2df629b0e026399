"""The embedded local demo service: a SIP-over-WebSocket registrar and stateless proxy on
127.0.0.1 with demo accounts, so Webphone works out of the box and the signalling tests
have a server of their own. For demos and tests only; real deployments use a real SIP
server (Kamailio, Asterisk, FreeSWITCH, ...).

``python -m webphone.demo`` runs it standalone and prints its URL, domain and accounts.
"""

from .accounts import DEMO_ACCOUNTS, DEMO_DOMAIN, DEMO_JWT_SECRET
from .proxy import ALIAS_PARAM
from .registrar import BindingInfo
from .service import DemoService, banner

__all__ = [
    "ALIAS_PARAM",
    "DEMO_ACCOUNTS",
    "DEMO_DOMAIN",
    "DEMO_JWT_SECRET",
    "BindingInfo",
    "DemoService",
    "banner",
]
