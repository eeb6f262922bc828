# Every minute, Cloud Scheduler calls the outbox sweeper (OIDC-authenticated) to publish
# outbox records the request path could not publish. The sweep is idempotent: a record is
# marked sent after publishing, and consumers drop duplicates.
resource "google_service_account" "scheduler" {
  project      = var.project_id
  account_id   = "outbox-sweep-scheduler"
  display_name = "Cloud Scheduler calling the outbox sweeper"
}

resource "google_cloud_run_v2_service_iam_member" "scheduler_invoker" {
  project  = var.project_id
  location = var.region
  name     = google_cloud_run_v2_service.function[local.service_of_function["outbox_sweeper"]].name
  role     = "roles/run.invoker"
  member   = google_service_account.scheduler.member
}

locals {
  outbox_sweeper_url = "${google_cloud_run_v2_service.function[local.service_of_function["outbox_sweeper"]].uri}${local.path_of_function["outbox_sweeper"]}"
}

resource "google_cloud_scheduler_job" "outbox_sweep" {
  project          = var.project_id
  region           = var.region
  name             = "outbox-sweep"
  description      = "Publish outbox records left unsent"
  schedule         = var.outbox_sweep_schedule
  time_zone        = "Etc/UTC"
  attempt_deadline = "${local.service_settings[local.service_of_function["outbox_sweeper"]].request_timeout_seconds}s"

  retry_config {
    retry_count = 0 # the next run a minute later is the retry
  }

  http_target {
    http_method = "POST"
    uri         = local.outbox_sweeper_url

    oidc_token {
      service_account_email = google_service_account.scheduler.email
      audience              = local.push_audience
    }
  }

  depends_on = [google_project_service.enabled, google_cloud_run_v2_service_iam_member.scheduler_invoker]
}

# Every minute, Cloud Scheduler calls the saga timeouts (OIDC-authenticated, its own account
# with run.invoker on that service only): bookings still pending past their deadline are
# rejected as timed_out and compensated. Idempotent: a training is timed out at most once.
resource "google_service_account" "saga_timeout_scheduler" {
  project      = var.project_id
  account_id   = "saga-timeout-scheduler"
  display_name = "Cloud Scheduler calling the saga timeouts"
}

resource "google_cloud_run_v2_service_iam_member" "saga_timeout_invoker" {
  project  = var.project_id
  location = var.region
  name     = google_cloud_run_v2_service.function[local.service_of_function["saga_timeouts"]].name
  role     = "roles/run.invoker"
  member   = google_service_account.saga_timeout_scheduler.member
}

locals {
  saga_timeouts_url = "${google_cloud_run_v2_service.function[local.service_of_function["saga_timeouts"]].uri}${local.path_of_function["saga_timeouts"]}"
}

resource "google_cloud_scheduler_job" "saga_timeouts" {
  project          = var.project_id
  region           = var.region
  name             = "saga-timeouts"
  description      = "Reject bookings still pending past their saga deadline"
  schedule         = var.saga_timeout_schedule
  time_zone        = "Etc/UTC"
  attempt_deadline = "${local.service_settings[local.service_of_function["saga_timeouts"]].request_timeout_seconds}s"

  retry_config {
    retry_count = 0 # the next run a minute later is the retry
  }

  http_target {
    http_method = "POST"
    uri         = local.saga_timeouts_url

    oidc_token {
      service_account_email = google_service_account.saga_timeout_scheduler.email
      audience              = local.push_audience
    }
  }

  depends_on = [google_project_service.enabled, google_cloud_run_v2_service_iam_member.saga_timeout_invoker]
}
