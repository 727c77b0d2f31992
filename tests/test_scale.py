"""Volume: chunked reading of large files, and the Checker across threads and processes."""

from __future__ import annotations

import json
import pickle
import random
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import pytest
from conftest import run

from copycheck import Checker
from copycheck.inputs.reading import LargeFile, iter_chunks, read_inputs

PIECES = [
    "诚招代理，代理费1980",
    "今天天气很好",
    "月\n入\n十\n万",  # a match across line breaks, and so across chunk borders
    "加V信了解",
    "新品上架咖啡豆",
    "直推奖20%",
    "警惕月入十万的骗局",
    "最近很忙",
]
POSTS = ["诚招代理，代理费1980，直推奖20%", "新品上架：咖啡豆", "月入十万不是梦，加V信", "警惕月入十万的骗局"] * 5


def spans(findings) -> set[tuple[str, int, int, int, int]]:
    return {
        (f.rule, f.location.start, f.location.end, f.location.line, f.location.column)
        for f in findings
        if not f.is_compound
    }


@pytest.fixture(scope="module")
def big_text() -> str:
    rng = random.Random(7)
    return "\n".join(rng.choice(PIECES) for _ in range(2000)) + "\n"


@pytest.mark.parametrize(("chunk", "overlap"), [(100, 64), (333, 64), (4096, 512)])
def test_chunked_check_finds_exactly_what_the_whole_text_has(
    tmp_path: Path, big_text: str, chunk: int, overlap: int
) -> None:
    path = tmp_path / "big.txt"
    path.write_text(big_text, encoding="utf-8")
    checker = Checker()
    whole = spans(checker.check(big_text, "big.txt").findings)
    report = checker.check_large(LargeFile("big.txt", path, "utf-8-sig"), chunk_chars=chunk, overlap_chars=overlap)
    assert spans(report.findings) == whole
    assert all(big_text[f.location.start : f.location.end] == f.location.text for f in report.findings)
    assert report.text == ""  # no copy of a large file is kept


def test_chunks_end_at_line_ends(tmp_path: Path, big_text: str) -> None:
    path = tmp_path / "big.txt"
    path.write_text(big_text, encoding="utf-8")
    chunks = list(iter_chunks(LargeFile("big.txt", path, "utf-8-sig"), 500))
    assert "".join(chunks) == big_text
    assert all(chunk.endswith("\n") for chunk in chunks)


def test_large_files_are_streamed_by_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, big_text: str) -> None:
    import copycheck.inputs.reading

    path = tmp_path / "big.txt"
    path.write_text(big_text, encoding="utf-8")
    monkeypatch.setattr(copycheck.inputs.reading, "STREAM_BYTES", 1000)
    (item,) = read_inputs([str(path)])
    assert isinstance(item, LargeFile) and item.encoding == "utf-8-sig"
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(big_text.encode("gb18030"))
    (item,) = read_inputs([str(gbk)])
    assert isinstance(item, LargeFile) and item.encoding == "gb18030"
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01" * 2000)
    (item,) = read_inputs([str(binary)])
    assert not isinstance(item, LargeFile) and "binary" in item.message


def test_checker_pickles_and_gives_the_same_results() -> None:
    checker = Checker()
    clone = pickle.loads(pickle.dumps(checker))
    for post in POSTS[:4]:
        assert spans(clone.check(post).findings) == spans(checker.check(post).findings)


def test_checker_is_thread_safe() -> None:
    checker = Checker()
    expected = [spans(checker.check(post).findings) for post in POSTS]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda post: spans(checker.check(post).findings), POSTS * 4))
    assert got == expected * 4


def _levels(checker: Checker, posts: list[str]) -> list[str]:
    return [report.risk.level for report in checker.check_many(posts)]


def test_checker_in_worker_processes() -> None:
    checker = Checker()
    expected = _levels(checker, POSTS)
    with ProcessPoolExecutor(max_workers=2, mp_context=get_context("spawn")) as pool:
        parts = list(pool.map(_levels, [checker, checker], [POSTS[:10], POSTS[10:]]))
    assert parts[0] + parts[1] == expected
    with get_context("fork").Pool(2) as pool:
        assert pool.starmap(_levels, [(checker, POSTS[:10]), (checker, POSTS[10:])]) == [expected[:10], expected[10:]]


def test_check_many_is_lazy_and_ordered() -> None:
    checker = Checker()
    reports = checker.check_many(iter(POSTS))
    first = next(reports)
    assert first.risk.level == "critical"
    assert [r.risk.level for r in reports] == _levels(checker, POSTS)[1:]


def test_dask_example_from_the_readme(tmp_path: Path) -> None:
    dask_bag = pytest.importorskip("dask.bag")
    from copycheck.batch import check_records

    records = [json.dumps({"id": i, "text": text}, ensure_ascii=False) for i, text in enumerate(POSTS)]
    bag = dask_bag.from_sequence(records, npartitions=3)
    results = bag.map_partitions(check_records).compute(scheduler="processes", num_workers=2)
    assert [r["id"] for r in results] == list(range(len(POSTS)))
    assert [r["risk"]["level"] for r in results] == _levels(Checker(), POSTS)


def test_jsonl_records_through_the_cli(tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text(
        "\n".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) for i, t in enumerate(POSTS)), "utf-8"
    )
    result = run("--input-format", "jsonl", "--format", "jsonl", "--jobs", "2", str(batch))
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["path"] for line in lines] == [str(i) for i in range(len(POSTS))]


def test_check_documents_in_two_processes_matches_serial(monkeypatch: pytest.MonkeyPatch) -> None:
    import copycheck.checker
    from copycheck.inputs.reading import Document

    documents = [Document(f"post{i}.txt", text) for i, text in enumerate(POSTS * 3)]
    checker = Checker()
    serial = checker.check_documents(documents, jobs=1)
    monkeypatch.setattr(copycheck.checker, "MIN_CHARS_PER_JOB", 10)
    parallel = checker.check_documents(documents, jobs=2)
    assert [spans(r.findings) for r in parallel] == [spans(r.findings) for r in serial]
    assert [r.path for r in parallel] == [d.path for d in documents]


@pytest.mark.parametrize(("chunk", "overlap"), [(200, 64), (500, 100)])
def test_long_lines_at_chunk_borders_stream_like_the_whole_text(tmp_path: Path, chunk: int, overlap: int) -> None:
    """Lines longer than the overlap, ending at chunk borders, and a line longer than the forced
    cut: the streamed file has the whole text's findings, lines and columns."""
    rng = random.Random(3)
    filler = "今天天气很好，我们去公园散步吧。"
    lines = []
    for _ in range(120):
        lines.append(filler * rng.randint(1, 12) + rng.choice(["", "月", "诚招代理，代理费1980", "月入十万"]))
        if rng.random() < 0.3:
            lines.append("入\n十\n万")
    lines.append(filler * 400 + "月入十万不是梦" + filler * 10)  # one line of over 6,000 characters
    text = "\n".join(lines) + "\n"
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    checker = Checker()
    whole = checker.check(text, "long.txt")
    assert not whole.omitted  # the comparison is of listed findings
    report = checker.check_large(LargeFile("long.txt", path, "utf-8-sig"), chunk_chars=chunk, overlap_chars=overlap)
    assert spans(report.findings) == spans(whole.findings)
    for finding in report.findings:
        loc = finding.location
        assert text[loc.start : loc.end] == loc.text
        line_start = text.rfind("\n", 0, loc.start) + 1
        assert (loc.line, loc.column) == (text.count("\n", 0, loc.start) + 1, loc.start - line_start + 1)
