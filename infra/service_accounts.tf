# One runtime identity per Cloud Run service, with only what its functions need:
# Firestore (datastore.user on this configuration's database), Cloud Trace (writing spans) and
# pubsub.publisher on the topics they publish to (publishers.tf). Dead-letter publishing is
# granted by the push_consumer module.
resource "google_service_account" "runtime" {
  for_each = local.services

  project      = var.project_id
  account_id   = substr("run-${replace(each.key, "_", "-")}", 0, 30)
  display_name = "Runtime of ${each.key}"
}

# Firestore: datastore.user on the one database this configuration manages, by an IAM condition
# on the database's resource name (a second database in the project stays out of reach).
# IAM cannot narrow it further: Firestore's IAM conditions see the database, not its collections
# or documents, so every runtime account may read and write every collection of this database.
# Which collections a function touches is the code's contract (each module's Firestore adapters,
# the layer contracts), not IAM's.
resource "google_project_iam_member" "runtime_firestore" {
  for_each = local.services

  project = var.project_id
  role    = "roles/datastore.user"
  member  = google_service_account.runtime[each.key].member

  condition {
    title       = "only-the-wild-workouts-database"
    description = "Firestore access limited to the database this configuration manages."
    expression  = "resource.name == \"${local.firestore_database_resource_name}\""
  }
}

# Cloud Trace: every service runs with TRACE_EXPORTER=gcp (cloud_run.tf), whose exporter writes
# spans with the runtime account; without this role the exports fail (the spans are dropped).
# cloudtrace.agent only writes traces (it cannot read them), and has no narrower scope.
resource "google_project_iam_member" "runtime_trace_writer" {
  for_each = local.services

  project = var.project_id
  role    = "roles/cloudtrace.agent"
  member  = google_service_account.runtime[each.key].member
}

locals {
  firestore_database_resource_name = "projects/${var.project_id}/databases/${google_firestore_database.default.name}"
}

resource "google_pubsub_topic_iam_member" "runtime_publishes" {
  for_each = local.topic_publishers

  project = var.project_id
  topic   = google_pubsub_topic.module[each.value.module].name
  role    = "roles/pubsub.publisher"
  member  = google_service_account.runtime[each.value.service].member
}
