# Where messages go after max_delivery_attempts, and where the kit parks poison messages
# with a reason. The pull subscription keeps them (7 days) for the dead-letter CLI to list,
# inspect and redrive: a dead-letter topic without a subscription drops its messages.
resource "google_pubsub_topic" "dead_letter" {
  # checkov:skip=CKV_GCP_83: Google-managed encryption is enough for these events (no regulated data); CMEK would add a KMS key ring to run and pay for.
  project = var.project_id
  name    = "${var.name}-dead-letter"
  labels  = var.labels
}

resource "google_pubsub_subscription" "dead_letter" {
  project                    = var.project_id
  name                       = "${var.name}-dead-letter-sub"
  topic                      = google_pubsub_topic.dead_letter.id
  ack_deadline_seconds       = 60
  message_retention_duration = var.dead_letter_retention
  retain_acked_messages      = false
  labels                     = var.labels

  expiration_policy {
    ttl = ""
  }
}

# Without these two bindings dead-lettering silently does nothing.
resource "google_pubsub_topic_iam_member" "agent_publishes_dead_letters" {
  project = var.project_id
  topic   = google_pubsub_topic.dead_letter.name
  role    = "roles/pubsub.publisher"
  member  = local.pubsub_service_agent
}

resource "google_pubsub_subscription_iam_member" "agent_subscribes_source" {
  project      = var.project_id
  subscription = google_pubsub_subscription.push.name
  role         = "roles/pubsub.subscriber"
  member       = local.pubsub_service_agent
}

# The consumer parks poison messages itself (ack + publish with a reason).
resource "google_pubsub_topic_iam_member" "runtime_parks_messages" {
  project = var.project_id
  topic   = google_pubsub_topic.dead_letter.name
  role    = "roles/pubsub.publisher"
  member  = "serviceAccount:${var.runtime_service_account_email}"
}
