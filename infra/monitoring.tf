# Alerts: any dead letter waiting, and a push subscription falling behind. A log-based
# metric counts the kit's one-line-per-message outcomes
# (handled, duplicate, ignored, retry, parked, park_failed, rejected_auth).
resource "google_monitoring_alert_policy" "dead_letter_backlog" {
  for_each = local.consumers

  project               = var.project_id
  display_name          = "Dead letters waiting: ${each.key}"
  combiner              = "OR"
  notification_channels = var.alert_notification_channels
  user_labels           = var.labels

  conditions {
    display_name = "${each.key}-dead-letter-sub has undelivered messages"
    condition_threshold {
      filter          = "resource.type = \"pubsub_subscription\" AND resource.labels.subscription_id = \"${module.push_consumer[each.key].dead_letter_subscription}\" AND metric.type = \"pubsub.googleapis.com/subscription/num_undelivered_messages\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "60s"
      aggregations {
        alignment_period   = "60s"
        per_series_aligner = "ALIGN_MAX"
      }
    }
  }

  documentation {
    content   = "Messages of ${each.key} were dead-lettered or parked. List, inspect and redrive them with the dead-letter CLI (see README)."
    mime_type = "text/markdown"
  }
}

resource "google_monitoring_alert_policy" "oldest_unacked" {
  for_each = local.consumers

  project               = var.project_id
  display_name          = "Push subscription behind: ${each.key}"
  combiner              = "OR"
  notification_channels = var.alert_notification_channels
  user_labels           = var.labels

  conditions {
    display_name = "${each.key} oldest unacked message age"
    condition_threshold {
      filter          = "resource.type = \"pubsub_subscription\" AND resource.labels.subscription_id = \"${module.push_consumer[each.key].subscription_name}\" AND metric.type = \"pubsub.googleapis.com/subscription/oldest_unacked_message_age\""
      comparison      = "COMPARISON_GT"
      threshold_value = var.oldest_unacked_alert_seconds
      duration        = "300s"
      aggregations {
        alignment_period   = "60s"
        per_series_aligner = "ALIGN_MAX"
      }
    }
  }

  documentation {
    content   = "${each.key} is not keeping up, or a nacked message stalls an ordering key. Check the service's logs (outcome = retry)."
    mime_type = "text/markdown"
  }
}

resource "google_logging_metric" "message_outcomes" {
  project = var.project_id
  name    = "pipeline/message_outcomes"
  filter  = "resource.type = \"cloud_run_revision\" AND jsonPayload.outcome:*"

  label_extractors = {
    outcome = "EXTRACT(jsonPayload.outcome)"
    service = "EXTRACT(resource.labels.service_name)"
  }

  metric_descriptor {
    metric_kind  = "DELTA"
    value_type   = "INT64"
    unit         = "1"
    display_name = "Handled messages by outcome"

    labels {
      key         = "outcome"
      value_type  = "STRING"
      description = "handled, duplicate, ignored, retry, parked, park_failed or rejected_auth"
    }
    labels {
      key         = "service"
      value_type  = "STRING"
      description = "The Cloud Run service that logged it"
    }
  }
}

# A message that could be neither handled nor parked is the one case needing a human now.
resource "google_monitoring_alert_policy" "park_failed" {
  project               = var.project_id
  display_name          = "Messages that could not be parked"
  combiner              = "OR"
  notification_channels = var.alert_notification_channels
  user_labels           = var.labels

  conditions {
    display_name = "park_failed outcomes"
    condition_threshold {
      filter          = "resource.type = \"cloud_run_revision\" AND metric.type = \"logging.googleapis.com/user/${google_logging_metric.message_outcomes.name}\" AND metric.labels.outcome = \"park_failed\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"
      aggregations {
        alignment_period   = "60s"
        per_series_aligner = "ALIGN_SUM"
      }
    }
  }
}

# A saga timed out: a booking got no answer from the trainer or users module in time (a
# consumer down, a message parked or dead-lettered). The timeout compensates by itself; the
# alert says something upstream is losing answers. Counts the one line per timeout that the
# saga_timeouts trigger writes (outcome "saga_timed_out", with the missing answers).
resource "google_logging_metric" "saga_timeouts" {
  project = var.project_id
  name    = "pipeline/saga_timeouts"
  filter  = "resource.type = \"cloud_run_revision\" AND jsonPayload.outcome = \"saga_timed_out\""

  label_extractors = {
    missing = "EXTRACT(jsonPayload.missing)"
  }

  metric_descriptor {
    metric_kind  = "DELTA"
    value_type   = "INT64"
    unit         = "1"
    display_name = "Scheduling sagas timed out"

    labels {
      key         = "missing"
      value_type  = "STRING"
      description = "The answers that had not arrived: hour_reservation, balance_debit or both (comma-separated)"
    }
  }
}

resource "google_monitoring_alert_policy" "saga_timed_out" {
  project               = var.project_id
  display_name          = "Bookings timed out (saga deadline)"
  combiner              = "OR"
  notification_channels = var.alert_notification_channels
  user_labels           = var.labels

  conditions {
    display_name = "saga_timed_out log lines"
    condition_threshold {
      filter          = "resource.type = \"cloud_run_revision\" AND metric.type = \"logging.googleapis.com/user/${google_logging_metric.saga_timeouts.name}\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"
      aggregations {
        alignment_period   = "60s"
        per_series_aligner = "ALIGN_SUM"
      }
    }
  }

  documentation {
    content   = "A booking was rejected as timed_out: the trainer or users module never answered it in time (the compensation already ran). Find the stuck answers with `python -m ops sagas` and `python -m ops dlq list` (see README)."
    mime_type = "text/markdown"
  }
}
