//! `query`, `forward` and `load` against real servers: BIND (127.0.10.1),
//! Knot (127.0.10.2), NSD (127.0.10.3) and the validating resolver Unbound
//! (127.0.10.4), all on port 53 and serving the conformance zones
//! (`conformance-vectors/servers/zones`), as started by
//! `conformance-vectors/servers/record.sh --serve`.
//!
//! Every test here is `#[ignore]`d, so a plain `cargo test` lists them as
//! ignored rather than passing them unrun: `tests/real_servers.sh` installs
//! and starts the servers and runs them with `--ignored`. dig is the reference: the rcode, the header flags and the
//! answer RRsets (as sets, TTLs aside) must be the same.

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::process::Command;
use std::time::Duration;

use dnswire::Message;
use dnswire_cli::net::forward::{ForwardConfig, Forwarder};
use dnswire_cli::net::load::{self, LoadConfig};
use dnswire_cli::net::query::{self, Outcome};

const BIND: &str = "127.0.10.1:53";
const KNOT: &str = "127.0.10.2:53";
const NSD: &str = "127.0.10.3:53";
const UNBOUND: &str = "127.0.10.4:53";

fn addr(s: &str) -> SocketAddr {
    s.parse().unwrap()
}

/// What is compared with dig: rcode, header flags, the answer section as a
/// set of `owner class type rdata` (TTLs aside), and whether the UDP answer
/// was truncated and asked again over TCP.
#[derive(Debug, PartialEq, Eq)]
struct View {
    rcode: String,
    flags: BTreeSet<String>,
    answer: BTreeSet<String>,
    retried_over_tcp: bool,
}

/// How a type's RDATA ends in one opaque blob, after how many fields.
#[derive(Clone, Copy)]
enum Blob {
    Hex,
    Base64,
}

/// The types whose RDATA ends in a hex or base64 blob, and the fields before it.
fn blob_after(rtype: &str) -> Option<(usize, Blob)> {
    match rtype {
        "RRSIG" => Some((8, Blob::Base64)),
        "DNSKEY" | "CDNSKEY" | "CERT" => Some((3, Blob::Base64)),
        "IPSECKEY" => Some((4, Blob::Base64)),
        "OPENPGPKEY" | "DHCID" => Some((0, Blob::Base64)),
        "DS" | "CDS" | "TLSA" | "SMIMEA" | "ZONEMD" => Some((3, Blob::Hex)),
        "SSHFP" => Some((2, Blob::Hex)),
        _ => None,
    }
}

/// `owner TTL class type rdata` (dig's or the codec's line) as
/// `owner class type rdata`, TTL left out and the RDATA in one spelling of
/// its equivalent presentation forms. The codec presents RDATA as dnspython
/// does, dig 9.18 differently in form only: base64 split into chunks of
/// another width, hex in lowercase, SVCB values in quotes, LOC sizes with
/// decimals. So: owner lowercased, whitespace collapsed, a trailing blob
/// joined (hex uppercased), SVCB and HTTPS quotes dropped, LOC sizes in
/// metres with two decimals.
fn canonical_record(line: &str) -> String {
    let mut words = line.split_whitespace();
    let owner = words.next().unwrap_or("").to_ascii_lowercase();
    let _ttl = words.next();
    let class = words.next().unwrap_or("");
    let rtype = words.next().unwrap_or("");
    let mut rdata: Vec<String> = words.map(String::from).collect();
    match rtype {
        "SVCB" | "HTTPS" => rdata.iter_mut().for_each(|w| *w = w.replace('"', "")),
        "LOC" => rdata.iter_mut().for_each(|w| {
            if let Some(metres) = w.strip_suffix('m').and_then(|m| m.parse::<f64>().ok()) {
                *w = format!("{metres:.2}m");
            }
        }),
        _ => {}
    }
    let rdata = match blob_after(rtype) {
        Some((n, blob)) if rdata.len() > n => {
            let joined = rdata[n..].concat();
            let joined = if matches!(blob, Blob::Hex) { joined.to_ascii_uppercase() } else { joined };
            let mut fields = rdata[..n].to_vec();
            fields.push(joined);
            fields.join(" ")
        }
        _ => rdata.join(" "),
    };
    format!("{owner} {class} {rtype} {rdata}")
}

