"""Helpers that several test modules share: builders of program files, checks of imported
lists, the notes canary, and ways to drive widgets. Test modules import from here (or use the
fixtures of a conftest.py), never from another test module."""
