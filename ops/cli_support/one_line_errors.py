"""Turn the errors an operator can meet into one line on stderr and exit code 2 (no traceback).

Known: ``OperatorError`` (our own), missing credentials, unknown resources, permission
denied, an unreachable service. Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click

from ops.cli_support.operator_error import OperatorError

NO_CREDENTIALS = (
    "no Google Cloud credentials: run `gcloud auth application-default login`, "
    "or set PUBSUB_EMULATOR_HOST / FIRESTORE_EMULATOR_HOST to use the emulators"
)


@contextmanager
def one_line_errors() -> Iterator[None]:
    from google.api_core import exceptions as api
    from google.auth.exceptions import DefaultCredentialsError, RefreshError

    try:
        yield
    except OperatorError as error:
        _fail(str(error))
    except (DefaultCredentialsError, RefreshError):
        _fail(NO_CREDENTIALS)
    except api.NotFound as error:
        _fail(f"not found: {_first_line(error)}")
    except api.PermissionDenied as error:
        _fail(f"permission denied: {_first_line(error)}")
    except (api.ServiceUnavailable, api.DeadlineExceeded, api.RetryError) as error:
        _fail(f"cannot reach Google Cloud: {_first_line(error)}")
    except api.GoogleAPICallError as error:
        _fail(f"request failed: {_first_line(error)}")


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0][:300] if text else type(error).__name__


def _fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(2)
