"""Call quality: stats sampling, MOS, mediaMetrics warnings, feedback and local insights."""
