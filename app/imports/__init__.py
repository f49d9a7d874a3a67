"""Importing employee lists (CSV and Excel): reading, column mapping, row checks, writing.

The wizard and the command line use `ImportSession` from `app.imports.engine`."""
