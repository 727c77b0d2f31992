"""Check JSONL records inside a distributed engine (Spark, Dask, Ray).

``check_records`` is a partition function: it takes the lines (or already parsed
dicts) of one partition and returns one result dict per record, loading the
rules once per worker process and reusing them for every partition it runs::

    # PySpark
    rdd = spark.sparkContext.textFile("posts.jsonl")
    results = rdd.mapPartitions(check_records)

    # Dask
    bag = dask.bag.read_text("posts-*.jsonl")
    results = bag.map_partitions(check_records)
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from copycheck.checker import Checker
from copycheck.formatters.json_report import finding_dict

_checker: Checker | None = None


def _shared_checker() -> Checker:
    global _checker
    if _checker is None:
        _checker = Checker()
    return _checker


def check_records(records: Iterable[str | dict[str, Any]], lang: str = "zh") -> list[dict[str, Any]]:
    """One result per record ``{"id": ..., "text": ...}``; a bad record gives ``{"error": ...}``."""
    checker = _shared_checker()
    results: list[dict[str, Any]] = []
    for number, record in enumerate(records):
        try:
            data = json.loads(record) if isinstance(record, str) else record
            text, record_id = data["text"], data.get("id", number)
            if not isinstance(text, str):
                raise TypeError("text is not a string")
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            results.append({"id": None, "error": f"record {number}: {type(error).__name__}: {error}"})
            continue
        report = checker.check(text, str(record_id), markup=None)
        results.append(
            {
                "id": record_id,
                "risk": {"level": report.risk.level, "score": report.risk.score, "drivers": list(report.risk.drivers)},
                "findings": [finding_dict(f, lang) for f in report.findings],
            }
        )
    return results
