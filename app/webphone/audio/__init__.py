"""Audio devices, capture and playout, processing and tones (no Qt, no SIP)."""
