"""JSON API v1: the same services as the pages, with bearer tokens and JSON errors."""
