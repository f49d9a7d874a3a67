"""Tandem: run a company's reverse-mentoring program (core, no Qt widgets)."""

__version__ = "0.1.0"
APP_NAME = "Tandem"
