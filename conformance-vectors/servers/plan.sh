# The query plan, sourced by record.sh.  plan_<server> IP sends the queries
# recorded in captures/<server>.* .  D = dig, K = kdig (see record.sh); each
# call is listed in captures/<server>.queries.
# shellcheck shell=bash

# owner and type code of every RRset of a zone file (one record a line, as
# in types.test.zone and edge.test.zone), in file order
zone_rrsets() { # file origin
    python3 - "$1" "$2" <<'EOF'
import sys
import dns.rdatatype
seen, owner = set(), None
for line in open(sys.argv[1]):
    line = line.split(";")[0].rstrip()
    if not line.strip() or line.startswith("$"):
        continue
    toks = line.split()
    if not line[0].isspace():
        owner = toks.pop(0)
        if owner == "@":
            owner = sys.argv[2]
        elif not owner.endswith("."):
            owner += "." + sys.argv[2]
    while toks and (toks[0].isdigit() or toks[0] in ("IN",)):
        toks.pop(0)
    code = dns.rdatatype.from_text(toks[0])
    if (owner, code) not in seen:
        seen.add((owner, code))
        print(owner, "TYPE%d" % code)
EOF
}

TSIG_Y() { echo "hmac-sha256:$KEYNAME:$SECRET"; }

# Queries every authoritative server gets.  $1 = server address.
plan_auth_common() {
    local S=@$1 name type i
    # --- example.test: operator records, UDP, dig defaults (EDNS + cookie)
    for type in SOA NS A AAAA MX TXT CAA; do D $S example.test $type; done
    D $S www.example.test A
    D $S www.example.test AAAA
    D $S www.example.test HTTPS
    D $S svc.example.test HTTPS
    D $S _8443._https.api.example.test SVCB
    D $S _dmarc.example.test TXT
    D $S _mta-sts.example.test TXT
    D $S _smtp._tls.example.test TXT
    D $S sel1._domainkey.example.test TXT
    D $S _25._tcp.mx1.example.test TLSA
    D $S _sip._tcp.example.test SRV
    D $S _xmpp-server._tcp.example.test SRV
    D $S _ldap._tcp.example.test SRV
    D $S sip.example.test NAPTR
    D $S hinfo.example.test HINFO
    D $S rp.example.test RP
    D $S reverse.example.test PTR
    D $S host-with-a-rather-long-label-of-exactly-sixty-three-octets-xyz.example.test A
    D $S a.b.c.d.e.f.g.h.example.test A
    D $S WwW.ExAmPlE.tEsT A
    D $S txt255.example.test TXT
    D $S txtmulti.example.test TXT
    D $S txtesc.example.test TXT
    D $S many.example.test A
    # --- the same kind of queries with kdig (no EDNS by default), UDP and TCP
    K $S example.test SOA
    K $S mx1.example.test A
    K $S +tcp mx1.example.test AAAA
    K $S +tcp _sip._tcp.example.test SRV
    K $S +tcp txtmulti.example.test TXT
    K $S +tcp +keepopen www.example.test A www.example.test AAAA example.test MX
    # --- TCP with dig
    D $S +tcp example.test SOA
    D $S +tcp +keepalive example.test NS
    # --- big answers: truncation
    D $S big.example.test TXT                          # TC, then dig retries over TCP
    D $S +bufsize=512 +ignore many.example.test A
    D $S +notcp +bufsize=1232 +ignore big.example.test TXT
    D $S +noedns +ignore big.example.test TXT
    K $S +bufsize=512 +ignore big.example.test TXT
    # --- negative answers
    D $S nonexistent.example.test A                    # NXDOMAIN
    D $S www.example.test MX                           # NODATA
    D $S ipv6only.example.test A                       # NODATA
    D $S deeper.nonexistent.example.test TXT           # NXDOMAIN
    K $S nothing-here.example.test AAAA
    # --- wildcards
    D $S foo.wild.example.test A
    D $S foo.wild.example.test TXT
    D $S foo.wild.example.test MX
    D $S a.b.wild.example.test A
    D $S explicit.wild.example.test TXT                # NODATA, wildcard does not apply
    D $S anything-else.example.test TXT                # top-level wildcard
    # --- CNAME and DNAME
    D $S hop1.example.test A                           # 4-hop in-zone chain
    D $S hop1.example.test CNAME
    D $S hop3.example.test AAAA
    D $S mail.example.test A
    D $S xzone.example.test A                          # chain leaving the zone
    D $S tosigned.example.test A
    D $S towild.example.test A
    D $S dangling.example.test A
    D $S tonodata.example.test A
    D $S loop1.example.test A                          # CNAME loop
    D $S selfloop.example.test A
    K $S loop2.example.test TXT
    D $S legacy.example.test DNAME
    D $S start.legacy.example.test A                   # DNAME substitution
    D $S deep.er.name.legacy.example.test A
    D $S start.other.test A
    D $S back.other.test A                             # other.test -> example.test chain
    D $S tosub.other.test A
    # --- delegations and referrals (+norec)
    D $S +norec www.sub.example.test A
    D $S +norec sub.example.test NS
    D $S +norec sub.example.test DS
    D $S +norec host.deleg.example.test A
    D $S +norec www.dead.example.test A
    D $S +norec deadend.example.test A
    D $S +norec x.outofzone.example.test A             # no glue (out of bailiwick)
    K $S +norec host.sub.example.test AAAA
    # --- ANY
    D $S example.test ANY
    D $S +tcp example.test ANY
    D $S www.example.test ANY
    K $S +tcp txtesc.example.test ANY
    # --- EDNS
    D $S +nsid example.test SOA
    D $S +cookie example.test SOA
    D $S +cookie=0102030405060708 example.test SOA     # client cookie only
    D $S +nocookie example.test SOA
    D $S +subnet=192.0.2.0/24 www.example.test A
    D $S +subnet=2001:db8::/56 www.example.test AAAA
    D $S +subnet=0.0.0.0/0 www.example.test A
    D $S +expire example.test SOA
    D $S +padding=128 example.test SOA
    D $S +tcp +padding=468 www.example.test A
    D $S +ednsopt=65001:abcd example.test SOA
    D $S +ednsopt=65002 +ednsopt=65003:00 example.test SOA
    D $S +ednsflags=0x4000 example.test SOA            # unknown EDNS flag bit
    D $S +edns=1 +noednsnegotiation example.test SOA   # BADVERS
    D $S +noedns example.test SOA
    D $S +bufsize=4096 +dnssec example.test SOA
    K $S +nsid example.test SOA
    K $S +cookie example.test SOA
    K $S +subnet=198.51.100.0/24 example.test A
    K $S +padding example.test SOA
    K $S +alignment=64 example.test NS
    K $S +tcp +ednsopt=11 example.test SOA             # edns-tcp-keepalive
    K $S +expire example.test SOA
    K $S +edns=2 example.test SOA
    # --- header flags, opcodes, classes
    D $S +adflag example.test A
    D $S +cdflag example.test A
    D $S +zflag example.test A
    D $S +aaflag +norec example.test A
    D $S +opcode=status example.test SOA
    D $S +opcode=iquery example.test A
    D $S +opcode=notify +norec example.test SOA
    D $S +header-only example.test
    D $S version.bind CH TXT
    D $S hostname.bind CH TXT
    D $S id.server CH TXT
    D $S version.server CH TXT
    D $S example.test SOA -c ANY
    D $S example.test SOA -c HS
    D $S nonexistent.test SOA                          # not authoritative
    D $S private.types.test TYPE65280
    D $S unknown999.types.test TYPE999
    # --- every RRset of types.test (owner, type): UDP with dig, the apex with kdig too
    i=0
    while read -r name type; do
        i=$((i + 1))
        if [ $((i % 4)) = 0 ]; then K $S "$name" "$type"; else D $S "$name" "$type"; fi
    done < <(zone_rrsets "$HERE/zones/types.test.zone" types.test.)
    # --- edge.test: escaped owner names, 255-octet name, TTL extremes, a huge RRset
    while read -r name type; do D $S "$name" "$type"; done \
        < <(zone_rrsets "$HERE/zones/edge.test.zone" edge.test.)
    K $S 'dot\.inside.edge.test' A
    D $S +bufsize=4096 +ignore huge.edge.test A
    D $S +norec 'nul\000byte.edge.test' ANY
    D $S edge.test AXFR
    # --- DNSSEC: the three signed zones
    for z in nsec.test nsec3.test ed25519.test; do
        D $S +dnssec $z SOA
        D $S +dnssec +norec $z DNSKEY
        D $S +dnssec www.$z A
        D $S +dnssec alias.$z A
        D $S +dnssec nonexistent.$z A                  # NXDOMAIN proof
        D $S +dnssec www.$z MX                         # NODATA proof
        D $S +dnssec foo.wild.$z A                     # wildcard expansion proof
        D $S +dnssec b.c.$z A                          # empty non-terminal
        D $S +dnssec +cdflag txt.$z TXT
        D $S +dnssec $z DS
        K $S +dnssec +tcp $z NSEC3PARAM
        K $S +dnssec nothing.$z AAAA
    done
    D $S +dnssec +norec www.unsigned.nsec.test A       # insecure referral, NSEC no-DS proof
    D $S +dnssec +norec www.secure.nsec.test A         # secure referral with DS
    D $S +dnssec +norec www.insecure.nsec3.test A      # opt-out referral
    D $S +dnssec +norec www.secure.nsec3.test A
    D $S +dnssec +norec insecure.nsec3.test DS
    D $S +dnssec +bufsize=512 +ignore nsec3.test DNSKEY      # TC
    D $S +dnssec +notcp +bufsize=1232 +ignore nsec3.test ANY
    D $S +dnssec +tcp nsec3.test DNSKEY
    K $S +dnssec +bufsize=1232 ed25519.test DNSKEY
    # --- zone transfers (TCP)
    D $S example.test AXFR
    K $S other.test AXFR
    D $S types.test AXFR
    K $S nsec.test AXFR
    D $S nsec3.test AXFR
    K $S ed25519.test AXFR
    D $S other.test IXFR=2026010100                    # IXFR, serial older than the zone's
    D $S example.test IXFR=2026010101                  # IXFR, current serial
    D $S +notcp +ignore example.test IXFR=2026010100   # IXFR over UDP
    D $S -y "$(TSIG_Y)" example.test SOA               # TSIG-signed query
    D $S -y "$(TSIG_Y)" other.test AXFR                # TSIG-signed AXFR
    K $S -y "$(TSIG_Y)" other.test SOA
    D $S -y "hmac-sha256:$KEYNAME:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" example.test SOA   # BADSIG
    D $S -y "hmac-sha256:unknown-key:$SECRET" example.test SOA                                   # BADKEY
    D $S -y "hmac-sha512:$KEYNAME:$SECRET" example.test SOA                                      # wrong algorithm
    # --- an UPDATE no authoritative server here accepts for example.test
    sed "s/@IP@/$1/" "$RUN/update-refused.txt" > "$RUN/update-refused-$1.txt"
    run nsupdate -t 3 -r 0 "$RUN/update-refused-$1.txt"
}

