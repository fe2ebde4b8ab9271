"""The publishing workflow: pinned, least-privilege, tested before it deploys."""
from __future__ import annotations

import fnmatch
import re
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import EDITIONS, ROOT
from sitelib import build

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
TOOLS = Path(sys.executable).parent  # actionlint, shellcheck and zizmor come with the test venv


def actionlint(*args: str) -> subprocess.CompletedProcess:
    env = {"PATH": f"{TOOLS}:/usr/bin:/bin", "HOME": str(ROOT)}
    return subprocess.run([str(TOOLS / "actionlint"), "-no-color", "-verbose", *args], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)


def test_actionlint_with_shellcheck_finds_nothing():
    result = actionlint()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Linting .github/workflows/site.yml" in result.stderr
    assert 'Rule "shellcheck" was disabled' not in result.stderr  # run: steps are checked too


def test_actionlint_reports_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace(
        "runs-on: ubuntu-24.04", "runs-on: ubuntu-24.04\n    needs: no-such-job", 1))
    result = actionlint(str(broken))
    assert result.returncode == 1 and "no-such-job" in result.stdout


def test_zizmor_finds_nothing_even_when_pedantic():
    zizmor = TOOLS / "zizmor"
    result = subprocess.run([str(zizmor), "--offline", "--persona=pedantic", str(WORKFLOW.parent)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_every_action_is_pinned_to_a_commit():
    uses = re.findall(r"uses:\s*(\S+)", WORKFLOW.read_text(encoding="utf-8"))
    assert uses
    assert [u for u in uses if not re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", u)] == []


def test_main_is_tested_then_deployed_and_pull_requests_only_tested():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))
    assert triggers["push"]["branches"] == ["main"] and "pull_request" in triggers
    jobs = workflow["jobs"]
    assert any(step.get("run") == "make test" for step in jobs["test"]["steps"])
    assert jobs["build"]["needs"] == "test" and jobs["build"]["if"] == "github.event_name == 'push'"
    assert any(step.get("run") == "make publish" for step in jobs["build"]["steps"])
    upload = [s for s in jobs["build"]["steps"] if "upload-pages-artifact" in s.get("uses", "")]
    assert upload and upload[0]["with"]["path"] == "site"
    assert jobs["deploy"]["needs"] == "build"
    assert "deploy-pages" in jobs["deploy"]["steps"][0]["uses"]
    assert workflow["permissions"] == {}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_the_published_pdfs_and_zip_become_release_assets():
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    upload = next(s for s in jobs["build"]["steps"] if "actions/upload-artifact" in s.get("uses", ""))
    patterns = upload["with"]["path"].split()
    names = build.copies(list(EDITIONS.values())) + [build.CHECKSUMS]
    for name in names:  # one PDF per edition, the zip and the checksums: what make publish writes
        assert any(fnmatch.fnmatchcase(f"build/{name}", pattern) for pattern in patterns), name
    release = jobs["release"]
    assert release["needs"] == ["build", "deploy"]  # only after the site is live
    assert release["permissions"] == {"contents": "write"}
    download = release["steps"][0]
    assert "actions/download-artifact" in download["uses"]
    assert download["with"]["name"] == upload["with"]["name"]
    assert "gh release create" in release["steps"][-1]["run"]
    assert "downloads/*" in release["steps"][-1]["run"]


def test_every_checkout_has_the_full_history_the_page_dates_need():
    """A shallow clone would date every page by the last commit (and the strict build
    stops on the git-revision-date-localized plugin's warning)."""
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    checkouts = [step for job in jobs.values() for step in job.get("steps", [])
                 if str(step.get("uses", "")).startswith("actions/checkout@")]
    assert checkouts
    assert all((step.get("with") or {}).get("fetch-depth") == 0 for step in checkouts)
