"""The API keeps the promises of its OpenAPI document: Schemathesis' engine — the one its
command line runs — over every operation, in-process (ASGI) against the real app on a
migrated database, in all its phases: examples, coverage (boundaries, every undeclared
method), fuzzing (25 examples per operation, valid and invalid) and stateful sequences along
the links it infers between operations (a created product, then read, changed, deleted).

What must hold, on every response: no 5xx; every status the document lists for the operation;
the body and headers the document describes; invalid input refused; a method a path does not
serve answered 405 with an ``Allow`` naming the ones it does; and a request the document
calls valid never refused by the schema itself (a 422 ``validation`` whose reasons are the
kind a schema states: a type, a pattern, a length). A service may still refuse a valid request
for a rule no schema can say (an unknown product, a template that has no such format), so
Schemathesis' ``positive_data_acceptance`` stays off.

The run is bounded: a fixed seed (``STUDIO_FUZZ_SEED`` to explore another), 25 examples per
operation, no shrinking, and a time budget after which the run stops and the test fails. An
error inside a request (a 500 the app raised) is reported with the request that caused it.
"""

from __future__ import annotations

import copy
import json
import logging
import os
import shutil
import time
from collections import Counter, defaultdict
from typing import Any

import pytest
import schemathesis
from schemathesis import engine
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import events
from schemathesis.generation import GenerationMode
from sqlalchemy import text

from api.main import create_app
from api.settings import ApiSettings
from studio.config import get_settings
from studio.db import dispose_engines, get_engine

from .conftest import make_tenant

MAX_EXAMPLES = 25
BUDGET_SECONDS = 420  # the run takes about 1.5 minutes on two cores
SEED = int(os.environ.get("STUDIO_FUZZ_SEED", "20261207"))
# the workspace event stream never ends by design: it has its own tests
SKIPPED = ("/api/v1/events/stream",)
# pydantic's error types that a JSON schema states too: a request the document calls valid
# never fails one of them (a model's own rule, `value_error`, is a service-like rule)
SCHEMA_ERROR_TYPES = frozenset({
    "missing", "extra_forbidden", "string_type", "int_type", "int_parsing", "float_type",
    "float_parsing", "bool_type", "bool_parsing", "list_type", "dict_type", "model_type",
    "string_too_short", "string_too_long", "string_pattern_mismatch", "too_short", "too_long",
    "literal_error", "enum", "greater_than", "greater_than_equal", "less_than",
    "less_than_equal", "multiple_of", "date_type", "date_parsing", "date_from_datetime_parsing",
    "datetime_type", "datetime_parsing", "datetime_from_date_parsing", "decimal_type",
    "json_invalid", "url_parsing", "url_scheme", "int_from_float",
})
# a JSON schema validator compares numbers as doubles: past 2**53 "valid" is not exact
_EXACT = 2**53


@schemathesis.check
def schema_valid_request_accepted(ctx: Any, response: Any, case: Any) -> bool | None:
    """A request generated as valid is not refused by the schema's own kind of rule."""
    meta = case.meta
    if meta is None or meta.generation.mode != GenerationMode.POSITIVE:
        return None
    if response.status_code != 422:
        return None
    try:
        problem = json.loads(response.content)
    except ValueError:
        return None
    if problem.get("code") != "validation":
        return None  # a service's rule, named by its own code
    wrong = [error for error in problem.get("errors", [])
             if error.get("code") in SCHEMA_ERROR_TYPES and not _inexact(error)]
    if wrong:
        raise AssertionError(
            "a request the OpenAPI document calls valid was refused by validation: "
            + "; ".join(f"{e['field']}: {e['message']}" for e in wrong))
    return None


def _inexact(error: dict[str, Any]) -> bool:
    bounds = [v for v in error.get("params", {}).values() if isinstance(v, int)]
    return error.get("code", "").endswith(("than", "than_equal")) and any(
        abs(b) >= _EXACT for b in bounds)


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory, _migrated_sqlite_file):
    """One app and database for the whole run (the stateful phase builds on what earlier
    requests created), and a workspace with a key the run sends on every request."""
    folder = tmp_path_factory.mktemp("fuzz")
    shutil.copyfile(_migrated_sqlite_file, folder / "studio.db")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STUDIO_HOME", str(folder / "home"))
        patch.setenv("STUDIO_DATABASE_URL", f"sqlite:///{folder / 'studio.db'}")
        patch.setenv("STUDIO_MEDIA_ROOT", str(folder / "media"))
        get_settings.cache_clear()
        settings = get_settings()
        # no worker here: a preview answers 202 at once instead of waiting for one
        app = create_app(settings, ApiSettings(rate_limit_enabled=False, dispatch_jobs=False,
                                               secure_cookies=False, preview_wait_seconds=0))
        tenant = make_tenant(settings, "Fuzz Shop")
        # `DELETE /keys/{key_id}` is fuzzed too: the run's own key gets an id no generator
        # tries (1, 2, the boundaries), or the run would revoke it and go on with 401s
        with get_engine(settings.resolved_database_url()).begin() as connection:
            connection.execute(text("update api_keys set id = :id where workspace_id = :w"),
                               {"id": 7_340_211_977, "w": tenant.workspace_id})
        yield app, tenant.key
        get_settings.cache_clear()
        dispose_engines()


