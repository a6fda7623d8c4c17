"""Errors kutipan raises on purpose, each naming what it was given and what is wrong with it."""

from __future__ import annotations


class KutipanError(Exception):
    """Base class of kutipan's own errors."""


class InputError(KutipanError):
    """An input file (or text) that cannot be read as UTF-8 news text."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ModelError(KutipanError):
    """A model file that is missing, corrupted or of the wrong kind."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised by the command line's handler so that a run ends as on Ctrl-C (exit status 143)."""
