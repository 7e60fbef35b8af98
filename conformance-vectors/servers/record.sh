#!/usr/bin/env bash
# Record the server conformance vectors.
#
# Starts BIND, Knot and NSD (authoritative) and Unbound (validating resolver
# over stub zones) on loopback addresses, queries them with dig, kdig,
# nsupdate and knsupdate, captures the traffic with tshark (one capture per
# server) and writes the reference decoding of every captured DNS message
# with ../reference/dnsref.py beside each capture.
#
#   BIND     127.0.10.1:53      captures/bind.pcap
#   Knot     127.0.10.2:53      captures/knot.pcapng
#   NSD      127.0.10.3:53      captures/nsd.pcap
#   Unbound  127.0.10.4:53      captures/unbound.pcapng  (client side and the
#                                                         resolver's own queries)
#
# Usage: record.sh [--install] [--keep] [--serve]
#   --install  apt-get install the Debian packages listed below if missing
#   --keep     keep the run directory (server logs, dig output) afterwards
#   --serve    only start the four servers and leave them running (no capture)
#              until interrupted: for trying queries by hand
#
# Needs root: the servers bind port 53 and tshark captures on lo.
# Sends DNS traffic to loopback addresses only.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CV=$(dirname "$HERE")
OUT="$HERE/captures"
DNSREF="$CV/reference/dnsref.py"

PACKAGES="bind9 bind9-utils bind9-dnsutils knot knot-dnsutils nsd unbound tshark iproute2"
# package -> command it provides
declare -A NEED=(
    [named]=bind9 [named-checkconf]=bind9-utils [dig]=bind9-dnsutils
    [nsupdate]=bind9-dnsutils [knotd]=knot [knotc]=knot [kdig]=knot-dnsutils
    [knsupdate]=knot-dnsutils [keymgr]=knot [nsd]=nsd [unbound]=unbound
    [tshark]=tshark [ip]=iproute2
)

INSTALL=0
KEEP=0
SERVE=0
for a in "$@"; do
    case "$a" in
        --install) INSTALL=1 ;;
        --keep) KEEP=1 ;;
        --serve) SERVE=1 ;;
        -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
        *) echo "record.sh: unknown argument $a" >&2; exit 2 ;;
    esac
done

export PATH="$PATH:/usr/sbin:/sbin"
# --serve captures nothing: tshark is not needed then.
if [ "$SERVE" = 1 ]; then unset 'NEED[tshark]'; fi
missing() {
    local m=""
    for c in "${!NEED[@]}"; do command -v "$c" >/dev/null 2>&1 || m="$m ${NEED[$c]}"; done
    echo "$m" | tr ' ' '\n' | sort -u | tr '\n' ' ' | sed 's/^ *//; s/ *$//'
}
MISSING=$(missing)
if [ -n "$MISSING" ]; then
    if [ "$INSTALL" = 1 ]; then
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y $PACKAGES
    else
        echo "record.sh: missing Debian packages: $MISSING" >&2
        echo "  install them with: apt-get update && apt-get install -y $PACKAGES" >&2
        echo "  (or run record.sh --install)" >&2
        exit 3
    fi
fi
if ! python3 -c 'import dns.message' 2>/dev/null; then
    echo "record.sh: python3 cannot import dnspython; pip install -r $CV/reference/requirements.txt" >&2
    exit 3
fi
if [ ! -f "$DNSREF" ]; then
    echo "record.sh: reference decoder $DNSREF is missing" >&2
    exit 3
fi
if [ "$(id -u)" != 0 ]; then
    echo "record.sh: must run as root (servers bind port 53; tshark captures on lo)" >&2
    exit 3
fi

BIND_IP=127.0.10.1
KNOT_IP=127.0.10.2
NSD_IP=127.0.10.3
UNBOUND_IP=127.0.10.4
for ip in $BIND_IP $KNOT_IP $NSD_IP $UNBOUND_IP; do
    if ss -Hlnu "src $ip:53" 2>/dev/null | grep -q . || ss -Hlnt "src $ip:53" 2>/dev/null | grep -q .; then
        echo "record.sh: something already listens on $ip:53; stop it first" >&2
        exit 3
    fi
done

