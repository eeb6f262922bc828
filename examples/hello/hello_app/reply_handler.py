"""The consumer's handler: answer a greeting by writing ``hello_replies/<greeting_id>``.

The replier greets names made of letters, spaces, hyphens and apostrophes only (a rule of this
consumer, not of the command). Any other name can never be answered, however often Pub/Sub
retries: ``PermanentError`` parks the message in the consumer's dead-letter topic with that
reason, and acks it.
"""

from __future__ import annotations

import re

from hello_app.events import GreetingRequested
from pipeline_kit import HandlerContext, PermanentError

REPLIES = "hello_replies"
_GREETABLE = re.compile(r"[^\W\d_]+(?:[ '\-][^\W\d_]+)*")


def reply_to_greeting(event: GreetingRequested, context: HandlerContext) -> None:
    if not _GREETABLE.fullmatch(event.name):
        raise PermanentError(f"cannot greet {event.name!r}: a name is letters, with spaces, hyphens or apostrophes")
    ref = context.attempt.client.collection(REPLIES).document(event.greeting_id)
    context.attempt.set(ref, {"text": f"Hello, {event.name}!", "event_id": context.envelope.event_id})
