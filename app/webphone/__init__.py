"""Webphone: a desktop softphone for SIP-over-WebSocket + WebRTC servers."""

__version__ = "0.1.0"
