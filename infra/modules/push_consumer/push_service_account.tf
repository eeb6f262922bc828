# The identity Pub/Sub signs each push request's OIDC token as. It can invoke the target
# service and nothing else.
resource "google_service_account" "push" {
  project      = var.project_id
  account_id   = local.push_account_id
  display_name = "Pub/Sub push to ${var.name}"
}

resource "google_cloud_run_v2_service_iam_member" "push_invoker" {
  project  = var.project_id
  location = var.target_service.location
  name     = var.target_service.name
  role     = "roles/run.invoker"
  member   = google_service_account.push.member
}

# Pub/Sub mints the OIDC tokens: its service agent must be able to act for the push account.
resource "google_service_account_iam_member" "agent_mints_tokens" {
  service_account_id = google_service_account.push.name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = local.pubsub_service_agent
}
