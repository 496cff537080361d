"""Import and export of programmes and needs in the exchange format (data/FORMAT.md)."""
