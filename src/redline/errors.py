"""Redline's error tree: every error carries a code, the stage and the input it concerns.

The library raises these; only the faces (CLI, API) turn them into messages or status codes.
"""

from __future__ import annotations


class RedlineError(Exception):
    """Base error: ``code`` is stable (tests and users can match it), ``stage`` names where it happened."""

    code = "E000"
    stage = "redline"

    def __init__(self, message: str, *, input_id: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.input_id = input_id

    def __str__(self) -> str:
        where = f" [{self.input_id}]" if self.input_id else ""
        return f"{self.code} {self.stage}{where}: {self.message}"


class IngestError(RedlineError):
    """An input that cannot become an article; its ``reason`` is the quarantine reason."""

    code = "E100"
    stage = "ingest"

    def __init__(self, reason: str, message: str, *, input_id: str | None = None) -> None:
        super().__init__(message, input_id=input_id)
        self.reason = reason


class InputFieldError(IngestError):
    """A field of a structured input (JSON, JSONL, a posted article) has the wrong type or shape.

    The message names the field and what was found, so a user (or an API client, as HTTP 422) can fix it.
    """

    code = "E101"

    def __init__(self, message: str, *, input_id: str | None = None) -> None:
        super().__init__("bad_field", message, input_id=input_id)


class BlockedAddressError(IngestError):
    """A URL points (directly, through DNS or through a redirect) at a loopback, private, link-local,
    multicast, reserved or unspecified address, and private hosts were not allowed."""

    code = "E102"

    def __init__(self, message: str, *, input_id: str | None = None) -> None:
        super().__init__("blocked_address", message, input_id=input_id)


class ModelMissingError(RedlineError):
    """A pinned model package is not installed; the message names the package to install."""

    code = "E200"
    stage = "nlp"


class StoreError(RedlineError):
    """The database cannot be opened or migrated."""

    code = "E300"
    stage = "store"


class NotFoundError(RedlineError):
    """A record asked for by id does not exist."""

    code = "E404"
    stage = "store"


class KnowledgeBaseError(RedlineError):
    """A knowledge-base file (shipped or user-supplied) is malformed."""

    code = "E400"
    stage = "actors"


class GoldFormatError(RedlineError):
    """An evaluation gold file cannot be read."""

    code = "E500"
    stage = "eval"


class DataFileError(RedlineError):
    """A shipped data file (word list, weights, cut-offs) is missing a field or has one of the wrong type."""

    code = "E600"
    stage = "data"
