variable "project_id" {
  description = "The Google Cloud project everything lives in."
  type        = string
}

variable "project_number" {
  description = "The project number, to name the Pub/Sub service agent."
  type        = string
}

variable "name" {
  description = "The consumer name: the push subscription's name, prefix of its dead-letter topic and subscription."
  type        = string
}

variable "topic_id" {
  description = "The id (projects/P/topics/T) of the topic the consumer subscribes to."
  type        = string
}

variable "filter" {
  description = "The filter on attributes.event_type (\"\" = every type; the consumer acks types it does not handle). The module adds the redrive-target clause; Pub/Sub cannot change a filter in place (a new filter replaces the subscription)."
  type        = string
  validation {
    condition     = length(var.filter) <= 256
    error_message = "A Pub/Sub subscription filter is at most 256 bytes."
  }
}

variable "enable_message_ordering" {
  description = "Deliver messages of one ordering key in order (a nacked message stalls its key until acked or dead-lettered)."
  type        = bool
}

variable "push_endpoint" {
  description = "The URL Pub/Sub pushes to (the service URL, or the monolith's URL + /push/<consumer>)."
  type        = string
}

variable "target_service" {
  description = "The Cloud Run service behind push_endpoint: its push service account gets roles/run.invoker on it, and only on it."
  type = object({
    name                    = string
    location                = string
    request_timeout_seconds = number
  })
}

variable "runtime_service_account_email" {
  description = "The target service's runtime service account: it parks poison messages on this consumer's dead-letter topic itself."
  type        = string
}

variable "ack_deadline_seconds" {
  description = "Ack deadline, which is also the push request timeout: it must be at least the service's request timeout."
  type        = number
  validation {
    condition     = var.ack_deadline_seconds >= 10 && var.ack_deadline_seconds <= 600
    error_message = "Pub/Sub accepts ack deadlines from 10 to 600 seconds."
  }
}

variable "minimum_backoff" {
  description = "Retry policy: the shortest wait before a nacked message is redelivered (e.g. \"10s\")."
  type        = string
}

variable "maximum_backoff" {
  description = "Retry policy: the longest wait before a nacked message is redelivered (e.g. \"600s\")."
  type        = string
}

variable "max_delivery_attempts" {
  description = "Delivery attempts before a message is forwarded to the dead-letter topic."
  type        = number
  validation {
    condition     = var.max_delivery_attempts >= 5 && var.max_delivery_attempts <= 100
    error_message = "Pub/Sub accepts 5 to 100 delivery attempts."
  }
}

variable "dead_letter_retention" {
  description = "How long dead letters are kept in the dead-letter subscription."
  type        = string
  default     = "604800s"
}

variable "labels" {
  description = "Labels put on the topics and subscriptions."
  type        = map(string)
  default     = {}
}

variable "oidc_audience" {
  description = "The audience of the OIDC tokens Pub/Sub attaches (the service checks it). Empty: the push endpoint. Cloud Run lets a token through to a private service only if its audience is the service's run.app URL or one of the service's custom_audiences: list any other value there."
  type        = string
  default     = ""
}
