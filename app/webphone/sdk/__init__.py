"""The public core API: :class:`Client`, asyncio, no Qt.

Option keys, event names and payload keys are the Plivo Browser SDK's, verbatim; methods
are its names in snake_case (``send_dtmf`` for ``sendDtmf``).
"""

from .api.client import Client
from .core.connection import ConnectionState
from .core.events import EVENT_NAMES
from .core.options import DEFAULTS as DEFAULT_OPTIONS

__all__ = ["DEFAULT_OPTIONS", "EVENT_NAMES", "Client", "ConnectionState"]
