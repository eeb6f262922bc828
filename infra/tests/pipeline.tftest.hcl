# The whole pipeline's wiring in both deployment modes, with the Google provider mocked.
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

variables {
  project_id = "test-project"
}

run "per_function" {
  command = apply

  assert {
    condition     = length(google_cloud_run_v2_service.function) == length(local.consumers) + length(local.http_functions)
    error_message = "one service per function"
  }
  assert {
    condition     = alltrue([for s, svc in google_cloud_run_v2_service.function : svc.template[0].containers[0].env[0].name == "FUNCTION_TARGET" && svc.template[0].containers[0].env[0].value == s])
    error_message = "each service runs its own FUNCTION_TARGET"
  }
  assert {
    condition     = keys(google_cloud_run_v2_service_iam_member.public_invoker) == ["api"]
    error_message = "only the API is public"
  }
  assert {
    condition     = alltrue([for c, e in output.push_endpoints : e == "https://service.a.run.app"])
    error_message = "per function, Pub/Sub pushes to the service root"
  }
  assert {
    condition     = toset(keys(google_pubsub_topic_iam_member.runtime_publishes)) == toset(["api/trainer", "api/trainings", "api/users", "outbox_sweeper/trainer", "outbox_sweeper/trainings", "outbox_sweeper/users", "saga_timeouts/trainings", "trainer_on_trainings/trainer", "users_on_trainings/users", "trainings_on_trainer/trainings", "trainings_on_users/trainings"])
    error_message = "publishers are granted on their module's topic only; projections publish nothing"
  }
  assert {
    condition     = toset(values(output.dead_letter_subscriptions)) == toset([for c in keys(local.consumers) : "${c}-dead-letter-sub"])
    error_message = "every consumer has a dead-letter subscription"
  }
  assert {
    condition     = alltrue([for c, f in local.consumer_filter : length(f) <= local.consumer_filter_budget[c]])
    error_message = "every event-type filter leaves room for the redrive-target clause"
  }
  assert {
    condition     = alltrue([for c, m in module.push_consumer : length(m.filter) <= 256 && endswith(m.filter, "attributes.redrive_target = \"${c}\")") || m.filter == "NOT attributes:redrive_target OR attributes.redrive_target = \"${c}\""])
    error_message = "every subscription takes redrives meant for its consumer only, within Pub/Sub's 256 bytes"
  }
  assert {
    condition     = module.push_consumer["trainer-on-trainings"].filter == "NOT attributes:redrive_target OR attributes.redrive_target = \"trainer-on-trainings\""
    error_message = "when no event-type filter fits beside the redrive clause, the redrive clause alone"
  }
  assert {
    condition     = local.consumer_filter["users-on-trainings"] == "attributes.event_type = \"TrainingScheduleRequested\" OR attributes.event_type = \"TrainingRejected\" OR attributes.event_type = \"TrainingCanceled\""
    error_message = "filters list the handled event types"
  }
  assert {
    condition     = local.consumer_filter["attendee-trainings"] == "NOT attributes.event_type = \"TrainingRescheduleRequested\""
    error_message = "a filter too long for Pub/Sub is written as the complement"
  }
  assert {
    condition     = google_cloud_scheduler_job.outbox_sweep.http_target[0].uri == "https://service.a.run.app" && google_cloud_scheduler_job.outbox_sweep.schedule == "* * * * *"
    error_message = "the scheduler calls the sweeper every minute"
  }
  assert {
    condition     = google_cloud_run_v2_service_iam_member.scheduler_invoker.name == google_cloud_run_v2_service.function["outbox_sweeper"].name
    error_message = "the scheduler invokes the sweeper only"
  }
  assert {
    condition     = google_cloud_scheduler_job.saga_timeouts.http_target[0].uri == "https://service.a.run.app" && google_cloud_scheduler_job.saga_timeouts.http_target[0].oidc_token[0].audience == local.push_audience
    error_message = "the scheduler calls the saga timeouts with an OIDC token for the push audience"
  }
  assert {
    condition     = google_cloud_run_v2_service_iam_member.saga_timeout_invoker.name == google_cloud_run_v2_service.function["saga_timeouts"].name && google_cloud_run_v2_service_iam_member.saga_timeout_invoker.member != google_cloud_run_v2_service_iam_member.scheduler_invoker.member
    error_message = "the saga timeouts have their own invoker, on their service only"
  }
  assert {
    condition     = contains(local.push_callers_of_service["saga_timeouts"], "saga-timeout-scheduler@test-project.iam.gserviceaccount.com") && !contains(local.push_callers_of_service["outbox_sweeper"], "saga-timeout-scheduler@test-project.iam.gserviceaccount.com")
    error_message = "only the saga timeouts' service accepts the saga scheduler's token"
  }
  assert {
    condition     = [for e in google_cloud_run_v2_service.function["api"].template[0].containers[0].env : e.value if e.name == "SAGA_TIMEOUT_SECONDS"] == ["300"] && length([for e in google_cloud_run_v2_service.function["saga_timeouts"].template[0].containers[0].env : e if e.name == "SAGA_TIMEOUT_SECONDS"]) == 0
    error_message = "the API, where bookings are requested, gets the saga timeout"
  }
  assert {
    condition     = alltrue([for c, v in local.consumers : module.push_consumer[c].ack_deadline_seconds >= tonumber(trimsuffix(google_cloud_run_v2_service.function[v.function].template[0].timeout, "s"))])
    error_message = "every ack deadline covers its service's request timeout"
  }
  assert {
    condition     = length(google_monitoring_alert_policy.dead_letter_backlog) == length(local.consumers) && length(google_monitoring_alert_policy.oldest_unacked) == length(local.consumers)
    error_message = "every consumer has both alerts"
  }
  assert {
    condition     = toset(keys(google_project_iam_member.runtime_trace_writer)) == toset(keys(google_cloud_run_v2_service.function)) && alltrue([for s, m in google_project_iam_member.runtime_trace_writer : m.role == "roles/cloudtrace.agent" && m.member == google_service_account.runtime[s].member])
    error_message = "every service exports traces (TRACE_EXPORTER=gcp): its runtime account writes them"
  }
  assert {
    condition     = alltrue([for s, m in google_project_iam_member.runtime_firestore : m.condition[0].expression == "resource.name == \"projects/test-project/databases/(default)\""])
    error_message = "Firestore access is limited to the one database"
  }
  assert {
    condition     = google_firebaserules_release.firestore.name == "cloud.firestore" && strcontains(google_firebaserules_release.firestore.ruleset_name, "projects/test-project/rulesets/")
    error_message = "the deny-all ruleset is released on the (default) database"
  }
  assert {
    condition     = length(google_cloudbuild_trigger.build) == 0
    error_message = "no build triggers without a repository"
  }
}

