# The push subscription: authenticated (OIDC), filtered on the event types the consumer
# handles and on redrives meant for it (see locals.tf), retried with exponential backoff, dead-lettered after max_delivery_attempts,
# and never expiring when idle.
resource "google_pubsub_subscription" "push" {
  project                 = var.project_id
  name                    = var.name
  topic                   = var.topic_id
  ack_deadline_seconds    = var.ack_deadline_seconds
  filter                  = local.subscription_filter
  enable_message_ordering = var.enable_message_ordering
  labels                  = var.labels

  push_config {
    push_endpoint = var.push_endpoint

    oidc_token {
      service_account_email = google_service_account.push.email
      audience              = var.oidc_audience != "" ? var.oidc_audience : var.push_endpoint
    }
  }

  retry_policy {
    minimum_backoff = var.minimum_backoff
    maximum_backoff = var.maximum_backoff
  }

  dead_letter_policy {
    dead_letter_topic     = google_pubsub_topic.dead_letter.id
    max_delivery_attempts = var.max_delivery_attempts
  }

  expiration_policy {
    ttl = ""
  }

  lifecycle {
    precondition {
      condition     = var.ack_deadline_seconds >= var.target_service.request_timeout_seconds
      error_message = "The ack deadline of ${var.name} is shorter than the request timeout of ${var.target_service.name}: slow requests would be redelivered while still running."
    }
    precondition {
      condition     = length(local.subscription_filter) <= 256
      error_message = "The filter of ${var.name} (event types and redrive target) is over Pub/Sub's 256 bytes."
    }
  }

  depends_on = [google_cloud_run_v2_service_iam_member.push_invoker]
}
