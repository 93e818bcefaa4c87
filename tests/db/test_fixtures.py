"""The PostgreSQL fixture skips on a laptop without a server, and fails loudly in CI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TARGET = "tests/db/test_migrations.py::test_models_and_migrations_agree[postgres]"


def run_without_server(ci: bool) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    # port 1 on loopback: nothing listens there, so the connection is refused at once
    env["STUDIO_TEST_POSTGRES_URL"] = "postgresql+psycopg://postgres@127.0.0.1:1/postgres"
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", TARGET],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


@pytest.mark.parametrize("ci", [False, True], ids=["laptop", "ci"])
def test_unreachable_postgres(ci: bool) -> None:
    result = run_without_server(ci)
    output = result.stdout + result.stderr
    assert "PostgreSQL is not reachable at postgresql+psycopg://postgres@127.0.0.1:1" in output
    if ci:
        assert result.returncode != 0, output
        assert "CI is set, so the PostgreSQL tests must run" in output
    else:
        assert result.returncode == 0, output
        assert "1 skipped" in output
