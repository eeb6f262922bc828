"""The authenticated caller of a command or query (the entrypoint builds it from the token)."""

from dataclasses import dataclass

from wild_workouts.shared_kernel.role import Role


@dataclass(frozen=True, slots=True)
class Caller:
    user_id: str
    role: Role
    name: str
