# Cloud Build, split by trust (cloudbuild*.yaml; README "Security"). One identity per build:
#   test      cloudbuild.yaml: lint, types, unit and emulator tests. Runs the repository's code
#             and the dev dependencies (PyPI, npm): no role on the project but writing the logs
#             of its own builds.
#   image     cloudbuild-image.yaml: docker build + push. Writer on the functions repository only.
#             The Dockerfile's RUN steps (npm ci, pip install of the runtime lock, the web build)
#             cannot reach even that: docker build runs them off the Cloud Build network, where
#             the build's credentials are served.
#   deployer  cloudbuild-plan.yaml: terraform plan -out=tfplan, saved to the state bucket (no
#             approval: a plan changes nothing); cloudbuild-deploy.yaml: terraform apply of that
#             saved plan and a curl smoke check, after a manual approval. Only what this
#             configuration needs (below); no repository code runs with it.
locals {
  build_accounts = {
    test     = { account_id = "wild-workouts-build-test", display_name = "Cloud Build: tests (no project roles)" }
    image    = { account_id = "wild-workouts-build-image", display_name = "Cloud Build: the functions image" }
    deployer = { account_id = "wild-workouts-deployer", display_name = "Cloud Build: terraform plan and apply" }
  }

  # What Terraform needs to manage everything in infra/, and nothing else.
  deployer_roles = toset([
    "roles/artifactregistry.admin",         # the functions repository
    "roles/cloudbuild.builds.editor",       # the build triggers below
    "roles/cloudscheduler.admin",           # the scheduler jobs
    "roles/datastore.owner",                # the database, its TTL fields and indexes
    "roles/firebaserules.admin",            # the Firestore security rules
    "roles/iam.serviceAccountAdmin",        # the runtime, push, scheduler and build accounts
    "roles/iam.serviceAccountUser",         # services, jobs and triggers run as those accounts
    "roles/logging.configWriter",           # the log-based metrics
    "roles/logging.logWriter",              # its own build logs
    "roles/monitoring.editor",              # the alert policies
    "roles/pubsub.admin",                   # topics, subscriptions and their IAM
    "roles/run.admin",                      # the Cloud Run services and their invokers
    "roles/serviceusage.serviceUsageAdmin", # the APIs (apis.tf)
  ])

  # The project roles this configuration grants (runtime accounts, build logs, approvers): the
  # only ones the deployer may grant or revoke (condition below). Its own roles above are not
  # among them: widening the deployer takes a project owner applying by hand.
  roles_the_deployer_grants = ["roles/cloudbuild.builds.approver", "roles/cloudtrace.agent", "roles/datastore.user", "roles/logging.logWriter"]

  tf_state_bucket = "${var.project_id}-tfstate"

  # One trigger per build on the repository's branch; none when var.build_repository is null.
  build_triggers = var.build_repository == null ? {} : {
    test = {
      config        = "cloudbuild.yaml", account = "test", approval = false
      description   = "Tests (lint, types, unit, emulators) with no project roles"
      substitutions = {}
    }
    image = {
      config        = "cloudbuild-image.yaml", account = "image", approval = false
      description   = "Build and push the functions image"
      substitutions = { _REGION = var.region, _REPOSITORY = var.artifact_repository }
    }
    plan = {
      config      = "cloudbuild-plan.yaml", account = "deployer", approval = false
      description = "terraform plan of the image of this commit, saved for the deploy build (read its log before approving the deploy)"
      substitutions = {
        _REGION               = var.region
        _REPOSITORY           = var.artifact_repository
        _DEPLOYMENT_MODE      = var.deployment_mode
        _TF_STATE_BUCKET      = local.tf_state_bucket
        _FIREBASE_WEB_API_KEY = var.firebase_web_api_key
        _FIREBASE_AUTH_DOMAIN = var.firebase_auth_domain
        # Handed back to Terraform by the plan build, so its plan keeps the triggers and approvers.
        _GITHUB_OWNER     = var.build_repository.owner
        _GITHUB_REPO      = var.build_repository.name
        _DEPLOY_APPROVERS = join(",", var.deploy_approvers)
      }
    }
    deploy = {
      config        = "cloudbuild-deploy.yaml", account = "deployer", approval = true
      description   = "terraform apply of the plan the plan build saved for this commit (approve after reading that build's log; its test and image builds green)"
      substitutions = { _TF_STATE_BUCKET = local.tf_state_bucket }
    }
  }
}

resource "google_service_account" "build" {
  for_each = local.build_accounts

  project      = var.project_id
  account_id   = each.value.account_id
  display_name = each.value.display_name
}

# The test and image builds write their logs (CLOUD_LOGGING_ONLY, which a build with its own
# service account needs); that is the test account's only role.
resource "google_project_iam_member" "build_log_writer" {
  for_each = toset(["test", "image"])

  project = var.project_id
  role    = "roles/logging.logWriter"
  member  = google_service_account.build[each.key].member
}

resource "google_artifact_registry_repository_iam_member" "image_pusher" {
  project    = var.project_id
  location   = google_artifact_registry_repository.functions.location
  repository = google_artifact_registry_repository.functions.name
  role       = "roles/artifactregistry.writer"
  member     = google_service_account.build["image"].member
}

resource "google_project_iam_member" "deployer" {
  # checkov:skip=CKV_GCP_41: the deployer creates the runtime, push, scheduler and build accounts and runs services, subscriptions, jobs and triggers as them; IAM cannot scope actAs to accounts that do not exist yet. It is the approval-gated identity no repository code runs with (README "Security").
  # checkov:skip=CKV_GCP_49: as above: managing and acting as the accounts it creates is what the deploy does; the README names what that leaves open (any account in the project can be acted as).
  for_each = local.deployer_roles

  project = var.project_id
  role    = each.value
  member  = google_service_account.build["deployer"].member
}

# Project IAM (the runtime accounts' roles) with a condition: only the roles listed above.
resource "google_project_iam_member" "deployer_grants_listed_roles" {
  project = var.project_id
  role    = "roles/resourcemanager.projectIamAdmin"
  member  = google_service_account.build["deployer"].member

  condition {
    title       = "only-the-roles-this-configuration-grants"
    description = "The deployer may grant or revoke only the project roles infra/ grants to runtime accounts, build logs and approvers."
    expression  = "api.getAttribute('iam.googleapis.com/modifiedGrantsByRole', []).hasOnly(${jsonencode(local.roles_the_deployer_grants)})"
  }
}

# The Terraform state (the bucket is created by hand before the first apply, see README).
resource "google_storage_bucket_iam_member" "deployer_state" {
  bucket = local.tf_state_bucket
  role   = "roles/storage.objectAdmin"
  member = google_service_account.build["deployer"].member
}

resource "google_project_iam_member" "deploy_approver" {
  for_each = toset(var.deploy_approvers)

  project = var.project_id
  role    = "roles/cloudbuild.builds.approver"
  member  = each.value
}

resource "google_cloudbuild_trigger" "build" {
  for_each = local.build_triggers

  project         = var.project_id
  location        = "global"
  name            = "wild-workouts-${each.key}"
  description     = each.value.description
  filename        = each.value.config
  service_account = google_service_account.build[each.value.account].id
  substitutions   = each.value.substitutions

  github {
    owner = var.build_repository.owner
    name  = var.build_repository.name
    push {
      branch = "^main$"
    }
  }

  # The deploy build starts only when an approver (roles/cloudbuild.builds.approver) approves it.
  approval_config {
    approval_required = each.value.approval
  }

  depends_on = [google_project_service.enabled]
}
