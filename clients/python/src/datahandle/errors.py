"""Typed errors of the exchange protocol (docs/exchange.md, "Errors")."""


class ExchangeError(Exception):
    """An error the server answered, or the failure to reach it.

    ``code`` is the protocol's stable error code (``TooLarge``, ``Busy``, ``BadName``, ...), ``status``
    the HTTP status (0 when the server could not be reached), ``handle`` the handle involved, if any.
    """

    def __init__(self, message, code="Unreachable", status=0, handle=None):
        super().__init__(message)
        self.code = code
        self.status = status
        self.handle = handle


class AlreadyProducedError(ExchangeError):
    """The handle is produced (or another writer holds it): delete it first."""


class NotProducedError(ExchangeError):
    """The handle has no data yet."""


class HandleNotFoundError(ExchangeError):
    """The catalog has no handle of that name (or the name is not a valid handle name)."""


class AuthError(ExchangeError):
    """The server refused the token (401) or the request's origin or host (403)."""


class BadDataError(ExchangeError):
    """The server could not read what was pushed: corrupt or truncated Arrow IPC, invalid JSON, ..."""


_BY_CODE = {
    "AlreadyProduced": AlreadyProducedError,
    "NotProduced": NotProducedError,
    "HandleNotFound": HandleNotFoundError,
    "Unauthorized": AuthError,
    "Forbidden": AuthError,
    "BadData": BadDataError,
}


def from_wire(status, body):
    """The exception for an error answer (a JSON body ``{"error", "handle", "message"}``)."""
    import json

    code, message, handle = "Http%d" % status, "", None
    try:
        doc = json.loads(body.decode("utf-8"))
        code = doc.get("error", code)
        message = doc.get("message", "")
        handle = doc.get("handle")
    except (ValueError, UnicodeDecodeError, AttributeError):
        message = body.decode("utf-8", "replace")[:500]
    return _BY_CODE.get(code, ExchangeError)(message, code=code, status=status, handle=handle)
