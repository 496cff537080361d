"""Every input and output of API v1, declared once (pydantic v2); the OpenAPI document is generated from them."""