/// dig's view of a query (`args` as dig takes them).
fn dig_view(server: SocketAddr, args: &[&str]) -> View {
    let out = Command::new("dig")
        .arg(format!("@{}", server.ip()))
        .args(["-p", &server.port().to_string(), "+noall", "+comments", "+answer"])
        .args(args)
        .output()
        .expect("dig runs (tests/real_servers.sh installs it)");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "dig {args:?} failed:\n{text}{}", String::from_utf8_lossy(&out.stderr));
    let header = text.lines().find(|l| l.contains("->>HEADER<<-")).unwrap_or_else(|| panic!("no header from dig {args:?}:\n{text}"));
    let rcode = header.split("status: ").nth(1).and_then(|s| s.split(',').next()).unwrap().to_string();
    let flags_line = text.lines().find(|l| l.starts_with(";; flags:")).unwrap();
    let flags = flags_line.trim_start_matches(";; flags:").split(';').next().unwrap().split_whitespace().map(String::from).collect();
    let answer = text.lines().filter(|l| !l.is_empty() && !l.starts_with(';')).map(canonical_record).collect();
    View { rcode, flags, answer, retried_over_tcp: text.contains(";; Truncated, retrying in TCP mode.") }
}

/// The codec's view of the same query through `query::run`.
fn our_view(server: SocketAddr, args: &[&str]) -> (View, Outcome) {
    let mut all = vec![format!("@{}", server.ip()), "-p".into(), server.port().to_string()];
    all.extend(args.iter().map(|s| s.to_string()));
    let cfg = query::parse_args(&all).unwrap();
    let outcome = query::run(&cfg).unwrap_or_else(|e| panic!("query {args:?}: {e}"));
    let msg = Message::decode(&outcome.response).unwrap();
    let f = msg.header().flags;
    let flags = [(f.qr(), "qr"), (f.aa(), "aa"), (f.tc(), "tc"), (f.rd(), "rd"), (f.ra(), "ra"), (f.ad(), "ad"), (f.cd(), "cd")]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, n)| n.to_string())
        .collect();
    let answer = msg.answers().map(|r| canonical_record(&r.to_string())).collect();
    let view = View { rcode: msg.rcode().to_string(), flags, answer, retried_over_tcp: outcome.retried_over_tcp };
    (view, outcome)
}

fn compare(server: &str, args: &[&str]) -> (View, Outcome) {
    let server = addr(server);
    let theirs = dig_view(server, args);
    let (ours, outcome) = our_view(server, args);
    assert_eq!(ours, theirs, "query @{server} {args:?} differs from dig");
    (ours, outcome)
}

fn chain(outcome: &Outcome) -> String {
    query::chain_summary(&Message::decode(&outcome.response).unwrap()).unwrap()
}

