"""WebRTC media with aiortc: peer connections, SDP handling, DTMF packets, statistics.

No signalling here: the SDK's call sessions drive these objects and carry the SDP.
"""
