"""The public surface: the ``Client`` facade with the seed's names, and call links."""