/// Questions whose answers are compared with dig's, per server.
const CASES: &[(&str, &[&str])] = &[
    (UNBOUND, &["www.example.test", "A"]),
    (UNBOUND, &["www.example.test", "AAAA"]),
    (UNBOUND, &["example.test", "MX"]),
    (UNBOUND, &["example.test", "TXT"]),
    (UNBOUND, &["example.test", "CAA"]),
    (UNBOUND, &["_sip._tcp.example.test", "SRV"]),
    (UNBOUND, &["svc.example.test", "HTTPS"]),
    (UNBOUND, &["txtesc.example.test", "TXT"]),
    (UNBOUND, &["hop1.example.test", "A"]),
    (UNBOUND, &["xzone.example.test", "A"]),
    (UNBOUND, &["back.other.test", "A"]),
    (UNBOUND, &["tosub.other.test", "A"]),
    (UNBOUND, &["host.deleg.example.test", "A"]),
    (UNBOUND, &["dangling.example.test", "A"]),
    (UNBOUND, &["tonodata.example.test", "A"]),
    (UNBOUND, &["start.legacy.example.test", "A"]),
    (UNBOUND, &["nxdomain.other.test", "A"]),
    (UNBOUND, &["nonexistent.nsec.test", "A"]),
    (UNBOUND, &["+dnssec", "www.nsec.test", "A"]),
    (UNBOUND, &["+dnssec", "www.nsec3.test", "A"]),
    (UNBOUND, &["+dnssec", "www.ed25519.test", "A"]),
    (UNBOUND, &["+dnssec", "www.knot-signed.test", "A"]),
    (UNBOUND, &["+dnssec", "nonexistent.ed25519.test", "AAAA"]),
    (UNBOUND, &["+dnssec", "www.expired.test", "A"]),
    (UNBOUND, &["+dnssec", "+cdflag", "www.expired.test", "A"]),
    (UNBOUND, &["+timeout=30", "+tries=1", "deadend.example.test", "A"]),
    (UNBOUND, &["+timeout=10", "loop1.example.test", "A"]),
    (UNBOUND, &["+subnet=192.0.2.0/24", "www.example.test", "A"]),
    (UNBOUND, &["+nsid", "+cookie", "example.test", "SOA"]),
    (UNBOUND, &["+norec", "www.example.test", "A"]),
    (UNBOUND, &["+tcp", "example.test", "NS"]),
    (UNBOUND, &["big.example.test", "TXT"]),
    (UNBOUND, &["+bufsize=512", "many.example.test", "A"]),
    (BIND, &["+norec", "deadend.example.test", "A"]),
    (BIND, &["loop1.example.test", "A"]),
    (BIND, &["+cookie", "example.test", "SOA"]),
    (BIND, &["+bufsize=512", "many.example.test", "A"]),
    (BIND, &["+dnssec", "nsec.test", "DNSKEY"]),
    (BIND, &["version.bind", "CH", "TXT"]),
    (KNOT, &["+nsid", "example.test", "SOA"]),
    (KNOT, &["+dnssec", "www.knot-signed.test", "A"]),
    (KNOT, &["start.other.test", "A"]),
    (NSD, &["big.example.test", "TXT"]),
    (NSD, &["www.sub.example.test", "AAAA"]),
];

/// One owner per type in types.test (served by NSD, through Unbound).
const TYPES: &[&str] = &[
    "A",
    "AAAA",
    "CAA",
    "CDS",
    "DNSKEY",
    "DS",
    "HINFO",
    "HTTPS",
    "LOC",
    "NAPTR",
    "OPENPGPKEY",
    "SMIMEA",
    "SRV",
    "SSHFP",
    "SVCB",
    "TLSA",
    "TXT",
    "URI",
    "ZONEMD",
    "MX",
    "NS",
    "PTR",
    "RP",
    "AFSDB",
    "KX",
    "SPF",
    "CERT",
    "DHCID",
    "IPSECKEY",
    "APL",
    "CSYNC",
];

#[test]
#[ignore = "needs BIND, Knot, NSD and Unbound on 127.0.10.x: run tests/real_servers.sh"]
fn query_matches_dig() {
    let mut differences = Vec::new();
    let mut check = |server: &str, args: &[&str]| {
        let theirs = dig_view(addr(server), args);
        let (ours, _) = our_view(addr(server), args);
        if ours != theirs {
            differences.push(format!("@{server} {args:?}\n  ours: {ours:?}\n  dig:  {theirs:?}"));
        }
    };
    for (server, args) in CASES {
        check(server, args);
    }
    for t in TYPES {
        let owner = format!("{}.types.test", t.to_ascii_lowercase());
        check(UNBOUND, &[&owner, t]);
        check(NSD, &["+norec", &owner, t]);
    }
    assert!(differences.is_empty(), "{} queries differ from dig:\n{}", differences.len(), differences.join("\n"));
}

