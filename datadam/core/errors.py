"""Domain errors. Services raise them; one API handler and one page helper turn them into 4xx answers."""


class DomainError(Exception):
    """A problem a person can fix, with a message they can read."""

    status_code = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(DomainError):
    """Missing, or not the caller's to see: both answer the same, so ids leak nothing."""

    status_code = 404


class PermissionDenied(DomainError):
    status_code = 403


class Conflict(DomainError):
    status_code = 409


class Gone(DomainError):
    """There, but held back from the caller for now; the message says why."""

    status_code = 410


class Invalid(DomainError):
    status_code = 422


class TooLarge(DomainError):
    status_code = 413


class Throttled(DomainError):
    status_code = 429


class SchemaViolation(Invalid):
    """A label schema or an annotation that breaks the schema; the message names the JSON path."""


class LeaseExpired(Conflict):
    pass


class ImportRejected(Invalid):
    """A file with bad rows: nothing was imported; `errors` lists file, line and reason."""

    def __init__(self, message: str, errors: list[dict]) -> None:
        super().__init__(message)
        self.errors = errors


class JsonOutOfBounds(Invalid):
    """JSON larger or nested deeper than the server reads; the message names the path where it passed."""