plan_bind() {
    local S=@$1
    plan_auth_common "$1"
    # --- IPv6 transport (BIND also listens on ::1)
    D @::1 example.test SOA
    D @::1 +tcp www.example.test AAAA
    D @::1 +nsid +subnet=2001:db8:1::/48 www.example.test AAAA
    D @::1 big.example.test TXT                        # TC over UDP/IPv6, then TCP/IPv6
    K @::1 +dnssec nsec.test DNSKEY
    K @::1 other.test AXFR
    # referral from BIND for the zone Knot serves
    D $S +norec +dnssec host.deleg.example.test TXT
    # --- dynamic update of dyn.test with TSIG; BIND NOTIFYs Knot, Knot transfers (IXFR, TSIG)
    D $S dyn.test SOA
    run nsupdate -t 3 -r 0 -k "$RUN/tsig.key" "$RUN/update1.txt"
    run nsupdate -t 3 -r 0 -k "$RUN/tsig.key" "$RUN/update2.txt"
    run nsupdate -t 3 -r 0 -k "$RUN/tsig.key" "$RUN/update-prereq.txt"   # prerequisite fails
    run nsupdate -t 3 -r 0 "$RUN/update-nokey.txt"                       # no TSIG: refused
    run knsupdate -t 3 -r 0 -y "$(TSIG_Y)" "$RUN/update3.txt"
    sleep 3   # NOTIFY to Knot, Knot's SOA query and IXFR
    D $S -y "$(TSIG_Y)" dyn.test AXFR
    D $S -y "$(TSIG_Y)" dyn.test IXFR=2026010120
    K $S -y "$(TSIG_Y)" dyn.test IXFR=2026010121
    D $S dyn.test IXFR=2026010120                                        # without TSIG
    D $S +dnssec new.dyn.test A
    D $S dyn.test ANY
    # --- sec.test: BIND is Knot's secondary
    D $S +expire sec.test SOA
    K $S +expire sec.test SOA
    D $S sec.test AXFR
    D $S +opcode=notify +norec sec.test SOA                              # NOTIFY from a host not allowed
}

