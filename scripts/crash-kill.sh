#!/bin/sh
# A larger crash run (issue 11): SIGKILL `import holdings` and `alerts run` at random moments,
# RUNS imports + RUNS/3 alerts runs (default 300), each followed by `check` and an
# all-or-nothing count. Release build; the seed is printed (RELIABILITY_CRASH_SEED=… repeats it).
#   scripts/crash-kill.sh [RUNS]
set -eu
cd "$(dirname "$0")/.."
RELIABILITY_CRASH_RUNS="${1:-300}" cargo test --release --test reliability_crash killed -- --nocapture 2>&1 |
    grep -E "crash:|test result|panicked|seed"
