"""The Terraform dependency lock (infra/.terraform.lock.hcl) is committed: the one provider the
configuration uses, at a version its constraint allows, with the registry's hashes, so a
`terraform init -lockfile=readonly` (the deploy build's) installs exactly that package or fails.
Nothing in the configuration runs local code during a plan or apply (no provisioners, no
providers but hashicorp/google).

The offline checks run Terraform against a stand-in provider through `dev_overrides`, for which
Terraform skips the lock's checks: the real lock stays in place for them too."""

from __future__ import annotations

import re
import subprocess

import hcl2
import pytest
from hcl2 import SerializationOptions

from tests.infra.parsed_terraform import INFRA_DIR, MODULE_DIR, blocks

pytestmark = pytest.mark.unit

LOCK = INFRA_DIR / ".terraform.lock.hcl"
GOOGLE = "registry.terraform.io/hashicorp/google"


def locked() -> dict[str, object]:
    with LOCK.open() as handle:
        document = hcl2.load(
            handle,
            serialization_options=SerializationOptions(
                with_comments=False, strip_string_quotes=True, explicit_blocks=False
            ),
        )
    providers = {name.strip('"'): body for block in document["provider"] for name, body in block.items()}
    assert list(providers) == [GOOGLE]
    provider: dict[str, object] = providers[GOOGLE]
    return provider


def version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def satisfies(version: str, constraint: str) -> bool:
    """Terraform's `>=`, `<`, `=`, `~>` comparisons (all the configuration uses)."""
    ok = True
    for clause in constraint.split(","):
        operator, bound = re.fullmatch(r"\s*(>=|<=|>|<|=|~>)?\s*([\d.]+)\s*", clause).groups()  # type: ignore[union-attr]
        have, want = version_tuple(version), version_tuple(bound)
        width = max(len(have), len(want))
        have, want = have + (0,) * (width - len(have)), want + (0,) * (width - len(want))
        if operator == "~>":
            prefix = len(version_tuple(bound)) - 1
            ok &= have >= want and have[:prefix] == want[:prefix]
        else:
            ok &= {">=": have >= want, "<=": have <= want, ">": have > want, "<": have < want}.get(
                operator or "=", have == want
            )
    return ok


def normalised(constraint: str) -> str:
    """How Terraform writes a constraint in the lock: every version with three parts."""
    return re.sub(r"\d+(?:\.\d+)*", lambda m: ".".join([*m.group(0).split("."), "0", "0"][:3]), constraint)


def required_google_constraints() -> set[str]:
    found = set()
    for directory in (INFRA_DIR, MODULE_DIR):
        for terraform in blocks(directory, "terraform"):
            for required in terraform.get("required_providers", []):
                assert set(required) == {"google"}, required  # no other provider
                assert required["google"]["source"] == "hashicorp/google"
                found.add(required["google"]["version"])
    return found


def test_the_lock_is_committed_not_ignored() -> None:
    assert LOCK.is_file()
    ignored = subprocess.run(["git", "check-ignore", "-q", str(LOCK)], cwd=INFRA_DIR, check=False)
    assert ignored.returncode == 1  # 1: not ignored


def test_the_locked_version_matches_the_constraint_of_every_module() -> None:
    provider = locked()
    constraints = required_google_constraints()
    assert len(constraints) == 1, constraints  # the root and the module ask for the same range
    (constraint,) = constraints
    assert satisfies(str(provider["version"]), constraint)
    assert provider["constraints"] == normalised(constraint)
    assert provider["version"] == "6.50.0"  # the schema the offline checks use (infra/offline/README.md)


def test_the_lock_carries_the_registrys_hashes() -> None:
    hashes = [str(h) for h in locked()["hashes"]]  # type: ignore[attr-defined]
    zip_hashes = [h for h in hashes if h.startswith("zh:")]
    assert all(re.fullmatch(r"zh:[0-9a-f]{64}", h) for h in zip_hashes)
    assert len(zip_hashes) >= 10  # one per platform the registry publishes
    assert any(re.fullmatch(r"h1:[A-Za-z0-9+/]{43}=", h) for h in hashes)
    assert all(h.startswith(("zh:", "h1:")) for h in hashes)


def test_the_constraint_checks_hold() -> None:
    assert satisfies("6.50.0", ">= 6.50, < 7.0")
    assert not satisfies("7.0.0", ">= 6.50, < 7.0")
    assert not satisfies("6.49.9", ">= 6.50, < 7.0")
    assert satisfies("6.51.2", "~> 6.50") and not satisfies("7.0.0", "~> 6.50")
    assert normalised(">= 6.50, < 7.0") == ">= 6.50.0, < 7.0.0"


def test_nothing_in_the_configuration_runs_local_code() -> None:
    for path in sorted(INFRA_DIR.glob("**/*.tf")):
        text = path.read_text()
        assert not re.search(r'provisioner\s+"', text), path
        assert not re.search(r'data\s+"external"', text), path
        assert "local-exec" not in text and "remote-exec" not in text, path
