# Which module topics each function publishes to: pubsub.publisher is granted on these
# topics only (least privilege).
#   - a consumer publishes to its own module's topic (trainer_* -> trainer-events, ...);
#   - read-model projections write only their read model and publish nothing;
#   - the API takes commands of every module, the outbox sweeper relays every outbox;
#   - the saga timeouts reject trainings (TrainingRejected on the trainings topic);
#   - a consumer entry in topology.tf may set `publishes = [<module>, ...]` to override.
# Dead-letter topics are separate: each consumer may publish (park) to its own one.
locals {
  read_model_functions = ["trainer_calendar", "attendee_trainings"]

  function_publishes = merge(
    {
      for name, c in local.consumers : c.function => tolist(lookup(c, "publishes",
        contains(local.read_model_functions, c.function) ? [] : [split("_", c.function)[0]]
      ))
    },
    { api = keys(local.topics), outbox_sweeper = keys(local.topics), saga_timeouts = ["trainings"] },
  )

  # Service -> module topics its runtime account publishes to.
  service_publishes = {
    for s in keys(local.services) : s => distinct(flatten([
      for f in local.functions : local.function_publishes[f] if local.service_of_function[f] == s
    ]))
  }

  topic_publishers = merge([
    for s, modules in local.service_publishes : {
      for m in modules : "${s}/${m}" => { service = s, module = m }
    }
  ]...)
}
