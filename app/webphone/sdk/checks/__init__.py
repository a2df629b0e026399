"""Checks that drive a whole client: the network check and the voice-path check."""
