#!/bin/sh
# Usage: make_corpus.sh PYTHON WALKER MAKE_CORPUS_PY OUT_DIR
# Writes the valid base series with WALKER --write-base into OUT_DIR/base,
# then the broken cases into OUT_DIR/cases (see make_corpus.py).
set -eu
python=$1 walker=$2 script=$3 out=$4
rm -rf "$out"
mkdir -p "$out/base"
"$walker" --write-base "$out/base"
"$python" "$script" "$out/base" "$out/cases"