# BIND listens only on addresses configured on an interface: give lo the
# four server addresses (127.0.0.1/8 already routes them all to lo; Knot, NSD
# and Unbound would bind without this).  Removed again on exit.
ADDED_IPS=()
for ip in $BIND_IP $KNOT_IP $NSD_IP $UNBOUND_IP; do
    if ! ip -4 addr show dev lo | grep -q "inet $ip/"; then
        ip addr add "$ip/32" dev lo
        ADDED_IPS+=("$ip")
    fi
done

RUN=$(mktemp -d /tmp/dnswire-record.XXXXXX)
chmod 755 "$RUN"
PIDS=()
TSHARK_PID=""
cleanup() {
    set +e
    [ -n "$TSHARK_PID" ] && kill -INT "$TSHARK_PID" 2>/dev/null && wait "$TSHARK_PID" 2>/dev/null
    for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
    for p in "${PIDS[@]}"; do
        for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$p" 2>/dev/null
        wait "$p" 2>/dev/null
    done
    for ip in "${ADDED_IPS[@]}"; do ip addr del "$ip/32" dev lo 2>/dev/null; done
    if [ "$KEEP" = 1 ]; then echo "run directory kept: $RUN"; else rm -rf "$RUN"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '%s record.sh: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# ---------------------------------------------------------------- set up ---
subst() { # template -> output
    sed -e "s|@RUN@|$RUN|g" -e "s|@DIR@|$(dirname "$1")|g" "$1" > "$2"
}
cp "$HERE/tsig.key" "$RUN/tsig.key"
SECRET=$(sed -n 's/.*secret "\(.*\)";.*/\1/p' "$HERE/tsig.key")
KEYNAME=conformance-key
for s in bind knot nsd unbound; do mkdir -p "$RUN/$s"; done
for s in bind knot nsd; do cp "$HERE"/zones/*.zone "$HERE"/zones/*.zone.signed "$RUN/$s/"; done
mkdir -p "$RUN/knot/db"
subst "$HERE/bind/named.conf" "$RUN/bind/named.conf"
subst "$HERE/knot/knot.conf" "$RUN/knot/knot.conf"
subst "$HERE/nsd/nsd.conf" "$RUN/nsd/nsd.conf"
subst "$HERE/unbound/unbound.conf" "$RUN/unbound/unbound.conf"

named-checkconf "$RUN/bind/named.conf"
knotc -c "$RUN/knot/knot.conf" conf-check >/dev/null
nsd-checkconf "$RUN/nsd/nsd.conf"
unbound-checkconf "$RUN/unbound/unbound.conf" >/dev/null

# ----------------------------------------------------------- start servers ---
log "starting servers in $RUN"
named -g -c "$RUN/bind/named.conf" > "$RUN/bind/named.log" 2>&1 &
PIDS+=($!)
nsd -d -c "$RUN/nsd/nsd.conf" > "$RUN/nsd/nsd.stderr" 2>&1 &
PIDS+=($!)

wait_soa() { # ip zone [aa-required]
    for _ in $(seq 100); do
        if dig +tries=1 +timeout=1 +norec +noall +answer "@$1" "$2" SOA 2>/dev/null | grep -q SOA; then
            return 0
        fi
        sleep 0.2
    done
    log "server $1 does not answer for $2"
    for f in "$RUN"/*/*.log "$RUN"/nsd/nsd.stderr; do echo "== $f"; tail -20 "$f"; done >&2
    exit 1
}
wait_soa $BIND_IP example.test
# Knot after BIND: it transfers dyn.test from BIND, and NOTIFYs BIND of sec.test.
# First its key database gets the committed keys of knot-signed.test.
for k in "$HERE"/keys/Kknot-signed.test.+*.private; do
    keymgr -c "$RUN/knot/knot.conf" knot-signed.test import-bind "$k" > /dev/null
done
knotd -c "$RUN/knot/knot.conf" > "$RUN/knot/knotd.log" 2>&1 &
PIDS+=($!)
wait_soa $KNOT_IP example.test
wait_soa $NSD_IP example.test
# the transfers between BIND and Knot done at start-up
wait_soa $KNOT_IP dyn.test
wait_soa $BIND_IP sec.test
# every zone loaded by each server
for z in example.test other.test types.test edge.test nsec.test nsec3.test ed25519.test; do
    wait_soa $BIND_IP $z; wait_soa $KNOT_IP $z; wait_soa $NSD_IP $z
