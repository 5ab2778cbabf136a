"""Query counting: `django_assert_num_queries` (pytest-django) for a fixed number, and this for N+1 guards."""

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(action: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as context:
        action()
    return len(context.captured_queries)


def assert_constant_queries(action: Callable[[], object], grow: Callable[[], object], times: int = 3) -> int:
    """Run `action`, add data with `grow`, run it again: the number of queries must not change.

    Returns the count, so a test can also bound it. On failure, lists the queries of the larger run.
    """
    before = count_queries(action)
    for _ in range(times):
        grow()
    with CaptureQueriesContext(connection) as context:
        action()
    after = len(context.captured_queries)
    sql = "\n".join(q["sql"] for q in context.captured_queries)
    assert after == before, f"{before} requêtes, puis {after} après ajout de données (N+1 ?) :\n{sql}"
    return after
