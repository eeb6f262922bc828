# CPU allocation of every service, chosen from the measurements in docs/scale-and-cost.md
# (`python -m bench.booking_latency`), named here so `python -m ops deploy-commands` can derive its flags.
locals {
  cloud_run_cpu = {
    # Request-based billing: CPU allocated only while a request is in flight. A booking's
    # Cloud Run work is a few hundred ms of requests; instance-based billing (false) would bill
    # whole instance lifetimes, idle time included, for a load that is bursty and mostly idle.
    # It must be set: with `resources` set, the API's default is not request-based.
    cpu_idle = true
    # With CPU throttled after each response, the outbox's deferred mark-sent (a background
    # commit after the answer) may wait for the next request or never run before the sweeper
    # republishes: mark inline instead. Measured cost: one more commit inside the requests that
    # publish (same billed Firestore writes, a few ms of request time per booking).
    outbox_mark_sent = "inline"
    # More CPU while an instance starts: a cold start is CPU-bound (imports, first client),
    # and push deliveries and API calls wait for it; billed only during startup.
    startup_cpu_boost = true
  }
}

# The Cloud Run services: one image, FUNCTION_TARGET picks the function.
#
# Ingress is "all" for every service, and push-only services are private by IAM alone
# (no allUsers; only their push service account has run.invoker). Pub/Sub push counts as
# internal traffic only for a run.app endpoint in the same project and VPC-SC perimeter;
# the scheduler and the monolith's public API need "all" anyway, so one rule everywhere
# and authentication by IAM + OIDC (the kit also verifies the token's email and audience).
resource "google_cloud_run_v2_service" "function" {
  for_each = local.services

  project             = var.project_id
  name                = "${var.service_name_prefix}${replace(each.key, "_", "-")}"
  location            = var.region
  ingress             = "INGRESS_TRAFFIC_ALL"
  deletion_protection = false
  labels              = var.labels
  # Cloud Run's IAM check takes an ID token only if its aud is the service's run.app URL or one
  # of its custom audiences. The push subscriptions' and scheduler jobs' tokens carry
  # local.push_audience (not a URL), so every service they call lists it; a service no push
  # subscription or scheduler job calls (the per-function API) lists none.
  custom_audiences = length(local.push_callers_of_service[each.key]) > 0 ? [local.push_audience] : null

  template {
    service_account                  = google_service_account.runtime[each.key].email
    timeout                          = "${local.service_settings[each.key].request_timeout_seconds}s"
    max_instance_request_concurrency = local.service_settings[each.key].concurrency

    scaling {
      min_instance_count = local.service_settings[each.key].min_instances
      max_instance_count = local.service_settings[each.key].max_instances
    }

    containers {
      image = local.image

      env {
        name  = "FUNCTION_TARGET"
        value = each.value.target
      }
      env {
        name  = "GOOGLE_CLOUD_PROJECT"
        value = var.project_id
      }
      # The kit verifies every push (and scheduler) request's OIDC token itself: audience and
      # the service accounts allowed to call. A per-function service serves one path: one list.
      # The monolith serves every consumer's and trigger's path, so it gets one list per path,
      # named after the path's function (PUSH_AUTH_ALLOWED_EMAILS_<FUNCTION>, the kit's
      # allowed_emails_variable) and holding the account that path's push subscription or
      # scheduler job signs its tokens as: a push account's token works on its own path only.
      # The push accounts' emails: local.push_account_email_of_consumer (services_plan.tf).
      env {
        name  = "PUSH_AUTH_AUDIENCE"
        value = local.push_audience
      }
      dynamic "env" {
        for_each = local.monolith ? merge(
          { for c, spec in local.consumers : "PUSH_AUTH_ALLOWED_EMAILS_${upper(spec.function)}" => local.push_account_email_of_consumer[c] },
          {
            PUSH_AUTH_ALLOWED_EMAILS_OUTBOX_SWEEPER = google_service_account.scheduler.email
            PUSH_AUTH_ALLOWED_EMAILS_SAGA_TIMEOUTS  = google_service_account.saga_timeout_scheduler.email
          },
        ) : { PUSH_AUTH_ALLOWED_EMAILS = join(",", local.push_callers_of_service[each.key]) }
        content {
          name  = env.key
          value = env.value
        }
      }
      env {
        name  = "ACK_DEADLINE_SECONDS"
        value = tostring(local.delivery_defaults.ack_deadline_seconds)
      }
      env {
        name  = "TRACE_EXPORTER"
        value = "gcp"
      }
      # The web app's Firebase settings (/app/config.json), on the services that serve the API.
      dynamic "env" {
        for_each = contains(["api", "monolith"], each.value.target) ? {
          FIREBASE_WEB_API_KEY = var.firebase_web_api_key
          FIREBASE_AUTH_DOMAIN = var.firebase_auth_domain != "" ? var.firebase_auth_domain : "${var.project_id}.firebaseapp.com"
        } : {}
        content {
          name  = env.key
          value = env.value
        }
      }

      # The scheduling saga's timeout, where bookings are requested (the deadline is stored on
      # each training; the saga_timeouts trigger rejects the overdue ones).
      dynamic "env" {
        for_each = contains(["api", "monolith"], each.value.target) ? { SAGA_TIMEOUT_SECONDS = tostring(var.saga_timeout_seconds) } : {}
        content {
          name  = env.key
          value = env.value
        }
      }

      # One gunicorn thread per request Cloud Run may send at once (the image's default is 8):
      # fewer threads than max_instance_request_concurrency queue the rest inside the instance,
      # where Cloud Run's autoscaler cannot see them (docs/scale-and-cost.md).
      env {
        name  = "THREADS"
        value = tostring(local.service_settings[each.key].concurrency)
      }
      # CPU only during requests (cpu_idle = true), so the deferred mark-sent commit, which runs
      # after the response, is not left to a throttled CPU: records are marked inside the request.
      env {
        name  = "OUTBOX_MARK_SENT"
        value = local.cloud_run_cpu.outbox_mark_sent
      }

      resources {
        limits = {
          memory = local.service_settings[each.key].memory
          cpu    = local.service_settings[each.key].cpu
        }
        cpu_idle          = local.cloud_run_cpu.cpu_idle
        startup_cpu_boost = local.cloud_run_cpu.startup_cpu_boost
      }
    }
  }

  depends_on = [google_project_service.enabled]
}

# The HTTP API is the only public service.
resource "google_cloud_run_v2_service_iam_member" "public_invoker" {
  # checkov:skip=CKV2_WW_6: the HTTP API is the one public service (the policy tests check that no push-only service gets allUsers).
  for_each = { for s, v in local.services : s => v if v.public }

  project  = var.project_id
  location = var.region
  name     = google_cloud_run_v2_service.function[each.key].name
  role     = "roles/run.invoker"
  member   = "allUsers"
}