plan_knot() {
    local S=@$1 z=knot-signed.test
    plan_auth_common "$1"
    # --- knot-signed.test: signed by Knot itself (ED25519, NSEC)
    D $S +dnssec $z SOA
    D $S +dnssec +multi $z DNSKEY
    D $S +dnssec www.$z A
    D $S +dnssec alias.$z AAAA
    D $S +dnssec nonexistent.$z A
    D $S +dnssec www.$z MX
    D $S +dnssec foo.wild.$z A
    D $S +dnssec b.c.$z TXT
    K $S +dnssec $z AXFR
    D $S +norec www.sub.example.test A
    # --- Knot is the secondary of dyn.test: EXPIRE, and its transfer of it
    D $S +expire dyn.test SOA
    K $S +expire dyn.test SOA
    D $S dyn.test AXFR
    # --- sec.test: change the zone on Knot, which NOTIFYs BIND; BIND transfers (IXFR, TSIG)
    D $S sec.test SOA
    knotc -c "$RUN/knot/knot.conf" zone-begin sec.test >> "$RUN/knot.out" 2>&1
    knotc -c "$RUN/knot/knot.conf" zone-set sec.test added 300 A 192.0.2.141 >> "$RUN/knot.out" 2>&1
    knotc -c "$RUN/knot/knot.conf" zone-set sec.test added 300 TXT "added by knotc" >> "$RUN/knot.out" 2>&1
    knotc -c "$RUN/knot/knot.conf" zone-unset sec.test host A 192.0.2.140 >> "$RUN/knot.out" 2>&1
    knotc -c "$RUN/knot/knot.conf" zone-commit sec.test >> "$RUN/knot.out" 2>&1
    echo "--- knotc zone transaction on sec.test (added A, TXT; removed host A); Knot NOTIFYs BIND" >> "$QLOG"
    sleep 3
    D $S sec.test IXFR=2026010130
    K $S -y "$(TSIG_Y)" sec.test IXFR=2026010130
    D $S added.sec.test ANY
    # --- UPDATE to Knot (no update ACL: refused)
    run knsupdate -t 3 -r 0 -y "$(TSIG_Y)" "$RUN/update-knot.txt"
}

