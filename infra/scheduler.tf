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
