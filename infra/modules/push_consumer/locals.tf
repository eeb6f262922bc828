locals {
  pubsub_service_agent = "serviceAccount:service-${var.project_number}@gcp-sa-pubsub.iam.gserviceaccount.com"
  # Service account ids are 6-30 characters.
  push_account_id = substr("push-${var.name}", 0, 30)

  # A redriven message (`python -m ops dlq redrive`) carries redrive_target = the consumer that
  # failed it: every other subscription of the topic drops it, so a consumer that applied the
  # event long ago (its processed marker expired) never sees it again. The consumers also ack
  # such a copy as ignored themselves (the emulator applies no filter).
  redrive_filter      = "NOT attributes:redrive_target OR attributes.redrive_target = \"${var.name}\""
  subscription_filter = var.filter == "" ? local.redrive_filter : "(${var.filter}) AND (${local.redrive_filter})"
}
