"""Pure SIP protocol code (RFC 3261, RFC 7118): messages, URIs, auth, transactions, dialogs.

Nothing in this package opens a socket or touches media; time enters only through the
scheduler the caller injects into the transaction layer.
"""
