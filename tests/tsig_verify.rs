//! TSIG proof over the recorded servers: the MAC of every TSIG-signed message
//! whose key is known (conformance-vectors/servers/tsig.key) verifies with the
//! codec's signed data (RFC 8945 §4.3.3, §5.3.1) and HMAC-SHA256: requests,
//! responses with the request MAC, and the later messages of multi-message
//! zone transfers; a modified message fails.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use dnswire::{Message, Opcode};
use dnswire_harness::capture::{self, CapturedMessage};
use dnswire_harness::verify::{self, TsigKey, TsigKind, TsigReport};

fn servers() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../conformance-vectors/servers")
}

const CAPTURES: [&str; 4] = ["bind.pcap", "knot.pcapng", "nsd.pcap", "unbound.pcapng"];

fn read_messages(name: &str) -> Vec<CapturedMessage> {
    let bytes = std::fs::read(servers().join("captures").join(name)).unwrap();
    capture::read_capture(&bytes, &capture::DEFAULT_PORTS).unwrap().messages
}

fn keys() -> Vec<TsigKey> {
    let keys = verify::parse_bind_keys(&std::fs::read_to_string(servers().join("tsig.key")).unwrap());
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0].name.to_string(), "conformance-key.");
    assert_eq!(keys[0].algorithm.to_string(), "hmac-sha256.");
    assert_eq!(keys[0].secret.len(), 32);
    keys
}

fn report(name: &str, keys: &[TsigKey]) -> TsigReport {
    let msgs = read_messages(name);
    let decoded: Vec<Option<Message<'_>>> = msgs.iter().map(|m| Message::decode(&m.data).ok()).collect();
    verify::verify_tsigs(&msgs, &decoded, keys)
}

#[test]
fn every_tsig_mac_with_the_known_key_verifies() {
    let keys = keys();
    // (capture, opcode or qtype, kind) -> verified count
    let mut verified: BTreeMap<(String, String, TsigKind), usize> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut badsig_requests = 0;
    let mut badsig_responses = 0;
    for name in CAPTURES {
        let report = report(name, &keys);
        // Failing requests are the ones signed with the wrong secret on
        // purpose: the server must have answered them with BADSIG.
        for c in &report.checks {
            let what = match (c.opcode, c.qtype) {
                (Opcode::QUERY, Some(t)) => t.to_string(),
                (op, _) => op.to_string(),
            };
            match &c.result {
                Ok(()) => *verified.entry((name.to_owned(), what, c.kind)).or_default() += 1,
                Err(e) => failures.push(format!("{name} frame {} {what} {:?}: {e}", c.frame, c.kind)),
            }
        }
        println!(
            "{name}: {} TSIG records checked, {} verified; unknown key {}, unsigned error responses {}, responses without a verified request {}",
            report.checks.len(),
            report.checks.iter().filter(|c| c.result.is_ok()).count(),
            report.unknown_key,
            report.unsigned_errors,
            report.no_request
        );
        println!("  unsigned TSIG error responses by error code: {:?}", report.unsigned_error_codes);
        badsig_responses += report.unsigned_error_codes.get(&16).copied().unwrap_or(0);
        badsig_requests += report.checks.iter().filter(|c| c.kind == TsigKind::Request && c.result.is_err()).count();
    }
    for (k, v) in &verified {
        println!("  {k:?}: {v}");
    }
    for f in &failures {
        println!("  FAIL {f}");
    }
    let count = |pred: &dyn Fn(&(String, String, TsigKind)) -> bool| verified.iter().filter(|(k, _)| pred(k)).map(|(_, v)| v).sum::<usize>();
    let updates = count(&|k| k.1 == "UPDATE");
    let axfr = count(&|k| k.1 == "AXFR");
    let responses = count(&|k| k.2 == TsigKind::Response);
    println!("UPDATE {updates}, AXFR {axfr}, responses {responses}; failing requests {badsig_requests}");
    assert!(updates > 0, "no TSIG-signed UPDATE verified");
    assert!(axfr > 0, "no TSIG-signed AXFR verified");
    // The recorded transfers fit in one message each, so the captures hold no
    // continuation (RFC 8945 §5.3.1); the layout is unit-tested in the codec.
    println!("continuations verified: {}", count(&|k| k.2 == TsigKind::Continuation));
    assert!(responses > 0);
    // Every failure is a request signed with the wrong secret (the BADSIG
    // queries of the plans, one per authoritative server) and nothing else.
    assert!(failures.len() <= 3, "{failures:#?}");
    assert_eq!(failures.len(), badsig_requests, "{failures:#?}");
    assert_eq!(badsig_responses, badsig_requests, "each failing request was answered BADSIG");
}

