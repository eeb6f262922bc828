"""``PushAuthSettings.from_environ``: the kit's reading of ``PUSH_AUTH_*`` for an app without a
settings module of its own (Hello, the counter app); the same values ``wild_workouts.settings``
reads for the project."""

from __future__ import annotations

import pytest

from pipeline_kit import PushAuthSettings
from wild_workouts.settings import Settings

pytestmark = pytest.mark.unit


def test_it_reads_every_push_auth_variable() -> None:
    settings = PushAuthSettings.from_environ(
        {
            "PUSH_AUTH_DISABLED": " False ",
            "PUSH_AUTH_AUDIENCE": "https://hello-replier-abc.a.run.app, ,https://other",
            "PUSH_AUTH_ALLOWED_EMAILS": "push-hello-replier@p.iam.gserviceaccount.com",
            "PUSH_AUTH_ALLOWED_EMAILS_OUTBOX_SWEEPER": "",
            "K_SERVICE": "hello-replier",
        }
    )

    assert settings.disabled is False
    assert settings.audiences == ("https://hello-replier-abc.a.run.app", "https://other")
    assert settings.allowed_emails == ("push-hello-replier@p.iam.gserviceaccount.com",)
    assert dict(settings.allowed_emails_by_scope) == {"OUTBOX_SWEEPER": ()}
    assert settings.callers_of("outbox_sweeper") == ("PUSH_AUTH_ALLOWED_EMAILS_OUTBOX_SWEEPER", ())
    assert settings.on_cloud_run is True


@pytest.mark.parametrize(("value", "disabled"), [("", False), ("TRUE", True), ("false", False)])
def test_the_disabled_flag_is_true_or_false(value: str, disabled: bool) -> None:
    assert PushAuthSettings.from_environ({"PUSH_AUTH_DISABLED": value}).disabled is disabled


@pytest.mark.parametrize("value", ["1", "yes", "on"])
def test_a_flag_that_is_neither_true_nor_false_is_refused(value: str) -> None:
    with pytest.raises(ValueError, match="PUSH_AUTH_DISABLED"):
        PushAuthSettings.from_environ({"PUSH_AUTH_DISABLED": value})


def test_a_blank_k_service_is_not_cloud_run() -> None:
    assert PushAuthSettings.from_environ({"K_SERVICE": "  "}).on_cloud_run is False


def test_it_agrees_with_the_projects_settings() -> None:
    environ = {
        "PUSH_AUTH_AUDIENCE": "https://a",
        "PUSH_AUTH_ALLOWED_EMAILS": "x@p.iam.gserviceaccount.com,y@p.iam.gserviceaccount.com",
        "PUSH_AUTH_ALLOWED_EMAILS_TRAINER_CALENDAR": "z@p.iam.gserviceaccount.com",
        "K_SERVICE": "monolith",
    }

    assert PushAuthSettings.from_environ(environ) == Settings.from_environ(environ).push_auth
