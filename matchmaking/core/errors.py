"""Domain errors raised by services; routes turn them into messages or status codes."""


class DomainError(Exception):
    """A business rule refused the action; `message` is shown to the user."""

    status_code = 400

    def __init__(self, message, *, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(DomainError):
    """The object does not exist or is not visible to this user (we never say which)."""

    status_code = 404


class Forbidden(DomainError):
    """The user is known but their role may not do this."""

    status_code = 403


class Conflict(DomainError):
    """The action conflicts with the object's current state or a duplicate."""

    status_code = 409
