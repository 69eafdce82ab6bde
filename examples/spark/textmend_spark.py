"""Run textmend on Apache Spark: clean JSON Lines records, one output record per input record,
in order, optionally with boilerplate learnt across the whole batch.

Three ways, all on the same RDD of JSON strings (one record per element):

- ``pipe``: every partition goes through ``textmend clean --jsonl`` with ``RDD.pipe`` (the
  binary must be on each worker; JSON Lines in, JSON Lines out, order kept).
- ``python``: the ``textmend`` Python package inside ``mapPartitions`` (the wheel must be
  installed on each worker; no subprocess).
- ``--boilerplate``: two passes. Pass 1 pipes every partition through
  ``textmend boilerplate count --jsonl``, which emits ``{"site":..,"fingerprint":..,"docs":n}``
  lines; Spark adds them up by ``(site, fingerprint)``. The merged counts are broadcast, and
  pass 2 runs ``textmend clean --jsonl --boilerplate-in COUNTS`` on every partition. The output
  equals a single-machine run over the same records (``test_spark_example.py`` checks that).

Example (local mode, two cores)::

    python examples/spark/textmend_spark.py --master 'local[2]' --boilerplate \\
        --textmend target/release/textmend records.jsonl clean.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from operator import add

# A line must be in at least this many documents of its site to be boilerplate, and in at
# least COMMON_MIN_DOCS documents of the whole batch to be common to it (the strip stage's
# thresholds, src/strip/boilerplate.rs); merged counts below them are dropped before the
# broadcast, which keeps it small and does not change the result.
MIN_DOCS = 2
COMMON_MIN_DOCS = 3


def clean_pipe(rdd, textmend: str, args: list[str] = ()):
    """Clean an RDD of JSON records with ``textmend clean --jsonl`` through ``RDD.pipe``."""
    cmd = [textmend, "clean", "--jsonl", "-q", "-j", "1", *args]
    return rdd.pipe(" ".join(_quote(c) for c in cmd), checkCode=True)


def clean_python(rdd, field: str = "text", **options):
    """Clean an RDD of JSON records with the ``textmend`` package inside ``mapPartitions``."""

    def partition(lines):
        import textmend

        for line in lines:
            record = json.loads(line)
            if isinstance(record.get(field), str):
                record[field] = textmend.clean(record[field], **options)
            yield json.dumps(record, ensure_ascii=False, separators=(",", ":"))

    return rdd.mapPartitions(partition)


def boilerplate_counts(rdd, textmend: str, prune: bool = True):
    """Pass 1: per-site line-fingerprint document counts, merged over the whole RDD.

    Returns the merged count records as JSON lines, sorted; with ``prune``, fingerprints seen
    in fewer documents than boilerplate needs (MIN_DOCS for a site, COMMON_MIN_DOCS for
    the batch) are left out.
    """
    cmd = [textmend, "boilerplate", "count", "--jsonl"]
    counts = (
        rdd.pipe(" ".join(_quote(c) for c in cmd), checkCode=True)
        .map(json.loads)
        .map(lambda r: ((r["site"], r["fingerprint"]), r["docs"]))
        .reduceByKey(add)
    )
    if prune:
        counts = counts.filter(
            lambda kv: kv[0][1] is None
            or kv[1] >= (MIN_DOCS if kv[0][0] is not None else COMMON_MIN_DOCS)
        )
    rows = counts.collect()
    # textmend's order: sites by name, then the counts over all sites (site null); each
    # with its document total first, then fingerprints in order.
    rows.sort(key=lambda kv: (kv[0][0] is None, kv[0][0] or "", kv[0][1] is not None, kv[0][1] or ""))
    return [
        json.dumps({"site": s, "fingerprint": f, "docs": n}, ensure_ascii=False, separators=(",", ":"))
        for (s, f), n in rows
    ]


def clean_with_boilerplate(rdd, textmend: str, counts: list[str]):
    """Pass 2: clean every partition with the merged counts (broadcast to the workers)."""
    shared = rdd.context.broadcast("\n".join(counts) + "\n")

    def partition(lines):
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8") as f:
            f.write(shared.value)
            f.flush()
            cmd = [textmend, "clean", "--jsonl", "-q", "-j", "1", "--boilerplate-in", f.name]
            data = "".join(line + "\n" for line in lines)
            out = subprocess.run(cmd, input=data.encode("utf-8"), capture_output=True, check=True)
        # Split on "\n" only: records may hold U+2028 and the like raw.
        yield from out.stdout.decode("utf-8").split("\n")[:-1]

    return rdd.mapPartitions(partition)


def _quote(s: str) -> str:
    # RDD.pipe splits its command on whitespace (no shell): paths with spaces are not supported.
    if any(c.isspace() for c in s):
        raise ValueError(f"RDD.pipe cannot run a command with whitespace in {s!r}")
    return s


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input", help="JSON Lines file of records (text in --field)")
    p.add_argument("output", help="JSON Lines file to write, one record per input record")
    p.add_argument("--master", default="local[2]")
    p.add_argument("--partitions", type=int, default=4)
    p.add_argument("--textmend", default=shutil.which("textmend") or "target/release/textmend")
    p.add_argument("--mode", choices=["pipe", "python"], default="pipe")
    p.add_argument("--boilerplate", action="store_true", help="learn boilerplate over the batch")
    p.add_argument("--counts-out", help="also write the merged boilerplate counts here")
    a = p.parse_args(argv)

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark import SparkConf, SparkContext

    textmend = os.path.abspath(a.textmend)
    conf = SparkConf().setMaster(a.master).setAppName("textmend").set("spark.ui.enabled", "false")
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    try:
        records = sc.textFile(a.input, minPartitions=a.partitions).filter(lambda l: l.strip())
        if a.boilerplate:
            counts = boilerplate_counts(records, textmend)
            if a.counts_out:
                with open(a.counts_out, "w", encoding="utf-8") as f:
                    f.writelines(c + "\n" for c in counts)
            cleaned = clean_with_boilerplate(records, textmend, counts)
        elif a.mode == "pipe":
            cleaned = clean_pipe(records, textmend)
        else:
            cleaned = clean_python(records)
        n = 0
        with open(a.output, "w", encoding="utf-8") as out:
            # toLocalIterator keeps the partitions' order without collecting everything at once.
            for line in cleaned.toLocalIterator():
                out.write(line + "\n")
                n += 1
        print(f"textmend_spark: {n} records written to {a.output}", file=sys.stderr)
    finally:
        sc.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
