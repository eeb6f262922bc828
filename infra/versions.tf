terraform {
  required_version = ">= 1.7"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 6.50, < 7.0"
    }
  }

  # Remote state in a GCS bucket: `terraform init -backend-config=backend.hcl`
  # (see backend.hcl.example). The bucket is created once, by hand, with versioning on.
  backend "gcs" {}
}
