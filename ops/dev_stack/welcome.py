"""What ``make dev`` prints once the stack is up: where to click, who to sign in as, one curl line."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ops.dev_stack.dev_stack_env import export_lines
from ops.local_stack.demo_users import DEMO_PASSWORD, DEMO_USERS


def welcome_text(api_url: str, auth_emulator_url: str | None, granted: dict[str, int], web_built: bool) -> str:
    lines = [
        "",
        "Wild Workouts is running locally.",
        f"  web app    {api_url}/app/",
        f"  API docs   {api_url}/docs",
        f"  API        {api_url}  (OpenAPI document: {api_url}/openapi.json)",
    ]
    if not web_built:
        lines.append("  (the web app is not built yet: `make web-build`, then reload the page)")
    if auth_emulator_url is not None:
        lines += [
            "",
            f"Demo users (password {DEMO_PASSWORD}; Firebase Authentication emulator at {auth_emulator_url}):",
        ]
        for user in DEMO_USERS:
            extra = f"  {granted[user.uid]} trainings granted" if user.uid in granted else ""
            lines.append(f"  {user.email:<28} {user.role:<9} {user.display_name}{extra}")
    lines += [
        "",
        "One call with a token (--role attendee|trainer|admin; --uid a user id: letters, digits and _ . @ : + -,",
        "starting with a letter or digit, at most 128; the API answers another with 401 sub_not_a_user_id):",
        f'  curl -s -H "Authorization: Bearer $(.venv/bin/python -m ops token --role attendee --uid alice)" '
        f"{api_url}/users/me/balance",
        "",
    ]
    return "\n".join(lines)


def second_terminal_text(environment: Mapping[str, str], env_file: Path) -> str:
    """How to use the stack from another terminal: the ops commands need nothing, other tools the exports."""
    lines = [
        f"In a second terminal every ops command (`python -m ops dlq list`) reads {_shown(env_file)} by itself.",
        f"For other tools, `source {_shown(env_file)}` or paste:",
        *(f"  {line}" for line in export_lines(environment)),
        "",
    ]
    return "\n".join(lines)


def _shown(path: Path) -> str:
    from ops.local_stack.local_paths import REPO_ROOT

    try:
        return str(path.relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


def web_is_built(dist: Path) -> bool:
    return (dist / "index.html").is_file()
