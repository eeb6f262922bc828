# One topic per producing module, and per consumer a push subscription with its
# dead-letter topic, dead-letter subscription and IAM (modules/push_consumer).
resource "google_pubsub_topic" "module" {
  # checkov:skip=CKV_GCP_83: Google-managed encryption is enough for these events (no regulated data); CMEK would add a KMS key ring to run and pay for.
  for_each = local.topics

  project = var.project_id
  name    = each.value
  labels  = var.labels

  depends_on = [google_project_service.enabled]
}

locals {
  # Pub/Sub filters are at most 256 bytes, and the push_consumer module adds its redrive-target
  # clause (modules/push_consumer/locals.tf) to the event-type filter built here: use the handled
  # types, else the complement (the topic's other types), else no event-type filter, whichever
  # fits the bytes the clause leaves. Consumers ack types they do not handle, so a wider filter
  # costs deliveries, never correctness.
  consumer_filter_budget = {
    for name, c in local.consumers : name => 256 - length("() AND (NOT attributes:redrive_target OR attributes.redrive_target = \"${name}\")")
  }
  consumer_filters = {
    for name, c in local.consumers : name => {
      handled = join(" OR ", [for t in c.event_types : "attributes.event_type = \"${t}\""])
      others = join(" AND ", [
        for t in local.published_event_types[c.topic] : "NOT attributes.event_type = \"${t}\"" if !contains(c.event_types, t)
      ])
    }
  }
  consumer_filter = {
    for name, f in local.consumer_filters : name => (
      length(f.handled) <= local.consumer_filter_budget[name] ? f.handled : length(f.others) <= local.consumer_filter_budget[name] ? f.others : ""
    )
  }

  # Consumer -> where Pub/Sub pushes it.
  push_endpoint = {
    for name, c in local.consumers : name => "${google_cloud_run_v2_service.function[local.service_of_function[c.function]].uri}${local.path_of_function[c.function]}"
  }
}

module "push_consumer" {
  source   = "./modules/push_consumer"
  for_each = local.consumers

  project_id              = var.project_id
  project_number          = data.google_project.this.number
  name                    = each.key
  topic_id                = google_pubsub_topic.module[each.value.topic].id
  filter                  = local.consumer_filter[each.key]
  enable_message_ordering = each.value.ordering
  push_endpoint           = local.push_endpoint[each.key]
  oidc_audience           = local.push_audience
  labels                  = var.labels

  target_service = {
    name                    = google_cloud_run_v2_service.function[local.service_of_function[each.value.function]].name
    location                = var.region
    request_timeout_seconds = local.service_settings[local.service_of_function[each.value.function]].request_timeout_seconds
  }
  runtime_service_account_email = google_service_account.runtime[local.service_of_function[each.value.function]].email

  ack_deadline_seconds  = lookup(each.value, "ack_deadline_seconds", local.delivery_defaults.ack_deadline_seconds)
  minimum_backoff       = lookup(each.value, "minimum_backoff", local.delivery_defaults.minimum_backoff)
  maximum_backoff       = lookup(each.value, "maximum_backoff", local.delivery_defaults.maximum_backoff)
  max_delivery_attempts = lookup(each.value, "max_delivery_attempts", local.delivery_defaults.max_delivery_attempts)
}
