# The push_consumer module's wiring, with the Google provider mocked (nothing is created).
mock_provider "google" {}

variables {
  project_id     = "test-project"
  project_number = "123456789012"
  name           = "trainer-calendar"
  topic_id       = "projects/test-project/topics/trainer-events"
  filter         = "attributes.event_type = \"HourReserved\""
  push_endpoint  = "https://ww-trainer-calendar.a.run.app"
  target_service = {
    name                    = "ww-trainer-calendar"
    location                = "europe-west1"
    request_timeout_seconds = 60
  }
  runtime_service_account_email = "run-trainer-calendar@test-project.iam.gserviceaccount.com"
  enable_message_ordering       = true
  ack_deadline_seconds          = 60
  minimum_backoff               = "10s"
  maximum_backoff               = "600s"
  max_delivery_attempts         = 5
}

run "push_subscription_is_authenticated_retried_and_dead_lettered" {
  command = apply
  module {
    source = "./modules/push_consumer"
  }

  assert {
    condition     = google_pubsub_subscription.push.push_config[0].oidc_token[0].service_account_email == google_service_account.push.email
    error_message = "push requests must carry an OIDC token of the push service account"
  }
  assert {
    condition     = google_pubsub_subscription.push.push_config[0].oidc_token[0].audience == var.push_endpoint
    error_message = "the OIDC audience is the push endpoint"
  }
  assert {
    condition     = google_pubsub_subscription.push.dead_letter_policy[0].dead_letter_topic == google_pubsub_topic.dead_letter.id
    error_message = "the subscription dead-letters to its own dead-letter topic"
  }
  assert {
    condition     = google_pubsub_subscription.push.dead_letter_policy[0].max_delivery_attempts == 5
    error_message = "max_delivery_attempts is passed through"
  }
  assert {
    condition     = google_pubsub_subscription.push.retry_policy[0].minimum_backoff == "10s" && google_pubsub_subscription.push.retry_policy[0].maximum_backoff == "600s"
    error_message = "exponential backoff from the delivery settings"
  }
  assert {
    condition     = google_pubsub_subscription.push.ack_deadline_seconds >= var.target_service.request_timeout_seconds
    error_message = "ack deadline must cover the request timeout"
  }
  assert {
    condition     = google_pubsub_subscription.push.expiration_policy[0].ttl == "" && google_pubsub_subscription.dead_letter.expiration_policy[0].ttl == ""
    error_message = "subscriptions never expire"
  }
  assert {
    condition     = google_pubsub_subscription.push.enable_message_ordering && google_pubsub_subscription.push.filter == "(attributes.event_type = \"HourReserved\") AND (NOT attributes:redrive_target OR attributes.redrive_target = \"trainer-calendar\")"
    error_message = "ordering and the event-type filter come from the topology; redrives meant for other consumers are filtered out"
  }
  assert {
    condition     = google_pubsub_topic.dead_letter.name == "trainer-calendar-dead-letter" && google_pubsub_subscription.dead_letter.name == "trainer-calendar-dead-letter-sub"
    error_message = "dead-letter names follow <consumer>-dead-letter(-sub)"
  }
  assert {
    condition     = google_pubsub_subscription.dead_letter.topic == google_pubsub_topic.dead_letter.id && google_pubsub_subscription.dead_letter.message_retention_duration == "604800s"
    error_message = "the dead-letter topic has a 7-day pull subscription"
  }
  assert {
    condition     = google_pubsub_topic_iam_member.agent_publishes_dead_letters.member == "serviceAccount:service-123456789012@gcp-sa-pubsub.iam.gserviceaccount.com" && google_pubsub_topic_iam_member.agent_publishes_dead_letters.role == "roles/pubsub.publisher"
    error_message = "the Pub/Sub service agent publishes to the dead-letter topic"
  }
  assert {
    condition     = google_pubsub_subscription_iam_member.agent_subscribes_source.member == "serviceAccount:service-123456789012@gcp-sa-pubsub.iam.gserviceaccount.com" && google_pubsub_subscription_iam_member.agent_subscribes_source.subscription == google_pubsub_subscription.push.name && google_pubsub_subscription_iam_member.agent_subscribes_source.role == "roles/pubsub.subscriber"
    error_message = "the Pub/Sub service agent subscribes to the source subscription"
  }
  assert {
    condition     = google_cloud_run_v2_service_iam_member.push_invoker.name == "ww-trainer-calendar" && google_cloud_run_v2_service_iam_member.push_invoker.role == "roles/run.invoker" && google_cloud_run_v2_service_iam_member.push_invoker.member == google_service_account.push.member
    error_message = "the push account invokes its target service"
  }
  assert {
    condition     = google_pubsub_topic_iam_member.runtime_parks_messages.member == "serviceAccount:${var.runtime_service_account_email}" && google_pubsub_topic_iam_member.runtime_parks_messages.topic == google_pubsub_topic.dead_letter.name
    error_message = "the consumer's runtime account parks on its own dead-letter topic"
  }
}

run "ack_deadline_shorter_than_request_timeout_is_refused" {
  command = plan
  module {
    source = "./modules/push_consumer"
  }
  variables {
    ack_deadline_seconds = 30
  }
  expect_failures = [google_pubsub_subscription.push]
}

run "too_few_delivery_attempts_are_refused" {
  command = plan
  module {
    source = "./modules/push_consumer"
  }
  variables {
    max_delivery_attempts = 4
  }
  expect_failures = [var.max_delivery_attempts]
}

run "filters_over_256_bytes_are_refused" {
  command = plan
  module {
    source = "./modules/push_consumer"
  }
  variables {
    filter = join(" OR ", [for i in range(10) : "attributes.event_type = \"TrainingRescheduleProposal${i}\""])
  }
  expect_failures = [var.filter]
}

run "without_an_event_type_filter_only_the_redrive_clause_remains" {
  command = apply
  module {
    source = "./modules/push_consumer"
  }
  variables {
    filter = ""
  }
  assert {
    condition     = google_pubsub_subscription.push.filter == "NOT attributes:redrive_target OR attributes.redrive_target = \"trainer-calendar\""
    error_message = "every message but redrives meant for another consumer"
  }
}

run "a_filter_that_fits_alone_but_not_with_the_redrive_clause_is_refused" {
  command = plan
  module {
    source = "./modules/push_consumer"
  }
  variables {
    filter = join(" OR ", [for i in range(4) : "attributes.event_type = \"TrainingRescheduleProposal${i}\""])
  }
  expect_failures = [google_pubsub_subscription.push]
}