def _config(key: str) -> SchemathesisConfig:
    return SchemathesisConfig.from_dict({
        "seed": SEED,
        "cache": {"enabled": False},
        # the document's own security scheme: Schemathesis sends the key where it belongs
        # (and still tries requests without it, which must be 401)
        "auth": {"openapi": {"apiKey": {"bearer": key}}},
        "workers": 1,
        "max-stream-events": 5,
        "request-timeout": 30,
        # no shrinking: a failure is reported as found (with its curl), and a stateful
        # scenario that fails is not replayed thousands of times to make it smaller
        "generation": {"max-examples": MAX_EXAMPLES, "database": "none", "no-shrink": True},
        "checks": {"positive_data_acceptance": {"enabled": False}},
        "operations": [{"include-path": path, "enabled": False} for path in SKIPPED],
    })


def test_every_operation_keeps_the_promises_of_the_openapi_document(fuzz_app) -> None:
    app, key = fuzz_app
    schema = schemathesis.openapi.from_dict(copy.deepcopy(app.openapi()), config=_config(key))
    schema.app = app  # calls go to the app in-process (ASGI)
    operations = {f"{method.upper()} {path}" for path, item in app.openapi()["paths"].items()
                  for method in item if path not in SKIPPED}

    requests: Counter[str] = Counter()
    phases: dict[str, Counter[str]] = defaultdict(Counter)
    statuses: Counter[int] = Counter()
    failures: dict[tuple[str, str], str] = {}
    errors: list[str] = []
    begun = time.monotonic()
    # thousands of access lines, and a traceback for any 5xx (which fails the test anyway)
    quiet = [logging.getLogger(name) for name in ("studio.api", "studio.api.access")]
    was = [logger.disabled for logger in quiet]
    for logger in quiet:
        logger.disabled = True
    stream = engine.from_schema(schema).execute()
    try:
        for event in stream:
            if time.monotonic() - begun > BUDGET_SECONDS:
                stream.stop()
            if isinstance(event, events.ScenarioFinished):
                recorder = event.recorder
                for interaction in recorder.interactions.values():
                    requests[recorder.label] += 1
                    phases[event.phase.value][recorder.label] += 1
                    if interaction.response is not None:
                        statuses[interaction.response.status_code] += 1
                for checks in recorder.checks.values():
                    for check in checks:
                        if check.failure_info is not None:
                            key = (recorder.label, check.name)
                            failures.setdefault(key, _describe(check.failure_info))
            elif isinstance(event, events.NonFatalError | events.FatalError):
                errors.append(str(getattr(event, "info", None) or event))
    finally:
        for logger, before in zip(quiet, was, strict=True):
            logger.disabled = before
    elapsed = time.monotonic() - begun

    fuzzed = phases["fuzzing"]
    print(f"\nschemathesis (seed {SEED}): {len(requests)} operations, "
          f"{sum(requests.values())} requests in {elapsed:.0f}s; per phase: "
          + ", ".join(f"{phase} {sum(c.values())}" for phase, c in phases.items())
          + f"; fuzzing per operation: min {min(fuzzed.values(), default=0)}, "
          f"median {sorted(fuzzed.values())[len(fuzzed) // 2] if fuzzed else 0}; "
          f"statuses {dict(sorted(statuses.items()))}; failures {len(failures)}")
    for (label, check), described in sorted(failures.items()):
        print(f"  {label} — {check}: {described}")
    assert not errors, errors
    assert elapsed < BUDGET_SECONDS, f"the run took {elapsed:.0f}s, over its budget"
    assert not failures, f"{len(failures)} broken promise(s), listed above"
    assert not [code for code in statuses if code >= 500]
    assert operations <= set(requests), sorted(operations - set(requests))
    assert phases["stateful"], "no stateful sequence ran: the links between operations are gone"


def _describe(info: Any) -> str:
    failure = info.failure
    lines = f"{failure.title}: {failure.message}".replace("\n\n", " | ").replace("\n", " ")
    return f"{lines[:600]}\n    {info.code_sample.splitlines()[0][:400]}"