#[test]
#[ignore = "needs BIND, Knot, NSD and Unbound on 127.0.10.x: run tests/real_servers.sh"]
fn query_chains_truncation_and_dnssec() {
    let (view, outcome) = compare(UNBOUND, &["xzone.example.test", "A"]);
    assert_eq!(view.rcode, "NOERROR");
    assert!(
        chain(&outcome).starts_with(";; CHAIN: xzone.example.test -> start.other.test -> middle.other.test -> www.example.test -> A 192.0.2.8"),
        "{}",
        chain(&outcome)
    );
    // BIND answers the loop itself (SERVFAIL with the three CNAMEs).
    let (view, outcome) = compare(BIND, &["loop1.example.test", "A"]);
    assert_eq!(view.rcode, "SERVFAIL");
    assert_eq!(
        chain(&outcome),
        ";; CHAIN: loop1.example.test -> loop2.example.test -> loop3.example.test -> LOOP: loop3.example.test points back to loop1.example.test"
    );
    // The CNAME into the dead delegation: BIND refers, Unbound gives up.
    let (_, outcome) = compare(BIND, &["+norec", "deadend.example.test", "A"]);
    assert_eq!(
        chain(&outcome),
        ";; CHAIN: deadend.example.test -> www.dead.example.test -> DEAD END: no A records at www.dead.example.test (NOERROR)"
    );
    let (view, outcome) = compare(UNBOUND, &["+timeout=30", "+tries=1", "deadend.example.test", "A"]);
    assert_eq!(view.rcode, "SERVFAIL");
    assert_eq!(chain(&outcome), ";; CHAIN: deadend.example.test -> no A records (SERVFAIL)");
    let (view, outcome) = compare(UNBOUND, &["nonexistent.nsec.test", "A"]);
    assert_eq!(view.rcode, "NXDOMAIN");
    assert!(view.flags.contains("ad"), "validated NXDOMAIN: {view:?}");
    assert_eq!(chain(&outcome), ";; CHAIN: nonexistent.nsec.test -> no A records (NXDOMAIN)");
    // DNSSEC: Unbound validates the signed zone and sets AD.
    let (view, _) = compare(UNBOUND, &["+dnssec", "www.nsec.test", "A"]);
    assert!(view.flags.contains("ad"), "{view:?}");
    assert!(view.answer.iter().any(|r| r.starts_with("www.nsec.test. IN RRSIG A 13 ")), "{view:?}");
    let (view, _) = compare(UNBOUND, &["+dnssec", "www.expired.test", "A"]);
    assert_eq!(view.rcode, "SERVFAIL", "bogus signatures");
    // Truncated over UDP, completed over TCP: 20 TXT records, ~2800 octets.
    let (view, outcome) = compare(NSD, &["big.example.test", "TXT"]);
    assert!(view.retried_over_tcp && outcome.retried_over_tcp);
    assert_eq!(view.answer.len(), 20);
    let (view, _) = compare(BIND, &["+bufsize=512", "many.example.test", "A"]);
    assert!(view.retried_over_tcp);
    assert_eq!(view.answer.len(), 40);
    // EDNS options come back: NSID from Knot, a server cookie from BIND.
    let (_, outcome) = compare(KNOT, &["+nsid", "example.test", "SOA"]);
    let text = query::render(&outcome);
    assert!(text.contains("; NSID: ") && text.contains("(\"knot.conformance.test\")"), "{text}");
    let (_, outcome) = compare(BIND, &["+cookie", "example.test", "SOA"]);
    let msg = Message::decode(&outcome.response).unwrap();
    let cookie = msg.edns().and_then(|e| e.options.get(dnswire::OptionCode::COOKIE)).expect("a cookie");
    assert!(cookie.len() >= 16, "client and server cookie: {cookie:?}");
    assert_eq!(&cookie[..8], &outcome.query[outcome.query.len() - 8..], "our client cookie echoed");
}

