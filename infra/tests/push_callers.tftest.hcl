# Who may call which path (tests/infra/test_push_callers_per_path.py runs this file): the monolith
# carries one allowed-callers list per path, each the one account that path's push subscription
# or scheduler job signs its OIDC tokens as; a per-function service carries one list, its own.
mock_provider "google" {
  mock_data "google_project" {
    defaults = {
      number = "123456789012"
    }
  }
  mock_resource "google_cloud_run_v2_service" {
    defaults = {
      uri = "https://service.a.run.app"
    }
  }
}

# The schedulers' accounts get the email the real provider derives from their account ids.
override_resource {
  target = google_service_account.scheduler
  values = {
    email = "outbox-sweep-scheduler@test-project.iam.gserviceaccount.com"
  }
}

override_resource {
  target = google_service_account.saga_timeout_scheduler
  values = {
    email = "saga-timeout-scheduler@test-project.iam.gserviceaccount.com"
  }
}

variables {
  project_id = "test-project"
}

run "monolith_one_list_per_path" {
  command = apply

  variables {
    deployment_mode = "monolith"
  }

  assert {
    condition = toset([for e in google_cloud_run_v2_service.function["monolith"].template[0].containers[0].env : e.name if startswith(e.name, "PUSH_AUTH_ALLOWED_EMAILS")]) == toset(concat(
      [for c, spec in local.consumers : "PUSH_AUTH_ALLOWED_EMAILS_${upper(spec.function)}"],
      ["PUSH_AUTH_ALLOWED_EMAILS_OUTBOX_SWEEPER", "PUSH_AUTH_ALLOWED_EMAILS_SAGA_TIMEOUTS"],
    ))
    error_message = "the monolith has one list per consumer and per trigger, and no list shared by every path"
  }
  assert {
    condition = alltrue([for c, spec in local.consumers : [
      for e in google_cloud_run_v2_service.function["monolith"].template[0].containers[0].env : e.value if e.name == "PUSH_AUTH_ALLOWED_EMAILS_${upper(spec.function)}"
    ] == ["${substr("push-${c}", 0, 30)}@test-project.iam.gserviceaccount.com"]])
    error_message = "each consumer's path allows exactly its push subscription's account"
  }
  assert {
    condition     = length(distinct([for e in google_cloud_run_v2_service.function["monolith"].template[0].containers[0].env : e.value if startswith(e.name, "PUSH_AUTH_ALLOWED_EMAILS_")])) == length(local.consumers) + 2
    error_message = "no two paths share an allowed account"
  }
  assert {
    condition     = toset([for e in google_cloud_run_v2_service.function["monolith"].template[0].containers[0].env : e.value if startswith(e.name, "PUSH_AUTH_ALLOWED_EMAILS_")]) == toset(local.push_callers_of_service["monolith"])
    error_message = "the per-path lists are, together, exactly the service's callers"
  }
  assert {
    condition = ([for e in google_cloud_run_v2_service.function["monolith"].template[0].containers[0].env : e.value if e.name == "PUSH_AUTH_ALLOWED_EMAILS_OUTBOX_SWEEPER"] == [google_cloud_scheduler_job.outbox_sweep.http_target[0].oidc_token[0].service_account_email]
    && [for e in google_cloud_run_v2_service.function["monolith"].template[0].containers[0].env : e.value if e.name == "PUSH_AUTH_ALLOWED_EMAILS_SAGA_TIMEOUTS"] == [google_cloud_scheduler_job.saga_timeouts.http_target[0].oidc_token[0].service_account_email])
    error_message = "each trigger's path allows exactly the account its scheduler job signs as"
  }
}

run "per_function_one_list_each" {
  command = apply

  assert {
    condition = alltrue([for s, svc in google_cloud_run_v2_service.function : [
      for e in svc.template[0].containers[0].env : e.name if startswith(e.name, "PUSH_AUTH_ALLOWED_EMAILS")
    ] == ["PUSH_AUTH_ALLOWED_EMAILS"]])
    error_message = "a per-function service has its one list and no per-path ones"
  }
  assert {
    condition = alltrue([for c, spec in local.consumers : [
      for e in google_cloud_run_v2_service.function[spec.function].template[0].containers[0].env : e.value if e.name == "PUSH_AUTH_ALLOWED_EMAILS"
    ] == ["${substr("push-${c}", 0, 30)}@test-project.iam.gserviceaccount.com"]])
    error_message = "a consumer's service allows its push subscription's account only"
  }
}
