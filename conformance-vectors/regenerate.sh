#!/usr/bin/env bash
# Regenerate all golden files of the conformance vectors.
#
#   1. servers/record.sh  -- runs BIND, Knot, NSD and Unbound on loopback,
#      records captures of real traffic and their dnspython decodings
#      (servers/captures/*.pcap*, *.expected.jsonl, servers/SUMMARY.md).
#      Needs root and the Debian packages it lists (record.sh --install
#      installs them); without them it says what is missing and this script
#      stops.
#   2. types/make_vectors.py (if present) -- rewrites the hex vectors and
#      their expected decodings.
#
# Usage: regenerate.sh [--install] [--skip-servers]
# Review the diff before committing: ids, timings, cookies and some
# orderings differ from run to run.
set -euo pipefail
CV=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

SKIP_SERVERS=0
ARGS=()
for a in "$@"; do
    case "$a" in
        --skip-servers) SKIP_SERVERS=1 ;;
        --install) ARGS+=(--install) ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
        *) echo "regenerate.sh: unknown argument $a" >&2; exit 2 ;;
    esac
done

if [ "$SKIP_SERVERS" = 0 ]; then
    echo "== servers/record.sh"
    bash "$CV/servers/record.sh" "${ARGS[@]}"
fi

if [ -f "$CV/types/make_vectors.py" ]; then
    echo "== types/make_vectors.py"
    python3 "$CV/types/make_vectors.py"
else
    echo "== types/make_vectors.py not present; skipped"
fi
echo "regenerate.sh: done; review 'git diff --stat conformance-vectors' before committing"
