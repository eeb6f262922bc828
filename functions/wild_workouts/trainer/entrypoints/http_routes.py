"""The trainer module's HTTP routes: open and close hours, read the calendar.

``PUT /trainer/hours/available`` and ``/unavailable`` change the hours synchronously (204):
the whole list is applied or nothing (one commit); hours already in the wanted state are
skipped, so repeating a request is harmless. ``GET /trainer/calendar`` reads the calendar read
model, which lags those changes (``X-Consistency: eventual`` and ``"consistency"`` say so).
``GET /trainer/availability`` (every role) lists from it only the hours that can be booked.
"""

from __future__ import annotations

from wild_workouts.http.api_route import ALL_ROLES, ApiCall, ApiResponse, ApiRoute
from wild_workouts.http.wire_format import parse_date, parse_date_time, render_time
from wild_workouts.shared_kernel.role import Role
from wild_workouts.trainer.app.calendar_queries import (
    GetAvailableHours,
    GetCalendar,
    handle_get_available_hours,
    handle_get_calendar,
)
from wild_workouts.trainer.app.hour_availability import (
    MakeHoursAvailable,
    MakeHoursUnavailable,
    handle_make_hours_available,
    handle_make_hours_unavailable,
)
from wild_workouts.trainer.app.unit_of_work import TrainerUnitOfWork
from wild_workouts.trainer.entrypoints.route_dependencies import TrainerRouteDependencies

TRAINER = frozenset({Role.TRAINER})
EVENTUAL = {"X-Consistency": "eventual"}


def trainer_routes(deps: TrainerRouteDependencies) -> list[ApiRoute]:
    def make_available(call: ApiCall) -> ApiResponse:
        command = MakeHoursAvailable(call.caller, tuple(parse_date_time(hour) for hour in call.body["hours"]))

        def work(uow: TrainerUnitOfWork) -> None:
            handle_make_hours_available(command, uow, deps.clock, deps.hour_policy)

        deps.run_command(work)
        return ApiResponse(204)

    def make_unavailable(call: ApiCall) -> ApiResponse:
        command = MakeHoursUnavailable(call.caller, tuple(parse_date_time(hour) for hour in call.body["hours"]))

        def work(uow: TrainerUnitOfWork) -> None:
            handle_make_hours_unavailable(command, uow, deps.clock, deps.hour_policy)

        deps.run_command(work)
        return ApiResponse(204)

    def calendar(call: ApiCall) -> ApiResponse:
        query = GetCalendar(parse_date(call.query["date_from"]), parse_date(call.query["date_to"]))
        days = handle_get_calendar(query, deps.calendar(), deps.hour_policy)
        body = {
            "consistency": "eventual",
            "days": [
                {
                    "date": day.date.isoformat(),
                    "hours": [
                        {"hour": render_time(hour.hour), "availability": hour.availability.value} for hour in day.hours
                    ],
                }
                for day in days
            ],
        }
        return ApiResponse(200, body, EVENTUAL)

    def availability(call: ApiCall) -> ApiResponse:
        query = GetAvailableHours(parse_date(call.query["date_from"]), parse_date(call.query["date_to"]))
        days = handle_get_available_hours(query, deps.calendar(), deps.hour_policy, deps.clock)
        body = {
            "consistency": "eventual",
            "days": [
                {"date": day.date.isoformat(), "hours": [render_time(hour) for hour in day.hours]} for day in days
            ],
        }
        return ApiResponse(200, body, EVENTUAL)

    return [
        ApiRoute("PUT", "/trainer/hours/available", "makeHoursAvailable", TRAINER, make_available),
        ApiRoute("PUT", "/trainer/hours/unavailable", "makeHoursUnavailable", TRAINER, make_unavailable),
        ApiRoute("GET", "/trainer/calendar", "getTrainerCalendar", TRAINER, calendar),
        ApiRoute("GET", "/trainer/availability", "getTrainerAvailability", ALL_ROLES, availability),
    ]
