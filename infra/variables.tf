variable "project_id" {
  description = "The Google Cloud project to deploy into."
  type        = string
}

variable "region" {
  description = "Region of the Cloud Run services, Artifact Registry and Cloud Scheduler."
  type        = string
  default     = "europe-west1"
}

variable "firestore_location" {
  description = "Location of the Firestore database (a region or a multi-region such as eur3)."
  type        = string
  default     = "eur3"
}

variable "deployment_mode" {
  description = "\"per_function\": one Cloud Run service per function. \"monolith\": one service (FUNCTION_TARGET=monolith) serving /push/<consumer>, /outbox_sweeper, /saga_timeouts and the API at its root."
  type        = string
  default     = "per_function"
  validation {
    condition     = contains(["per_function", "monolith"], var.deployment_mode)
    error_message = "deployment_mode is \"per_function\" or \"monolith\"."
  }
}

variable "service_name_prefix" {
  description = "Prefix of every Cloud Run service name."
  type        = string
  default     = "ww-"
}

variable "artifact_repository" {
  description = "The Artifact Registry (Docker) repository holding the functions image."
  type        = string
  default     = "wild-workouts"
}

variable "image" {
  description = "The container image every service runs (one image, FUNCTION_TARGET picks the function). Empty = <region>-docker.pkg.dev/<project>/<artifact_repository>/functions:latest."
  type        = string
  default     = ""
}

variable "service_defaults" {
  description = "Cloud Run settings of every service. request_timeout_seconds must not exceed a push subscription's ack deadline."
  type = object({
    request_timeout_seconds = number
    concurrency             = number
    min_instances           = number
    max_instances           = number
    memory                  = string
    cpu                     = string
  })
  default = {
    request_timeout_seconds = 60
    concurrency             = 20
    min_instances           = 0
    max_instances           = 10
    memory                  = "512Mi"
    cpu                     = "1"
  }
}

variable "service_overrides" {
  description = "Per-service changes to service_defaults, keyed by function name (or \"monolith\")."
  type = map(object({
    request_timeout_seconds = optional(number)
    concurrency             = optional(number)
    min_instances           = optional(number)
    max_instances           = optional(number)
    memory                  = optional(string)
    cpu                     = optional(string)
  }))
  default = {}
}

variable "outbox_sweep_schedule" {
  description = "Cron schedule of the outbox sweeper (publishes outbox records the request path failed to publish)."
  type        = string
  default     = "* * * * *"
}

variable "saga_timeout_schedule" {
  description = "Cron schedule of the saga timeouts (rejects bookings still pending past their deadline)."
  type        = string
  default     = "* * * * *"
}

variable "saga_timeout_seconds" {
  description = "How long a booking may stay pending before its saga times out (SAGA_TIMEOUT_SECONDS of the API; 1 to 86400)."
  type        = number
  default     = 300

  validation {
    condition     = var.saga_timeout_seconds >= 1 && var.saga_timeout_seconds <= 86400
    error_message = "saga_timeout_seconds must be between 1 and 86400 (the code refuses anything else)."
  }
}

variable "alert_notification_channels" {
  description = "Monitoring notification channel ids the alert policies notify."
  type        = list(string)
  default     = []
}

variable "oldest_unacked_alert_seconds" {
  description = "Alert when a push subscription's oldest unacked message is older than this."
  type        = number
  default     = 900
}

variable "labels" {
  description = "Labels put on every resource that takes them."
  type        = map(string)
  default     = { app = "wild-workouts" }
}

variable "firebase_web_api_key" {
  description = "The Firebase project's web API key, handed to the web app in /app/config.json (it identifies the project to Firebase Authentication; not a secret: every Firebase web app ships it). Empty: the web app's sign-in is not configured."
  type        = string
  default     = ""
}

variable "firebase_auth_domain" {
  description = "The Firebase Authentication domain for the web app (/app/config.json). Empty: <project_id>.firebaseapp.com."
  type        = string
  default     = ""
}

variable "build_repository" {
  description = "The GitHub repository (connected to Cloud Build) whose main branch the build triggers follow: owner and name. Null: no triggers are created (run the builds with gcloud builds submit). The plan build passes it back to Terraform (its trigger's _GITHUB_OWNER, _GITHUB_REPO)."
  type = object({
    owner = string
    name  = string
  })
  default = null

  validation {
    condition     = var.build_repository == null || (can(regex("^[A-Za-z0-9_.-]{1,100}$", var.build_repository.owner)) && can(regex("^[A-Za-z0-9_.-]{1,100}$", var.build_repository.name)))
    error_message = "build_repository owner and name are GitHub names (letters, digits, _ . -)."
  }
}

variable "deploy_approvers" {
  description = "Members (user:..., group:...) who may approve a deploy build (roles/cloudbuild.builds.approver). The deploy trigger waits for one of them; the plan build passes them back to Terraform (its trigger's _DEPLOY_APPROVERS)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for m in var.deploy_approvers : can(regex("^(user|group|domain):[A-Za-z0-9@._-]{1,200}$", m))])
    error_message = "deploy_approvers are user:EMAIL, group:EMAIL or domain:DOMAIN."
  }
}
