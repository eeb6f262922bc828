# The Firestore database (native mode, optimistic concurrency: the kit's unit of work
# retries on contention), the TTL policies that expire idempotency markers and sent outbox
# records, and the composite indexes the queries need.
resource "google_firestore_database" "default" {
  project          = var.project_id
  name             = "(default)"
  location_id      = var.firestore_location
  type             = "FIRESTORE_NATIVE"
  concurrency_mode = "OPTIMISTIC"
  deletion_policy  = "ABANDON"

  depends_on = [google_project_service.enabled]
}

locals {
  ttl_fields = {
    processed_events = "expire_at"
    outbox           = "expire_at"
  }
}

resource "google_firestore_field" "ttl" {
  for_each = local.ttl_fields

  project    = var.project_id
  database   = google_firestore_database.default.name
  collection = each.key
  field      = each.value

  ttl_config {}

  # A TTL timestamp is never queried: no single-field indexes on it.
  index_config {}
}

# The outbox sweeper's query: unsent records, oldest first.
resource "google_firestore_index" "outbox_unsent" {
  project    = var.project_id
  database   = google_firestore_database.default.name
  collection = "outbox"

  fields {
    field_path = "sent"
    order      = "ASCENDING"
  }
  fields {
    field_path = "created_at"
    order      = "ASCENDING"
  }
}

# The saga timeouts' query (trainings with deadline_at <= now, ordered by it) and `ops sagas`
# (status == "pending") use the automatic single-field indexes: no composite index.

# An attendee's trainings by hour.
resource "google_firestore_index" "trainings_by_attendee" {
  project    = var.project_id
  database   = google_firestore_database.default.name
  collection = "trainings"

  fields {
    field_path = "attendee_user_id"
    order      = "ASCENDING"
  }
  fields {
    field_path = "hour"
    order      = "ASCENDING"
  }
}
