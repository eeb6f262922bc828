# Firestore security rules: deny every request from the Firebase client SDKs (web, mobile).
# The project uses Firebase Authentication, so a signed-in browser holds a token Firestore's
# client API would accept under whatever rules happen to be deployed. Every read and write goes
# through the HTTP API (server client libraries authorised by IAM, which rules do not apply to),
# so the clients get nothing: the rules are managed here, released on the (default) database.
resource "google_firebaserules_ruleset" "firestore_deny_all" {
  project = var.project_id

  source {
    files {
      name    = "firestore.rules"
      content = <<-RULES
        rules_version = '2';
        service cloud.firestore {
          match /databases/{database}/documents {
            match /{document=**} {
              allow read, write: if false;
            }
          }
        }
      RULES
    }
  }

  # A ruleset is immutable: a change creates a new one, released before the old one goes.
  lifecycle {
    create_before_destroy = true
  }

  depends_on = [google_project_service.enabled, google_firestore_database.default]
}

# The release that applies the ruleset to Cloud Firestore's (default) database: the provider's
# name for it is "cloud.firestore" (a named database would be "cloud.firestore/<database>").
resource "google_firebaserules_release" "firestore" {
  project      = var.project_id
  name         = "cloud.firestore"
  ruleset_name = "projects/${var.project_id}/rulesets/${google_firebaserules_ruleset.firestore_deny_all.name}"

  lifecycle {
    replace_triggered_by = [google_firebaserules_ruleset.firestore_deny_all]
  }
}
