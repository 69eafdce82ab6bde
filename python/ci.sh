#!/usr/bin/env bash
# CI for the Python package and the Spark example: build the textmend binary and the wheel
# (maturin), install the wheel in a venv, run the pytest suites of python/tests (API, ftfy's
# cases) and examples/spark (pyspark in local[2] against single-machine runs).
#
#   bash python/ci.sh            # from anywhere; uses target/python-venv (kept between runs)
#
# Needs: cargo, python3 >= 3.10 with venv, Java 17+ for pyspark (installed with apt if absent),
# and PyPI for maturin, pytest, pyspark.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=${TEXTMEND_VENV:-$ROOT/target/python-venv}
PY=${PYTHON:-python3}

step() { printf '\n== %s\n' "$*"; }

step "textmend binary"
cargo build --release --quiet
export TEXTMEND_BIN=$ROOT/target/release/textmend

step "venv $VENV"
[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    'maturin>=1.5,<2' pytest pyspark

if ! command -v java >/dev/null; then
    step "Java for pyspark"
    apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi

step "wheel"
rm -rf "$ROOT/target/wheels"
"$VENV/bin/maturin" build --release --quiet -m python/Cargo.toml -o "$ROOT/target/wheels"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall \
    --no-deps "$ROOT"/target/wheels/textmend-*.whl

step "pytest: python/tests and examples/spark"
# Run from the repository root with the venv's pytest (not `python -m`), so `import textmend`
# finds the installed wheel, not the source folder python/textmend.
export TEXTMEND_REQUIRE_SPARK=1 PYSPARK_PYTHON="$VENV/bin/python"
"$VENV/bin/pytest" -q -p no:cacheprovider python/tests examples/spark
