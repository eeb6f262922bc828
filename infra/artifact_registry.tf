# The Docker repository for the one functions image (every service runs it).
resource "google_artifact_registry_repository" "functions" {
  # checkov:skip=CKV_GCP_84: the image holds open code and no secret; Google-managed encryption is enough, CMEK would add a KMS key ring to run and pay for.
  project       = var.project_id
  location      = var.region
  repository_id = var.artifact_repository
  format        = "DOCKER"
  description   = "Wild Workouts functions image"
  labels        = var.labels

  depends_on = [google_project_service.enabled]
}
