"""What a client does around its calls: sound devices and tones (``audio``), call quality
(``quality``). Each sees the client only through :mod:`.feature_host`'s protocols."""
