output "api_url" {
  description = "The public HTTP API's base URL."
  value       = "${google_cloud_run_v2_service.function[local.service_of_function["api"]].uri}${local.path_of_function["api"]}"
}

output "service_urls" {
  description = "Cloud Run service -> URL."
  value       = { for s, svc in google_cloud_run_v2_service.function : s => svc.uri }
}

output "topic_names" {
  description = "Module -> topic name."
  value       = { for m, t in google_pubsub_topic.module : m => t.name }
}

output "push_endpoints" {
  description = "Consumer -> push endpoint."
  value       = { for c, m in module.push_consumer : c => m.push_endpoint }
}

output "dead_letter_subscriptions" {
  description = "Consumer -> dead-letter pull subscription (for the dead-letter CLI)."
  value       = { for c, m in module.push_consumer : c => m.dead_letter_subscription }
}

output "push_identities" {
  description = "Consumer -> the OIDC identity its push requests carry (email claim, audience), for the kit's token check."
  value       = { for c, m in module.push_consumer : c => { email = m.push_service_account_email, audience = m.oidc_audience } }
}
