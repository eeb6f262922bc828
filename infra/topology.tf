# The event topology: which module publishes to which topic, and which push consumer
# (a Cloud Run function) subscribes to which topic for which event types.
#
# This file is the single source of truth for the topology. Terraform provisions the
# real topics, push subscriptions and dead-letter topics from it, the local stack
# creates the same topology in the Pub/Sub emulator from it (parsed with python-hcl2,
# push endpoints rewritten to the local function URLs), and a test checks that the
# code's registry of publishers and handlers agrees with it.
#
# Keep it plain data (strings, numbers, bools, lists, maps) so it stays parseable.

locals {
  # One topic per producing module. key = module, value = topic name.
  topics = {
    trainer   = "trainer-events"
    trainings = "trainings-events"
    users     = "users-events"
  }

  # Event types each module publishes (the code's registry must match).
  published_event_types = {
    trainer = [
      "HourMadeAvailable",
      "HourMadeUnavailable",
      "HourReserved",
      "HourReservationRejected",
      "HourReleased",
    ]
    trainings = [
      "TrainingScheduleRequested",
      "TrainingScheduled",
      "TrainingRejected",
      "TrainingCanceled",
      "TrainingRescheduleRequested",
      "TrainingRescheduled",
      "TrainingRescheduleFailed",
      "TrainingRescheduleProposed",
      "TrainingRescheduleProposalRejected",
    ]
    users = [
      "TrainingsGranted",
      "TrainingBalanceDebited",
      "TrainingBalanceDebitRejected",
      "TrainingBalanceCredited",
    ]
  }

  # Push consumers. key = consumer name (also the subscription name).
  #   function    : the FUNCTION_TARGET serving it (one Cloud Run service per function,
  #                 or one for everything, see var.deployment_mode)
  #   topic       : the producing module whose topic it subscribes to
  #   event_types : the types its handlers handle (the subscription filter is built from it)
  #   ordering    : true when the consumer relies on per-aggregate order (ordering key)
  consumers = {
    trainer-on-trainings = {
      function    = "trainer_on_trainings"
      topic       = "trainings"
      event_types = ["TrainingScheduleRequested", "TrainingRejected", "TrainingCanceled", "TrainingRescheduleRequested", "TrainingRescheduled", "TrainingRescheduleFailed"]
      ordering    = true
    }
    users-on-trainings = {
      function    = "users_on_trainings"
      topic       = "trainings"
      event_types = ["TrainingScheduleRequested", "TrainingRejected", "TrainingCanceled"]
      ordering    = true
    }
    trainings-on-trainer = {
      function    = "trainings_on_trainer"
      topic       = "trainer"
      event_types = ["HourReserved", "HourReservationRejected"]
      ordering    = true
    }
    trainings-on-users = {
      function    = "trainings_on_users"
      topic       = "users"
      event_types = ["TrainingBalanceDebited", "TrainingBalanceDebitRejected"]
      ordering    = true
    }
    trainer-calendar = {
      function    = "trainer_calendar"
      topic       = "trainer"
      event_types = ["HourMadeAvailable", "HourMadeUnavailable", "HourReserved", "HourReleased"]
      ordering    = true
    }
    attendee-trainings = {
      function    = "attendee_trainings"
      topic       = "trainings"
      event_types = ["TrainingScheduleRequested", "TrainingScheduled", "TrainingRejected", "TrainingCanceled", "TrainingRescheduled", "TrainingRescheduleFailed", "TrainingRescheduleProposed", "TrainingRescheduleProposalRejected"]
      ordering    = true
    }
  }

  # Delivery settings shared by every push subscription (per-consumer overrides may be
  # added to a consumer entry with the same keys).
  delivery_defaults = {
    ack_deadline_seconds  = 60
    minimum_backoff       = "10s"
    maximum_backoff       = "600s"
    max_delivery_attempts = 5
  }

  # HTTP functions (not push consumers).
  http_functions = {
    api            = { public = true }
    outbox_sweeper = { public = false }
    saga_timeouts  = { public = false }
  }
}
