"""The proof a process must give before a local-only sign-in switch takes effect.

The development issuer (``API_AUTH_DEV_ISSUER``) and the Authentication emulator's unsigned
tokens (``FIREBASE_AUTH_EMULATOR_HOST``) let anyone holding a key file, or anyone at all, be any
user. They are safe only where no real user's data can be reached. The proof is therefore about
the data, not about the machine:

- no Google serverless runtime variable is set (``K_SERVICE``: Cloud Run services and
  functions; ``CLOUD_RUN_JOB``: Cloud Run jobs; ``GAE_SERVICE``: App Engine), and
- every backend the process writes to is an emulator on this machine: ``FIRESTORE_EMULATOR_HOST``
  and ``PUBSUB_EMULATOR_HOST`` are both set and each names a loopback host (``localhost``,
  ``127.0.0.0/8``, ``::1``). With them the Google clients talk to the emulators only, without
  credentials, so a forged identity reaches emulator data and emulator topics, nothing else.

A deploy to GKE, Compute Engine or a Cloud Run job with the flag and a key file by mistake has
no emulator hosts (it needs its real database), so it refuses to start. Why not "no metadata
server reachable" as the proof: Cloud Build gives every build step a metadata server, and the
emulator tests that run there start the API with the development issuer; and a developer
machine with no metadata server but Application Default Credentials for production would pass
that probe while pointing at real data. This check needs no network and costs nothing on the
normal path: it runs only when a local switch is on.
"""

from pipeline_kit.auth.auth_settings import LocalProcess
from pipeline_kit.auth.insecure_configuration import InsecureConfiguration

LOCAL_BACKEND_VARIABLES = ("FIRESTORE_EMULATOR_HOST", "PUBSUB_EMULATOR_HOST")


def require_local(local: LocalProcess, switch: str) -> None:
    """InsecureConfiguration naming ``switch`` (e.g. "API_AUTH_DEV_ISSUER is true") unless the
    process proves it is local (see the module docstring)."""
    variable = local.google_runtime_variable
    if variable is not None:
        where = "on Cloud Run" if variable != "GAE_SERVICE" else "on App Engine"
        raise InsecureConfiguration(f"{switch} {where} ({variable} set): local sign-in is refused")
    for variable, host in local.backend_hosts():
        if not host:
            raise InsecureConfiguration(
                f"{switch} but {variable} is not set: local sign-in needs every backend to be an emulator "
                f"on this machine ({', '.join(LOCAL_BACKEND_VARIABLES)} on a loopback host)"
            )
        if not is_loopback_host(host):
            raise InsecureConfiguration(
                f"{switch} but {variable}={host[:60]!r} is not a loopback host: local sign-in needs the "
                f"emulators on this machine (localhost, 127.0.0.1 or [::1])"
            )


def is_loopback_host(host_and_port: str) -> bool:
    """True for ``localhost``, a 127.0.0.0/8 address or ``::1``, with or without ``:port``
    (IPv6 in brackets when a port follows). No name is resolved."""
    import ipaddress

    text = host_and_port.strip()
    if text.startswith("["):
        end = text.find("]")
        if end < 0 or (text[end + 1 :] and not text[end + 1 :].startswith(":")):
            return False
        host = text[1:end]
    elif text.count(":") == 1:
        host = text.split(":", 1)[0]
    else:
        host = text
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