run "build_triggers" {
  command = apply

  variables {
    build_repository = { owner = "an-owner", name = "wild-workouts" }
    deploy_approvers = ["user:reviewer@example.com"]
  }

  assert {
    condition     = google_cloudbuild_trigger.build["deploy"].approval_config[0].approval_required && alltrue([for b in ["test", "image", "plan"] : !google_cloudbuild_trigger.build[b].approval_config[0].approval_required])
    error_message = "the deploy (the apply) waits for an approval; the tests, the image and the plan do not"
  }
  assert {
    condition     = google_cloudbuild_trigger.build["deploy"].service_account == google_service_account.build["deployer"].id && google_cloudbuild_trigger.build["plan"].service_account == google_service_account.build["deployer"].id && google_cloudbuild_trigger.build["test"].service_account == google_service_account.build["test"].id && google_cloudbuild_trigger.build["image"].service_account == google_service_account.build["image"].id
    error_message = "each build runs as its own account"
  }
  assert {
    condition     = google_cloudbuild_trigger.build["deploy"].filename == "cloudbuild-deploy.yaml" && google_cloudbuild_trigger.build["plan"].filename == "cloudbuild-plan.yaml" && google_cloudbuild_trigger.build["test"].filename == "cloudbuild.yaml" && google_cloudbuild_trigger.build["image"].filename == "cloudbuild-image.yaml"
    error_message = "each trigger runs its build's config"
  }
  assert {
    condition     = google_cloudbuild_trigger.build["deploy"].substitutions["_TF_STATE_BUCKET"] == "test-project-tfstate" && google_cloudbuild_trigger.build["plan"].substitutions["_TF_STATE_BUCKET"] == "test-project-tfstate" && google_cloudbuild_trigger.build["deploy"].github[0].push[0].branch == "^main$"
    error_message = "the plan and the deploy follow main, with the state bucket (and its saved plans) the deployer may write"
  }
  assert {
    condition     = google_cloudbuild_trigger.build["plan"].substitutions["_GITHUB_OWNER"] == "an-owner" && google_cloudbuild_trigger.build["plan"].substitutions["_DEPLOY_APPROVERS"] == "user:reviewer@example.com"
    error_message = "the plan build hands the triggers' repository and the approvers back to Terraform"
  }
  assert {
    condition     = [for m in google_project_iam_member.deploy_approver : m.role] == ["roles/cloudbuild.builds.approver"]
    error_message = "the approvers get the approver role"
  }
  assert {
    condition     = google_project_iam_member.deployer_grants_listed_roles.condition[0].expression == "api.getAttribute('iam.googleapis.com/modifiedGrantsByRole', []).hasOnly([\"roles/cloudbuild.builds.approver\",\"roles/cloudtrace.agent\",\"roles/datastore.user\",\"roles/logging.logWriter\"])"
    error_message = "the deployer may grant only the roles this configuration grants to others"
  }
  assert {
    condition     = !contains(keys(google_project_iam_member.deployer), "roles/owner") && !contains(keys(google_project_iam_member.deployer), "roles/editor") && length(google_project_iam_member.build_log_writer) == 2
    error_message = "no basic role for the deployer; the test and image builds only write logs at project level"
  }
}

