"""Recording consent for many participants at once (the participants view's "Record
consent…"), undoable; and the marker the participants table shows where consent is missing."""

CONSENT_MISSING = "consent_missing"
"""The participants view's filter of people without a consent date, by name: the matching
proposal and the import's summary show it with `context.show_filtered("participants",
CONSENT_MISSING)`."""
