"""The sdk's core: the signalling link, the registration and the calls (their sessions,
registry, refreshes, recovery, transfers, key presses), over ``sip`` and ``media``.

Nothing here knows the features, the facade or the checks built on them."""