run "monolith" {
  command = apply

  variables {
    deployment_mode = "monolith"
  }

  assert {
    condition     = keys(google_cloud_run_v2_service.function) == ["monolith"]
    error_message = "monolith deploys one service"
  }
  assert {
    condition     = google_cloud_run_v2_service.function["monolith"].template[0].containers[0].env[0].value == "monolith"
    error_message = "the monolith runs FUNCTION_TARGET=monolith"
  }
  assert {
    condition     = alltrue([for c, e in output.push_endpoints : e == "https://service.a.run.app/push/${c}"])
    error_message = "every subscription pushes to /push/<consumer> on the monolith"
  }
  assert {
    condition     = output.api_url == "https://service.a.run.app"
    error_message = "the monolith serves the API at its root (functions/main.py): the smoke test calls <api_url>/openapi.json"
  }
  assert {
    condition     = google_cloud_scheduler_job.outbox_sweep.http_target[0].uri == "https://service.a.run.app/outbox_sweeper"
    error_message = "the sweeper is served under /outbox_sweeper"
  }
  assert {
    condition     = google_cloud_scheduler_job.saga_timeouts.http_target[0].uri == "https://service.a.run.app/saga_timeouts"
    error_message = "the saga timeouts are served under /saga_timeouts"
  }
  assert {
    condition     = [for e in google_cloud_run_v2_service.function["monolith"].template[0].containers[0].env : e.value if e.name == "SAGA_TIMEOUT_SECONDS"] == ["300"]
    error_message = "the monolith gets the saga timeout"
  }
  assert {
    condition     = toset(keys(google_pubsub_topic_iam_member.runtime_publishes)) == toset(["monolith/trainer", "monolith/trainings", "monolith/users"])
    error_message = "the monolith's one account publishes to every module topic"
  }
}