plan_nsd() {
    local S=@$1
    plan_auth_common "$1"
    # expired.test: signatures expired on 2025-01-01 (NSD serves them as they are)
    D $S +dnssec expired.test DNSKEY
    D $S +dnssec www.expired.test A
    D $S +dnssec nonexistent.expired.test A
    # NSD serves sub.example.test itself
    D $S www.sub.example.test A
    D $S www.sub.example.test AAAA
    D $S deep.er.name.sub.example.test TXT
    D $S +dnssec er.name.sub.example.test TXT          # empty non-terminal
    K $S sub.example.test AXFR
    D $S +norec +dnssec host.deleg.example.test A      # referral to Knot
    run knsupdate -t 3 -r 0 -y "$(TSIG_Y)" "$RUN/update-nsd.txt"   # UPDATE: not implemented
}

plan_unbound() {
    local S=@$1 z
    # cold cache: each answer makes Unbound query the authoritative servers
    D $S www.example.test A
    D $S www.example.test A                            # from the cache
    D $S www.example.test AAAA
    D $S example.test MX
    D $S example.test TXT
    D $S _dmarc.example.test TXT
    D $S _smtp._tls.example.test TXT
    D $S example.test CAA
    D $S _sip._tcp.example.test SRV
    D $S svc.example.test HTTPS
    D $S txt255.example.test TXT
    D $S txtesc.example.test TXT
    D $S hop1.example.test A                           # in-zone chain
    D $S xzone.example.test A                          # example.test -> other.test -> example.test
    D $S back.other.test A                             # other.test -> example.test chain
    D $S tosub.other.test A                            # other.test -> sub.example.test (NSD, via referral)
    D $S host.deleg.example.test A                     # via referral to Knot
    D $S www.sub.example.test AAAA
    D $S foo.wild.example.test A
    D $S towild.example.test MX
    D $S dangling.example.test A                       # chain to NXDOMAIN
    D $S tonodata.example.test A
    D $S start.legacy.example.test A                   # DNAME
    D $S nonexistent.example.test A
    D $S www.example.test MX
    D $S +timeout=30 deadend.example.test A            # CNAME into the dead delegation: SERVFAIL
    D $S +timeout=10 loop1.example.test A              # CNAME loop
    D $S +timeout=10 www.dead.example.test A           # SERVFAIL
    D $S +timeout=10 +cdflag www.dead.example.test AAAA
    # types.test through NSD
    for t in A AAAA CAA CDS DNSKEY DS HINFO HTTPS LOC NAPTR OPENPGPKEY SMIMEA SRV SSHFP SVCB TLSA TXT URI ZONEMD; do
        D $S "$(echo "$t" | tr 'A-Z' 'a-z').types.test" "$t"
    done
    D $S private.types.test TYPE65280
    D $S 'dot\.inside.edge.test' A
    D $S cname-escaped.edge.test A
    D $S ttl-high.edge.test TXT
    D $S huge.edge.test A
    # --- validated answers (AD) and validated negative answers
    for z in nsec.test nsec3.test ed25519.test; do
        D $S +dnssec www.$z A
        D $S www.$z A                                  # AD without DO
        D $S +dnssec nonexistent.$z A
        D $S +dnssec www.$z TXT
        D $S +dnssec foo.wild.$z A
        D $S +dnssec alias.$z A
        D $S +dnssec +cdflag txt.$z TXT
        D $S +dnssec $z DNSKEY
    done
    D $S +dnssec tosigned.example.test A               # insecure -> secure chain
    # Knot-signed zone, validated
    D $S +dnssec www.knot-signed.test A
    D $S +dnssec nonexistent.knot-signed.test A
    D $S +dnssec foo.wild.knot-signed.test A
    # bogus: expired signatures -> SERVFAIL with an Extended DNS Error; +cd gets the data
    D $S +dnssec www.expired.test A
    D $S +dnssec +cdflag www.expired.test A
    D $S txt.expired.test TXT
    D $S +dnssec sec.test SOA
    D $S dyn.test SOA
    D $S new.dyn.test A
    # --- client-side EDNS and transport
    D $S +nsid example.test SOA
    D $S +cookie example.test SOA
    D $S +subnet=192.0.2.0/24 www.example.test A
    D $S +padding=128 example.test SOA
    D $S +tcp +keepalive example.test NS
    D $S +tcp +padding=128 www.example.test AAAA
    D $S +ednsopt=65001:abcd example.test SOA
    D $S +edns=1 +noednsnegotiation example.test SOA
    D $S +noedns example.test SOA
    D $S big.example.test TXT                          # TC over UDP, then TCP
    D $S +bufsize=512 +ignore many.example.test A
    D $S +tcp many.example.test A
    D $S +norec www.example.test A                     # from the cache
    D $S +norec uncached.example.test A
    D $S example.test ANY
    D $S example.test AXFR                             # refused
    D $S version.bind CH TXT
    D $S id.server CH TXT
    K $S +nsid example.test SOA
    K $S +cookie example.test SOA
    K $S +tcp +dnssec nsec.test DNSKEY
    K $S +dnssec nonexistent.ed25519.test AAAA
    K $S +tcp +keepopen mx1.example.test A mx2.example.test A
}

