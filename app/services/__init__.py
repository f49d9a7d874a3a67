"""Services: one module per area. Each takes a Database, validates, writes in one
transaction and returns dataclasses from app.model."""