#[test]
#[ignore = "needs BIND, Knot, NSD and Unbound on 127.0.10.x: run tests/real_servers.sh"]
fn query_command_line() {
    let out = Command::new(env!("CARGO_BIN_EXE_dnswire")).args(["query", "@127.0.10.4", "xzone.example.test", "+chain"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains(";; CHAIN: xzone.example.test -> start.other.test -> middle.other.test -> www.example.test -> A "), "{stdout}");
    assert!(stdout.contains(";; SERVER: 127.0.10.4#53(127.0.10.4) (UDP)"), "{stdout}");
    // The dead server of dead.example.test: no answer, exit code 9.
    let out = Command::new(env!("CARGO_BIN_EXE_dnswire"))
        .args(["query", "@127.0.10.99", "www.dead.example.test", "+timeout=1", "+tries=1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(9), "{}", String::from_utf8_lossy(&out.stdout));
}

fn start_forwarder() -> Forwarder {
    let mut cfg = ForwardConfig::new(addr("127.0.0.1:0"), addr(UNBOUND));
    cfg.upstream_timeout = Duration::from_secs(10);
    Forwarder::start(cfg).unwrap()
}

#[test]
#[ignore = "needs BIND, Knot, NSD and Unbound on 127.0.10.x: run tests/real_servers.sh"]
fn dig_through_forward_matches_dig_to_unbound() {
    let fwd = start_forwarder();
    let cases: &[&[&str]] = &[
        &["www.example.test", "A"],
        &["xzone.example.test", "A"],
        &["example.test", "MX"],
        &["svc.example.test", "HTTPS"],
        &["txtesc.example.test", "TXT"],
        &["nonexistent.nsec.test", "A"],
        &["nxdomain.other.test", "A"],
        &["+dnssec", "www.nsec.test", "A"],
        &["+dnssec", "nsec3.test", "DNSKEY"],
        &["+dnssec", "www.expired.test", "A"],
        &["+timeout=10", "loop1.example.test", "A"],
        &["+subnet=192.0.2.0/24", "www.example.test", "A"],
        &["+tcp", "example.test", "NS"],
        &["+tcp", "+dnssec", "www.ed25519.test", "A"],
        // Truncated over UDP, then over TCP through the forwarder.
        &["big.example.test", "TXT"],
        &["+noedns", "many.example.test", "A"],
        &["+bufsize=512", "many.example.test", "A"],
        // The truncated answer itself, kept.
        &["+noedns", "+ignore", "many.example.test", "A"],
        &["+norec", "www.example.test", "A"],
        &["version.bind", "CH", "TXT"],
    ];
    for args in cases {
        let direct = dig_view(addr(UNBOUND), args);
        let forwarded = dig_view(fwd.local_addr(), args);
        assert_eq!(forwarded, direct, "dig {args:?} through the forwarder differs from dig to Unbound");
    }
    let (forwarded, _) = our_view(fwd.local_addr(), &["big.example.test", "TXT"]);
    assert!(forwarded.retried_over_tcp && forwarded.answer.len() == 20, "{forwarded:?}");
    let stats = fwd.stats();
    println!("forwarder: {stats:?}");
    assert_eq!((stats.timeouts, stats.servfail, stats.formerr), (0, 0, 0), "{stats:?}");
}

#[test]
#[ignore = "needs BIND, Knot, NSD and Unbound on 127.0.10.x: run tests/real_servers.sh"]
fn load_through_forward_to_unbound() {
    let names = load::builtin_names();
    // Every name answers at once (the resolver's cache warm, no dead servers).
    for (name, qtype) in &names {
        let text = name.to_string();
        let (view, _) = our_view(addr(UNBOUND), &[&text, &qtype.to_string()]);
        assert!(view.rcode == "NOERROR" || view.rcode == "NXDOMAIN", "{text} {qtype}: {view:?}");
    }
    let fwd = start_forwarder();
    let queries: u64 = std::env::var("DNSWIRE_LOAD_QUERIES").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let mut cfg = LoadConfig::new(fwd.local_addr(), queries, names.clone());
    cfg.concurrency = 64;
    let report = load::run(&cfg).unwrap();
    println!("through the forwarder (dnswire forward -> Unbound):\n{}", report.render(fwd.local_addr()));
    assert_eq!((report.sent, report.answered, report.lost, report.mismatched, report.errors), (queries, queries, 0, 0, 0));
    assert_eq!(report.late, 0);
    let stats = fwd.stats();
    assert_eq!((stats.unmatched, stats.timeouts, stats.servfail), (0, 0, 0), "{stats:?}");
    assert_eq!(fwd.pending(), 0);
    // The same load straight to Unbound, for comparison.
    let mut direct = LoadConfig::new(addr(UNBOUND), queries, names);
    direct.concurrency = 64;
    let report = load::run(&direct).unwrap();
    println!("straight to Unbound:\n{}", report.render(addr(UNBOUND)));
    assert!(report.passed(0), "{}", report.render(addr(UNBOUND)));
}

/// dig's output or ours for `args` to `server`, less what differs between
/// two runs: dig's banner and WHEN line; the id and query time written as
/// `X`; runs of record lines sorted (servers rotate RRsets); and with
/// `ttls`, TTLs as `T`s of their width (a resolver's cache counts them down).
fn dig_text(program: &[&str], server: &str, args: &[&str], ttls: bool) -> (Option<i32>, String) {
    let server = addr(server);
    let out = Command::new(program[0])
        .args(&program[1..])
        .arg(format!("@{}", server.ip()))
        .args(["-p", &server.port().to_string(), "+nocookie"])
        .args(args)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut lines: Vec<String> = Vec::new();
    let mut run: Vec<String> = Vec::new();
    let banner = |l: &str| l.starts_with("; <<>> DiG") || l.starts_with("; (1 server found)") || l.starts_with(";; global options:");
    for (i, line) in text.lines().enumerate() {
        // The banner opens with an empty line.
        if banner(line) || line.starts_with(";; WHEN: ") || (i == 0 && line.is_empty() && text.contains("; <<>> DiG")) {
            continue;
        }
        let line = if let Some(at) = line.find(", id: ") {
            format!("{}, id: X", &line[..at])
        } else if line.starts_with(";; Query time: ") {
            ";; Query time: X msec".to_string()
        } else if ttls && !line.starts_with(';') && !line.is_empty() {
            mask_ttl(line)
        } else {
            line.to_string()
        };
        if line.starts_with(';') || line.is_empty() {
            run.sort();
            lines.append(&mut run);
            lines.push(line);
        } else {
            run.push(line);
        }
    }
    run.sort();
    lines.append(&mut run);
    (out.status.code(), lines.join("\n"))
}

/// A record line's TTL (its second field) as `T`s of the same width.
fn mask_ttl(line: &str) -> String {
    let owner_end = line.find(['\t', ' ']).unwrap_or(line.len());
    let (owner, rest) = line.split_at(owner_end);
    let ttl_start = rest.find(|c: char| !c.is_whitespace()).unwrap_or(0);
    let ttl_len = rest[ttl_start..].find(['\t', ' ']).unwrap_or(0);
    format!("{owner}{}{}{}", &rest[..ttl_start], "T".repeat(ttl_len), &rest[ttl_start + ttl_len..])
}

#[test]
#[ignore = "needs BIND, Knot, NSD and Unbound on 127.0.10.x: run tests/real_servers.sh"]
fn query_output_diffs_clean_against_dig() {
    let ours = [env!("CARGO_BIN_EXE_dnswire"), "query"];
    let cases: [&[&str]; 12] = [
        &["www.example.test"],
        &["example.test", "SOA"],
        &["example.test", "NS", "+nocomments"],
        &["+noall", "+answer", "www.example.test"],
        &["+noall", "+answer", "+authority", "nx.example.test"],
        &["+short", "www.example.test", "AAAA"],
        &["-x", "192.0.2.80"],
        &["-q", "www.example.test", "-t", "TXT"],
        &["+nostats", "+noquestion", "www.example.test", "MX"],
        &["+dnssec", "+noall", "+answer", "www.nsec.test"],
        &["+tcp", "www.example.test"],
        &["nx.example.test"],
    ];
    for (server, ttls) in [(BIND, false), (KNOT, false), (NSD, false), (UNBOUND, true)] {
        for args in cases {
            let (dig_code, dig) = dig_text(&["dig"], server, args, ttls);
            let (our_code, ours) = dig_text(&ours, server, args, ttls);
            assert_eq!(our_code, dig_code, "exit code, {server} {args:?}");
            assert_eq!(ours, dig, "{server} {args:?}");
        }
    }
    // dig's multi-line style, from the authoritative servers (whose TTLs
    // do not count down).
    let multi: [&[&str]; 3] = [
        &["+multi", "example.test", "SOA"],
        &["+multi", "+dnssec", "+noall", "+answer", "www.nsec.test"],
        &["+multi", "+noall", "+answer", "nsec.test", "DNSKEY"],
    ];
    for server in [BIND, KNOT, NSD] {
        for args in multi {
            let (dig_code, dig) = dig_text(&["dig"], server, args, false);
            let (our_code, ours) = dig_text(&ours, server, args, false);
            assert_eq!(our_code, dig_code, "exit code, {server} {args:?}");
            assert_eq!(ours, dig, "{server} {args:?}");
        }
    }
    // Zone transfers, which BIND and Knot allow from loopback.
    for server in [BIND, KNOT] {
        for args in [&["example.test", "AXFR"][..], &["+noall", "+answer", "example.test", "AXFR"]] {
            let (_, dig) = dig_text(&["dig"], server, args, false);
            let (our_code, ours) = dig_text(&ours, server, args, false);
            assert_eq!(our_code, Some(0), "{server} {args:?}");
            assert!(dig.contains("\tSOA\t"), "dig {args:?} to {server} transferred no SOA:\n{dig}");
            assert_eq!(ours, dig, "{server} {args:?}");
        }
    }
}
