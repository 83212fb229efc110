#!/bin/sh
# Quick mode of the benchmarks, for CI: prints the tables and ratios and never fails the build
# (informational, not a gate). Each step has its own time limit, so the whole script ends in
# under two minutes even on a loaded machine. Full runs and the latest numbers: bench/README.md.
cd "$(dirname "$0")/.." || exit 0
if [ -n "${PYTHON:-}" ]; then PY="$PYTHON"
elif [ -x .venv/bin/python ]; then PY=.venv/bin/python
else PY=python3
fi
step() {
    limit=$1
    shift
    echo
    timeout "$limit" "$PY" "$@" || echo "bench: $* stopped or failed (informational only)"
}
step 20 bench/startup.py --runs 3
step 40 bench/throughput.py --limit 40 --passes 2 --extruct 5 --outliers 3 --walks
step 25 bench/scaling.py --pages 40 --no-audit
step 40 bench/memory.py --small 160 --large 640 --jobs 2
exit 0
