"""Pub/Sub push requests, in every form Pub/Sub and Eventarc send them, as one PushMessage."""

from pipeline_kit.push.malformed_push_request import MalformedPushRequest
from pipeline_kit.push.push_message import PushForm, PushMessage
from pipeline_kit.push.push_request_parser import parse_push_request

__all__ = ["MalformedPushRequest", "PushForm", "PushMessage", "parse_push_request"]