# nsupdate / knsupdate scripts used by the plans
write_update_scripts() {
    cat > "$RUN/update1.txt" <<EOF
server $BIND_IP 53
zone dyn.test
update add new.dyn.test. 300 A 192.0.2.131
update add new.dyn.test. 300 AAAA 2001:db8::131
update add new.dyn.test. 300 TXT "added by nsupdate" "second string"
send
EOF
    cat > "$RUN/update2.txt" <<EOF
server $BIND_IP 53
zone dyn.test
prereq yxdomain static.dyn.test.
prereq nxrrset static.dyn.test. MX
update delete static.dyn.test. TXT
update add static.dyn.test. 300 MX 10 new.dyn.test.
update add _sip._tcp.dyn.test. 300 SRV 0 5 5060 new.dyn.test.
update add caa.dyn.test. 300 CAA 0 issue "ca.example.net"
send
EOF
    cat > "$RUN/update-prereq.txt" <<EOF
server $BIND_IP 53
zone dyn.test
prereq nxdomain static.dyn.test.
update add other.dyn.test. 300 A 192.0.2.132
send
EOF
    cat > "$RUN/update-nokey.txt" <<EOF
server $BIND_IP 53
zone dyn.test
update add nokey.dyn.test. 300 A 192.0.2.133
send
EOF
    cat > "$RUN/update3.txt" <<EOF
server $BIND_IP 53
zone dyn.test.
update delete new.dyn.test. AAAA
update add knsupdate.dyn.test. 300 A 192.0.2.134
update add knsupdate.dyn.test. 300 SSHFP 4 2 123456789abcdef67890123456789abcdef67890123456789abcdef123456789
send
EOF
    cat > "$RUN/update-refused.txt" <<EOF
server @IP@ 53
zone example.test
update add upd.example.test. 300 A 192.0.2.135
send
EOF
    cat > "$RUN/update-knot.txt" <<EOF
server $KNOT_IP 53
zone sec.test.
update add upd.sec.test. 300 A 192.0.2.136
send
EOF
    cat > "$RUN/update-nsd.txt" <<EOF
server $NSD_IP 53
zone example.test.
update add upd.example.test. 300 A 192.0.2.137
send
EOF
}
