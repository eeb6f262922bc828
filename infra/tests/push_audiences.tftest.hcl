# Cloud Run lets a token through to a private service only if its audience is the service's
# run.app URL or one of its custom audiences (tests/infra/test_push_audiences.py runs this file):
# in both modes, every service a push subscription or scheduler job calls lists the audience
# those tokens carry, and a service nobody pushes to or schedules lists none.
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

run "per_function_callers_audiences" {
  command = apply

  assert {
    condition = alltrue([for c, m in module.push_consumer : contains(
      coalescelist(google_cloud_run_v2_service.function[local.service_of_function[local.consumers[c].function]].custom_audiences, [""]),
      m.oidc_audience,
    )])
    error_message = "a consumer's service lists its push subscription's token audience among its custom audiences"
  }
  assert {
    condition = contains(
      coalescelist(one([for s in google_cloud_run_v2_service.function : s.custom_audiences if s.name == google_cloud_run_v2_service_iam_member.scheduler_invoker.name]), [""]),
      google_cloud_scheduler_job.outbox_sweep.http_target[0].oidc_token[0].audience,
    )
    error_message = "the service the outbox sweep's account invokes lists the job's token audience among its custom audiences"
  }
  assert {
    condition = contains(
      coalescelist(one([for s in google_cloud_run_v2_service.function : s.custom_audiences if s.name == google_cloud_run_v2_service_iam_member.saga_timeout_invoker.name]), [""]),
      google_cloud_scheduler_job.saga_timeouts.http_target[0].oidc_token[0].audience,
    )
    error_message = "the service the saga timeouts' account invokes lists the job's token audience among its custom audiences"
  }
  assert {
    condition     = google_cloud_run_v2_service.function["api"].custom_audiences == null
    error_message = "the per-function API, which no push subscription or scheduler job calls, lists no custom audience"
  }
}

run "monolith_callers_audiences" {
  command = apply

  variables {
    deployment_mode = "monolith"
  }

  assert {
    condition = alltrue([for c, m in module.push_consumer : contains(
      coalescelist(google_cloud_run_v2_service.function[local.service_of_function[local.consumers[c].function]].custom_audiences, [""]),
      m.oidc_audience,
    )])
    error_message = "a consumer's service lists its push subscription's token audience among its custom audiences"
  }
  assert {
    condition = contains(
      coalescelist(one([for s in google_cloud_run_v2_service.function : s.custom_audiences if s.name == google_cloud_run_v2_service_iam_member.scheduler_invoker.name]), [""]),
      google_cloud_scheduler_job.outbox_sweep.http_target[0].oidc_token[0].audience,
    )
    error_message = "the service the outbox sweep's account invokes lists the job's token audience among its custom audiences"
  }
  assert {
    condition = contains(
      coalescelist(one([for s in google_cloud_run_v2_service.function : s.custom_audiences if s.name == google_cloud_run_v2_service_iam_member.saga_timeout_invoker.name]), [""]),
      google_cloud_scheduler_job.saga_timeouts.http_target[0].oidc_token[0].audience,
    )
    error_message = "the service the saga timeouts' account invokes lists the job's token audience among its custom audiences"
  }
  assert {
    condition     = google_cloud_run_v2_service.function["monolith"].custom_audiences == tolist([local.push_audience])
    error_message = "the monolith, called by every push subscription and scheduler job, lists their one audience"
  }
}
