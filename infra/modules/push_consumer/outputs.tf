output "subscription_name" {
  description = "The push subscription."
  value       = google_pubsub_subscription.push.name
}

output "dead_letter_topic" {
  description = "The dead-letter topic's name."
  value       = google_pubsub_topic.dead_letter.name
}

output "dead_letter_subscription" {
  description = "The pull subscription holding dead letters."
  value       = google_pubsub_subscription.dead_letter.name
}

output "push_service_account_email" {
  description = "The identity of the push requests (the OIDC token's email claim)."
  value       = google_service_account.push.email
}

output "push_endpoint" {
  description = "Where Pub/Sub pushes."
  value       = var.push_endpoint
}

output "oidc_audience" {
  description = "The audience of the push requests' OIDC tokens (oidc_audience, else push_endpoint)."
  value       = google_pubsub_subscription.push.push_config[0].oidc_token[0].audience
}

output "ack_deadline_seconds" {
  description = "The subscription's ack deadline (also the push request timeout)."
  value       = google_pubsub_subscription.push.ack_deadline_seconds
}

output "filter" {
  description = "The subscription's filter: the event types, and redrives meant for this consumer only."
  value       = google_pubsub_subscription.push.filter
}
