locals {
  pubsub_service_agent = "serviceAccount:service-${var.project_number}@gcp-sa-pubsub.iam.gserviceaccount.com"
  # Service account ids are 6-30 characters.
  push_account_id = substr("push-${var.name}", 0, 30)
}
