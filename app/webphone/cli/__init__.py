"""``webphone-cli``: the headless client, for servers, scripts and tests."""
