"""Table models: a generic read-only row model and the participants model built on it."""
