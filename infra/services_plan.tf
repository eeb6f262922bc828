# Which Cloud Run services exist and what each one runs, from the topology (topology.tf)
# and var.deployment_mode. Everything else iterates over these maps.
locals {
  monolith = var.deployment_mode == "monolith"

  # function name -> consumer name, for the push functions.
  consumer_of_function = { for name, c in local.consumers : c.function => name }
  functions            = concat(keys(local.http_functions), keys(local.consumer_of_function))

  # Service key -> what it runs. Only the API is public; in monolith mode the one service
  # serves the API too, so it is public and push paths rely on the kit's OIDC check.
  services = local.monolith ? {
    monolith = { target = "monolith", public = true, push_only = false }
    } : {
    for f in local.functions : f => {
      target    = f
      public    = contains(keys(local.http_functions), f) ? local.http_functions[f].public : false
      push_only = contains(keys(local.consumer_of_function), f)
    }
  }

  # Function -> the service hosting it, and the path it is served under there. The monolith
  # (functions/main.py) serves the API at its root: every path that is not /push/<consumer>,
  # /outbox_sweeper, /saga_timeouts or /healthz goes to the API.
  service_of_function = { for f in local.functions : f => local.monolith ? "monolith" : f }
  path_of_function = {
    for f in local.functions : f => !local.monolith ? "" : (
      contains(keys(local.consumer_of_function), f) ? "/push/${local.consumer_of_function[f]}" :
      f == "api" ? "" : "/${f}"
    )
  }

  service_settings = {
    for s in keys(local.services) : s => merge(
      var.service_defaults,
      { for k, v in try(var.service_overrides[s], {}) : k => v if v != null },
    )
  }

  # The OIDC audience of every push subscription and of the scheduler job: a fixed string,
  # so services can be told it without depending on their own URLs.
  push_audience = "wild-workouts-push/${var.project_id}"

  # Consumer -> the email of the service account its push subscription signs tokens as:
  # deterministic, computed from the account id the push_consumer module gives it
  # (`push-<consumer>`, cut to 30 characters), because the module's output would close a
  # dependency cycle through the service's URL.
  push_account_email_of_consumer = {
    for c in keys(local.consumers) : c => "${substr("push-${c}", 0, 30)}@${var.project_id}.iam.gserviceaccount.com"
  }

  # Service -> the push / scheduler service accounts allowed to call it.
  push_callers_of_service = {
    for s in keys(local.services) : s => concat(
      [for c, spec in local.consumers : local.push_account_email_of_consumer[c] if local.service_of_function[spec.function] == s],
      local.service_of_function["outbox_sweeper"] == s ? ["outbox-sweep-scheduler@${var.project_id}.iam.gserviceaccount.com"] : [],
      local.service_of_function["saga_timeouts"] == s ? ["saga-timeout-scheduler@${var.project_id}.iam.gserviceaccount.com"] : [],
    )
  }

  image = var.image != "" ? var.image : "${var.region}-docker.pkg.dev/${var.project_id}/${var.artifact_repository}/functions:latest"
}