done
wait_soa $NSD_IP sub.example.test
wait_soa $KNOT_IP deleg.example.test
wait_soa $KNOT_IP knot-signed.test
wait_soa $NSD_IP expired.test

unbound -d -c "$RUN/unbound/unbound.conf" > "$RUN/unbound/unbound.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do
    dig +tries=1 +timeout=1 "@$UNBOUND_IP" version.bind CH TXT >/dev/null 2>&1 && break
    sleep 0.2
done
log "servers ready: BIND $(named -v | cut -d' ' -f2), Knot $(knotd --version | awk '{print $NF}'), NSD $(nsd -v 2>&1 | head -1 | awk '{print $NF}'), Unbound $(unbound -V | head -1 | awk '{print $2}')"

if [ "$SERVE" = 1 ]; then
    log "serving: BIND $BIND_IP, Knot $KNOT_IP, NSD $NSD_IP, Unbound $UNBOUND_IP (run directory $RUN); interrupt to stop"
    while :; do sleep 3600 & wait $!; done
fi

# ------------------------------------------------------------- capturing ---
mkdir -p "$OUT"
start_capture() { # file filter
    rm -f "$1"
    local fmt=pcap
    case "$1" in *.pcapng) fmt=pcapng ;; esac
    tshark -i lo -f "$2" -F "$fmt" -w "$RUN/capture.tmp" -q > "$RUN/tshark.log" 2>&1 &
    TSHARK_PID=$!
    for _ in $(seq 100); do grep -q "Capturing on" "$RUN/tshark.log" && break; sleep 0.1; done
    grep -q "Capturing on" "$RUN/tshark.log" || { cat "$RUN/tshark.log" >&2; exit 1; }
    sleep 0.5
}
stop_capture() { # file
    sleep 1
    kill -INT "$TSHARK_PID"
    wait "$TSHARK_PID" || true
    TSHARK_PID=""
    mv "$RUN/capture.tmp" "$1"
    chmod 644 "$1"
}

# All queries of a server are listed, in order, in captures/<server>.queries.
QLOG=/dev/null
N=0
run() { # command... (failures are recorded, not fatal)
    N=$((N + 1))
    printf '%03d %s\n' "$N" "$*" | sed "s|$RUN/||g; s|$SECRET|SECRET|g" >> "$QLOG"
    { echo "### $N $*"; "$@"; echo "### exit $?"; } >> "$RUN/$SERVER.out" 2>&1 || true
}
D() { run dig +tries=1 +timeout=3 "$@"; }           # dig
K() { run kdig +retry=0 +timeout=3 "$@"; }           # kdig

# ------------------------------------------------------------- the plans ---
. "$HERE/plan.sh"
write_update_scripts

for SERVER in bind knot nsd unbound; do
    case $SERVER in
        bind) IP=$BIND_IP; CAP="$OUT/bind.pcap"; FILTER="(host $IP or host ::1)" ;;
        knot) IP=$KNOT_IP; CAP="$OUT/knot.pcapng" ;;
        nsd) IP=$NSD_IP; CAP="$OUT/nsd.pcap" ;;
        unbound) IP=$UNBOUND_IP; CAP="$OUT/unbound.pcapng" ;;
    esac
    QLOG="$OUT/$SERVER.queries"
    : > "$QLOG"
    N=0
    log "recording $SERVER ($IP) -> $(basename "$CAP")"
    [ "$SERVER" = bind ] || FILTER="host $IP"
    start_capture "$CAP" "$FILTER and (udp port 53 or tcp port 53)"
    "plan_$SERVER" "$IP"
    stop_capture "$CAP"
done

# ------------------------------------------------------ reference decoding ---
for f in "$OUT"/bind.pcap "$OUT"/knot.pcapng "$OUT"/nsd.pcap "$OUT"/unbound.pcapng; do
    log "decoding $(basename "$f")"
    python3 "$DNSREF" "$f" > "$f.expected.jsonl"
done

python3 "$HERE/summarize.py" "$OUT" > "$HERE/SUMMARY.md"
cat "$HERE/SUMMARY.md"
