"""A property-based run over the API's OpenAPI schema: whatever schemathesis sends,
read or write, anonymous or with a reviewer's token, the answer is never a 5xx.

The default run tries a few cases per operation; ``-m slow`` tries many more."""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

from conflictwatch import accounts  # noqa: E402
from conflictwatch.serve import create_app  # noqa: E402
from conflictwatch.store import Store  # noqa: E402
from serve_data import fill  # noqa: E402


@pytest.fixture(scope="module")
def served(tmp_path_factory, pipeline, actors):
    with Store.open(f"sqlite:///{tmp_path_factory.mktemp('schema') / 'store.db'}") as store:
        fill(store, pipeline, actors, examples=False)
        accounts.add_user(store, "fuzzer", "long enough secret", "admin")
        token = accounts.issue_token(store, "fuzzer")
        yield create_app(store, country_names=lambda: actors.country_name), token


def run(served, examples: int) -> int:
    app, token = served
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    calls = 0
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        strategy = operation.as_strategy()

        @settings(max_examples=examples, deadline=None, derandomize=True,
                  suppress_health_check=list(HealthCheck), database=None)
        @given(case=strategy)
        def check(case):
            nonlocal calls
            for headers in (None, {"Authorization": f"Bearer {token}"}):
                response = case.call(headers=headers)
                calls += 1
                if response.status_code >= 500:
                    failures.append(f"{case.method} {case.formatted_path} {case.query} -> {response.status_code}")
                case.validate_response(response, checks=[not_a_server_error])

        check()
    assert not failures, failures
    return calls


def test_no_operation_answers_with_a_server_error(served):
    assert run(served, 12) > 100


@pytest.mark.slow
def test_no_operation_answers_with_a_server_error_many_cases(served):
    assert run(served, 300) > 3000
