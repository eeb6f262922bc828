# Hello's event topology, in the same shape as infra/topology.tf: Terraform's locals, read by
# `python -m ops dev --topology examples/hello/topology.tf` (topics, push subscriptions with
# their dead-letter topics, the outbox sweeper loop) and by Terraform alike.
#
# Keep it plain data (strings, numbers, bools, lists, maps) so it stays parseable.

locals {
  # One topic per producing module. key = module, value = topic name.
  topics = {
    greetings = "hello-greetings"
  }

  # Event types each module publishes.
  published_event_types = {
    greetings = ["GreetingRequested"]
  }

  # Push consumers. key = consumer name (also the subscription name; its dead-letter topic is
  # "<name>-dead-letter", pulled from "<name>-dead-letter-sub").
  consumers = {
    hello-replier = {
      function    = "hello_replier"
      topic       = "greetings"
      event_types = ["GreetingRequested"]
      ordering    = true
    }
  }

  delivery_defaults = {
    ack_deadline_seconds  = 60
    minimum_backoff       = "10s"
    maximum_backoff       = "600s"
    max_delivery_attempts = 5
  }

  # HTTP functions (not push consumers).
  http_functions = {
    greet          = { public = true }
    outbox_sweeper = { public = false }
  }
}
