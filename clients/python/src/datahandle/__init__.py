"""Push and pull DataHandle catalog handles by name, from Python.

    import datahandle as dh
    ds = dh.connect()
    ds.push("dat", df)
    dat = ds.pull("dat")
"""

from .client import Client, Job, connect
from .errors import (
    AlreadyProducedError,
    AuthError,
    BadDataError,
    ExchangeError,
    HandleNotFoundError,
    NotProducedError,
)

__all__ = [
    "connect",
    "Client",
    "Job",
    "ExchangeError",
    "AlreadyProducedError",
    "NotProducedError",
    "HandleNotFoundError",
    "AuthError",
    "BadDataError",
]
__version__ = "0.1.0"
