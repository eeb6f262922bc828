"""The users module's HTTP routes: training balances and grants.

Balances are read from the account itself (strongly consistent). A grant commits the new
balance and ``TrainingsGranted`` in one commit and answers 200 with the new balance; only
administrators may grant (the domain rule). With ``Idempotency-Key`` the same administrator
and key grant once: a repeat answers 200 with the original body and ``Idempotent-Replayed:
true``; the key reused for another attendee or amount is 422 ``idempotency_key_reused``.
"""

from __future__ import annotations

from wild_workouts.http.api_route import ALL_ROLES, ApiCall, ApiResponse, ApiRoute
from wild_workouts.shared_kernel.role import Role
from wild_workouts.users.app.get_balance import GetBalance, handle_get_balance
from wild_workouts.users.app.grant_trainings import GrantOutcome, GrantTrainings, handle_grant_trainings
from wild_workouts.users.app.unit_of_work import UsersUnitOfWork
from wild_workouts.users.entrypoints.route_dependencies import UsersRouteDependencies

ADMIN = frozenset({Role.ADMIN})
REPLAYED_HEADER = "Idempotent-Replayed"


def users_routes(deps: UsersRouteDependencies) -> list[ApiRoute]:
    def balance_of(call: ApiCall, user_id: str) -> ApiResponse:
        balance = handle_get_balance(GetBalance(call.caller, user_id), deps.accounts())
        return ApiResponse(200, {"user_id": user_id, "balance": balance})

    def my_balance(call: ApiCall) -> ApiResponse:
        return balance_of(call, call.caller.user_id)

    def user_balance(call: ApiCall) -> ApiResponse:
        return balance_of(call, call.path["user_id"])

    def grant(call: ApiCall) -> ApiResponse:
        command = GrantTrainings(
            call.caller,
            call.path["user_id"],
            call.body["amount"],
            idempotency_key=call.headers.get("Idempotency-Key"),
            correlation_id=call.correlation_id,
        )

        def work(uow: UsersUnitOfWork) -> GrantOutcome:
            return handle_grant_trainings(command, uow)

        outcome = deps.run_command(work)
        body = {
            "user_id": command.user_id,
            "balance": outcome.balance,
            "correlation_id": outcome.correlation_id,
        }
        return ApiResponse(200, body, {REPLAYED_HEADER: "true"} if outcome.replayed else {})

    return [
        ApiRoute("GET", "/users/me/balance", "getMyBalance", ALL_ROLES, my_balance),
        ApiRoute("GET", "/users/{user_id}/balance", "getUserBalance", ALL_ROLES, user_balance),
        ApiRoute("POST", "/users/{user_id}/grants", "grantTrainings", ADMIN, grant),
    ]
