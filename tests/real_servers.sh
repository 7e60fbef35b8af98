#!/usr/bin/env bash
# The stub resolver, the forwarder and the load client against real servers:
# starts BIND (127.0.10.1), Knot (127.0.10.2), NSD (127.0.10.3) and the
# validating resolver Unbound (127.0.10.4), all on port 53 with the
# conformance zones (conformance-vectors/servers/record.sh --serve), runs
# the tests of tests/real_servers.rs (all #[ignore]d, run here with
# --ignored), and stops the servers.
#
# Usage: tests/real_servers.sh [extra arguments for the test binary]
#
# Needs root (the servers bind port 53 and record.sh adds the four addresses
# to lo); without root it says it is skipped. As root it installs the Debian
# packages that are missing, and dnspython (record.sh checks for it).
# Sends DNS traffic to loopback addresses only. Takes about a minute once
# the packages are installed and the tool is built.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/sbin:/sbin"

if [ "$(id -u)" != 0 ]; then
    echo "real_servers.sh: skipped: must run as root (the servers bind port 53)"
    exit 0
fi

PACKAGES="bind9 bind9-utils bind9-dnsutils knot knot-dnsutils nsd unbound iproute2"
MISSING=""
for c in named named-checkconf dig nsupdate knotd knotc kdig knsupdate keymgr nsd nsd-checkconf unbound unbound-checkconf ip ss; do
    command -v "$c" >/dev/null 2>&1 || MISSING="$MISSING $c"
done
if [ -n "$MISSING" ]; then
    echo "real_servers.sh: installing $PACKAGES (missing:$MISSING)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $PACKAGES >/dev/null
fi
# Where installing started the distribution's own servers, stop them: they
# would hold port 53 on the addresses record.sh wants.
if command -v systemctl >/dev/null 2>&1; then
    for unit in named bind9 knot nsd unbound; do
        systemctl stop "$unit" >/dev/null 2>&1 || true
    done
fi
if ! python3 -c 'import dns.message' 2>/dev/null; then
    python3 -m pip install -q -r conformance-vectors/reference/requirements.txt
fi

LOG=$(mktemp /tmp/dnswire-real-servers.XXXXXX)
# record.sh in a session of its own: stopping that session stops the
# servers, and record.sh's own trap removes the addresses it added to lo.
setsid bash conformance-vectors/servers/record.sh --serve > "$LOG" 2>&1 < /dev/null &
SERVE=$!
stop() {
    set +e
    kill -TERM -- "-$SERVE" 2>/dev/null
    wait "$SERVE" 2>/dev/null
    rm -f "$LOG"
}
trap stop EXIT
trap 'exit 130' INT TERM

for _ in $(seq 240); do
    grep -q 'record.sh: serving:' "$LOG" && break
    if ! kill -0 "$SERVE" 2>/dev/null; then
        cat "$LOG" >&2
        echo "real_servers.sh: the servers did not start" >&2
        exit 1
    fi
    sleep 0.5
done
if ! grep -q 'record.sh: serving:' "$LOG"; then
    cat "$LOG" >&2
    echo "real_servers.sh: the servers did not start within 2 minutes" >&2
    exit 1
fi
grep 'servers ready' "$LOG" | sed 's/^.*record.sh: //'
for ip in 127.0.10.1 127.0.10.2 127.0.10.3; do
    dig +tries=3 +timeout=2 +norec +short "@$ip" example.test SOA | grep -q . || { echo "real_servers.sh: $ip does not answer" >&2; exit 1; }
done
dig +tries=3 +timeout=5 +short @127.0.10.4 www.example.test A | grep -q . || { echo "real_servers.sh: Unbound does not answer" >&2; exit 1; }

cargo test --release -p dnswire-cli --test real_servers -- --ignored --test-threads=1 --nocapture "$@"