#[test]
fn a_modified_message_fails() {
    let keys = keys();
    let msgs = read_messages("bind.pcap");
    let decoded: Vec<Option<Message<'_>>> = msgs.iter().map(|m| Message::decode(&m.data).ok()).collect();
    let report = verify::verify_tsigs(&msgs, &decoded, &keys);
    let request = report
        .checks
        .iter()
        .find(|c| c.kind == TsigKind::Request && c.opcode == Opcode::UPDATE && c.result.is_ok())
        .expect("a verified signed UPDATE");
    let m = msgs.iter().find(|m| m.frame == request.frame).unwrap();
    let msg = Message::decode(&m.data).unwrap();
    let rec = dnswire::find_tsig(&msg).unwrap();
    let data = verify::collect::<()>(|s| {
        dnswire::tsig_signed_data(&msg, None, s).unwrap();
        Ok(())
    })
    .unwrap();
    verify::tsig_mac_matches(&keys[0], &data, rec.tsig.mac).unwrap();

    // Flip one bit in each octet before the TSIG record (header included, the
    // id aside: the original id stands in for it) and in the TSIG fields.
    let mut failed = 0;
    for at in 2..rec.start {
        let mut bad = m.data.clone();
        bad[at] ^= 0x01;
        let Ok(bad_msg) = Message::decode(&bad) else { continue };
        let data = verify::collect::<()>(|s| {
            dnswire::tsig_signed_data(&bad_msg, None, s);
            Ok(())
        })
        .unwrap();
        let mac = dnswire::find_tsig(&bad_msg).map(|r| r.tsig.mac.to_vec()).unwrap_or_default();
        assert!(verify::tsig_mac_matches(&keys[0], &data, &mac).is_err(), "flipped bit at {at} still verifies");
        failed += 1;
    }
    assert!(failed > 20);
    // The id itself may change (it is covered as the original id).
    let mut other_id = m.data.clone();
    other_id[0] ^= 0xff;
    let msg2 = Message::decode(&other_id).unwrap();
    let data = verify::collect::<()>(|s| {
        dnswire::tsig_signed_data(&msg2, None, s);
        Ok(())
    })
    .unwrap();
    verify::tsig_mac_matches(&keys[0], &data, rec.tsig.mac).unwrap();
    // A wrong key fails; so does the response MAC computed without the request MAC.
    let wrong = TsigKey { secret: vec![0; 32], ..keys[0].clone() };
    assert!(verify::tsig_mac_matches(&wrong, &data, rec.tsig.mac).is_err());
    let response = report.checks.iter().find(|c| c.kind == TsigKind::Response && c.result.is_ok()).unwrap();
    let m = msgs.iter().find(|m| m.frame == response.frame).unwrap();
    let msg = Message::decode(&m.data).unwrap();
    let rec = dnswire::find_tsig(&msg).unwrap();
    let data = verify::collect::<()>(|s| {
        dnswire::tsig_signed_data(&msg, None, s);
        Ok(())
    })
    .unwrap();
    assert!(verify::tsig_mac_matches(&keys[0], &data, rec.tsig.mac).is_err());
}
