# One runtime identity per Cloud Run service, with only what its functions need:
# Firestore (datastore.user) and pubsub.publisher on the topics they publish to
# (publishers.tf). Dead-letter publishing is granted by the push_consumer module.
resource "google_service_account" "runtime" {
  for_each = local.services

  project      = var.project_id
  account_id   = substr("run-${replace(each.key, "_", "-")}", 0, 30)
  display_name = "Runtime of ${each.key}"
}

resource "google_project_iam_member" "runtime_firestore" {
  for_each = local.services

  project = var.project_id
  role    = "roles/datastore.user"
  member  = google_service_account.runtime[each.key].member
}

resource "google_pubsub_topic_iam_member" "runtime_publishes" {
  for_each = local.topic_publishers

  project = var.project_id
  topic   = google_pubsub_topic.module[each.value.module].name
  role    = "roles/pubsub.publisher"
  member  = google_service_account.runtime[each.value.service].member
}
