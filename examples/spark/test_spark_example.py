"""Run the Spark example on pyspark in local mode (local[2]) over a few thousand generated
records, and check it against single-machine textmend runs over the same records.

Needs pyspark (Java 17+) and the textmend binary (TEXTMEND_BIN, or target/release/textmend);
the python mapPartitions test also needs the textmend wheel. Without them the tests are
skipped, unless TEXTMEND_REQUIRE_SPARK=1 (python/ci.sh sets it), when they fail.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))

import make_records  # noqa: E402
import textmend_spark as ts  # noqa: E402

REQUIRE = os.environ.get("TEXTMEND_REQUIRE_SPARK") == "1"
TEXTMEND = os.environ.get("TEXTMEND_BIN", str(REPO / "target" / "release" / "textmend"))
N = 3000


# Records are split on "\n" only, as Spark and textmend do (str.splitlines would also split
# on U+2028, U+0085 and others, which JSON strings may hold raw).


def need(cond: bool, why: str) -> None:
    if not cond:
        if REQUIRE:
            pytest.fail(why)
        pytest.skip(why)


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    need(Path(TEXTMEND).is_file(), f"no textmend binary at {TEXTMEND}")
    d = tmp_path_factory.mktemp("spark")
    records = d / "records.jsonl"
    with open(records, "w", encoding="utf-8") as f:
        sys.stdout, saved = f, sys.stdout
        try:
            sys.argv = ["make_records.py", str(N)]
            make_records.main()
        finally:
            sys.stdout = saved
    run = lambda *args, stdin: subprocess.run(  # noqa: E731
        [TEXTMEND, *args], stdin=open(stdin, "rb"), capture_output=True, check=True
    ).stdout.decode("utf-8")
    counts = d / "counts.jsonl"
    counts.write_text(run("boilerplate", "count", "--jsonl", stdin=records), encoding="utf-8")
    return {
        "dir": d,
        "records": records,
        "lines": records.read_text(encoding="utf-8").split("\n")[:-1],
        "counts": counts.read_text(encoding="utf-8").split("\n")[:-1],
        "clean": run("clean", "--jsonl", "-q", stdin=records).split("\n")[:-1],
        "clean_bp": run("clean", "--jsonl", "-q", "--boilerplate-in", str(counts), stdin=records).split("\n")[:-1],
    }


@pytest.fixture(scope="module")
def sc(data):
    try:
        from pyspark import SparkConf, SparkContext
    except ImportError:
        need(False, "pyspark is not installed")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    conf = SparkConf().setMaster("local[2]").setAppName("textmend-test").set("spark.ui.enabled", "false")
    context = SparkContext(conf=conf)
    context.setLogLevel("ERROR")
    yield context
    context.stop()


@pytest.fixture(scope="module")
def rdd(sc, data):
    r = sc.textFile(str(data["records"]), minPartitions=4)
    assert r.getNumPartitions() >= 2
    return r


def test_records_are_many_and_damaged(data):
    assert len(data["lines"]) == N
    assert data["clean"] != data["lines"]
    # Boilerplate learning removes lines that single-document cleaning keeps.
    assert data["clean_bp"] != data["clean"]


def test_pipe_gives_one_record_per_input_in_order(rdd, data):
    out = ts.clean_pipe(rdd, TEXTMEND).collect()
    assert out == data["clean"]


def test_python_package_in_map_partitions_equals_the_cli(rdd, data):
    try:
        import textmend  # noqa: F401
    except ImportError:
        need(False, "the textmend wheel is not installed")
    out = ts.clean_python(rdd).collect()
    assert [json.loads(l) for l in out] == [json.loads(l) for l in data["clean"]]


def test_counts_reduced_by_key_equal_single_machine_counts(rdd, data):
    merged = ts.boilerplate_counts(rdd, TEXTMEND, prune=False)
    assert merged == data["counts"]


def test_two_pass_boilerplate_equals_single_machine_run(rdd, data):
    counts = ts.boilerplate_counts(rdd, TEXTMEND)
    assert len(counts) < len(data["counts"])  # pruned before the broadcast
    out = ts.clean_with_boilerplate(rdd, TEXTMEND, counts).collect()
    assert out == data["clean_bp"]


def test_example_script_end_to_end(sc, data):
    """The script itself (its own SparkContext, so stop the fixture's first)."""
    sc.stop()
    out = data["dir"] / "out.jsonl"
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable)
    cmd = [sys.executable, str(HERE / "textmend_spark.py"), "--master", "local[2]", "--boilerplate",
           "--textmend", TEXTMEND, str(data["records"]), str(out)]
    subprocess.run(cmd, env=env, check=True, capture_output=True)
    assert out.read_text(encoding="utf-8").split("\n")[:-1] == data["clean_bp"]
