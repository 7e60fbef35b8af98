//! DNSSEC proof over the recorded servers: every RRSIG in the captured
//! responses and zone transfers of the signed zones verifies with the codec's
//! signed data (RFC 4034 §3.1.8.1) and the RustCrypto crates, computed key tags
//! match the RRSIG key tags, and computed DS digests match the published DS
//! sets; a flipped bit or a wrong canonical form fails.

use std::path::{Path, PathBuf};

use dnswire::dnssec;
use dnswire::rdata::{Dnskey, Rrsig};
use dnswire::{Message, NameBuf, RData, Record, Rtype, Section};
use dnswire_harness::capture::{self, CapturedMessage};
use dnswire_harness::verify::{self, KeyStore, OwnedKey, RrsigReport};
use sha2::Digest as _;

fn servers() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../conformance-vectors/servers")
}

const CAPTURES: [&str; 4] = ["bind.pcap", "knot.pcapng", "nsd.pcap", "unbound.pcapng"];

/// The signed zones: (zone, algorithm, signer).
const SIGNED: [(&str, u8, &str); 5] = [
    ("nsec.test.", 13, "BIND dnssec-signzone"),
    ("nsec3.test.", 8, "BIND dnssec-signzone"),
    ("ed25519.test.", 15, "BIND dnssec-signzone"),
    ("expired.test.", 13, "BIND dnssec-signzone"),
    ("knot-signed.test.", 15, "Knot"),
];

fn read_messages(name: &str) -> Vec<CapturedMessage> {
    let bytes = std::fs::read(servers().join("captures").join(name)).unwrap();
    capture::read_capture(&bytes, &capture::DEFAULT_PORTS).unwrap().messages
}

fn key_files() -> Vec<OwnedKey> {
    let mut keys = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(servers().join("keys")).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.extension().is_some_and(|e| e == "key") {
            keys.extend(verify::parse_dnskeys(&std::fs::read_to_string(&path).unwrap()));
        }
    }
    keys
}

/// The keys: the committed key files and every DNSKEY in the captures.
fn key_store(all: &[Vec<Option<Message<'_>>>]) -> KeyStore {
    let mut store = KeyStore::default();
    for k in key_files() {
        store.add(k);
    }
    for decoded in all {
        store.add_from_messages(decoded.iter().flatten());
    }
    store
}

#[test]
fn every_rrsig_of_the_signed_zones_verifies() {
    let captures: Vec<_> = CAPTURES.iter().map(|c| read_messages(c)).collect();
    let decoded: Vec<Vec<Option<Message<'_>>>> = captures.iter().map(|msgs| msgs.iter().map(|m| Message::decode(&m.data).ok()).collect()).collect();
    let store = key_store(&decoded);
    let mut total = RrsigReport::default();
    for ((name, msgs), dec) in CAPTURES.iter().zip(&captures).zip(&decoded) {
        let report = verify::verify_rrsigs(msgs, dec, &store);
        let mut per: Vec<_> = report.verified.iter().collect();
        per.sort();
        println!(
            "{name}: verified {} RRSIGs {per:?}; no key {}, in TC messages {}, failed {}",
            report.total_verified(),
            report.no_key,
            report.truncated,
            report.failures.len()
        );
        for f in report.failures.iter().take(20) {
            println!("  FAIL frame {} {} {} signer {} tag {}: {}", f.frame, f.owner, f.type_covered, f.signer, f.key_tag, f.error);
        }
        for (k, v) in report.verified {
            *total.verified.entry(k).or_default() += v;
        }
        total.no_key += report.no_key;
        total.truncated += report.truncated;
        total.failures.extend(report.failures);
    }
    let mut per: Vec<_> = total.verified.iter().collect();
    per.sort();
    println!("all: {} verified {per:?}", total.total_verified());
    assert!(total.failures.is_empty(), "{} RRSIGs failed: {:?}", total.failures.len(), total.failures.first());
    for (zone, alg, signer) in SIGNED {
        let n = total.verified.get(&(zone.to_owned(), alg)).copied().unwrap_or(0);
        assert!(n >= 10, "{zone} ({}, {signer}): only {n} RRSIGs verified", verify::algorithm_name(alg));
    }
    for alg in [8, 13, 15] {
        assert!(total.verified_by_algorithm(alg) >= 50, "algorithm {alg}: {}", total.verified_by_algorithm(alg));
    }
}

/// The first verified RRSIG over an RRset of at least `min` records in the
/// BIND capture with `algorithm`, with its owner and the message.
fn find_signed_rrset<'m>(
    decoded: &'m [Option<Message<'m>>],
    store: &KeyStore,
    algorithm: u8,
    min: usize,
) -> (Record<'m>, Rrsig<'m>, Vec<Record<'m>>, OwnedKey) {
    for msg in decoded.iter().flatten() {
        let records: Vec<Record<'m>> = msg.answers().collect();
        for r in &records {
            let RData::Rrsig(sig) = r.data else { continue };
            if sig.algorithm != algorithm {
                continue;
            }
            let members: Vec<Record<'m>> = records.iter().filter(|x| x.rtype() == sig.type_covered && x.name == r.name).copied().collect();
            if members.len() < min {
                continue;
            }
            let Some(key) = store.find(&sig.signer, sig.key_tag, sig.algorithm).next() else { continue };
            if verify::verify_rrsig(&sig, &r.name, r.class, &members, &key.dnskey()).is_ok() {
                return (*r, sig, members, key.clone());
            }
        }
    }
    panic!("no verified RRSIG of algorithm {algorithm} over {min}+ records");
}

#[test]
fn a_flipped_bit_or_a_wrong_canonical_form_fails() {
    let msgs = read_messages("bind.pcap");
    let decoded: Vec<Option<Message<'_>>> = msgs.iter().map(|m| Message::decode(&m.data).ok()).collect();
    let store = key_store(std::slice::from_ref(&decoded));
    for alg in [8u8, 13, 15] {
        let (rrsig_rec, sig, members, key) = find_signed_rrset(&decoded, &store, alg, 2);
        let owner = rrsig_rec.name;
        let (data, n) = verify::rrsig_signed_data(&sig, &owner, rrsig_rec.class, &members).unwrap();
        assert_eq!(n, members.len());
        verify::verify_signature(alg, &key.public_key, &data, sig.signature).unwrap();

        // A flipped bit in the signed data, in the signature, in the key.
        for at in [0, data.len() / 2, data.len() - 1] {
            let mut bad = data.clone();
            bad[at] ^= 1;
            assert!(verify::verify_signature(alg, &key.public_key, &bad, sig.signature).is_err(), "alg {alg}: flipped data bit {at}");
        }
        let mut bad_sig = sig.signature.to_vec();
        let mid = bad_sig.len() / 2;
        bad_sig[mid] ^= 0x80;
        assert!(verify::verify_signature(alg, &key.public_key, &data, &bad_sig).is_err(), "alg {alg}: flipped signature bit");
        let mut bad_key = key.public_key.clone();
        let last = bad_key.len() - 1;
        bad_key[last] ^= 1;
        assert!(verify::verify_signature(alg, &bad_key, &data, sig.signature).is_err(), "alg {alg}: flipped key bit");

        // Uppercase owner names in the records: not the canonical form.
        let mut owner_wire = Vec::new();
        dnssec::write_canonical_name(&owner, &mut |d: &[u8]| owner_wire.extend_from_slice(d));
        let upper: Vec<u8> = owner_wire.iter().map(u8::to_ascii_uppercase).collect();
        assert_ne!(owner_wire, upper);
        let prefix_len = {
            let mut p = Vec::new();
            dnssec::write_rrsig_prefix(&sig, &mut |d: &[u8]| p.extend_from_slice(d));
            p.len()
        };
        let mut bad = data[..prefix_len].to_vec();
        let mut rest = &data[prefix_len..];
        while let Some(at) = rest.windows(owner_wire.len()).position(|w| w == owner_wire.as_slice()) {
            bad.extend_from_slice(&rest[..at]);
            bad.extend_from_slice(&upper);
            rest = &rest[at + owner_wire.len()..];
        }
        bad.extend_from_slice(rest);
        assert_eq!(bad.len(), data.len());
        assert!(verify::verify_signature(alg, &key.public_key, &bad, sig.signature).is_err(), "alg {alg}: uppercase owner");

        // The records out of canonical order.
        let mut reordered = sig_prefix(&sig);
        let mut sorted = members.clone();
        dnssec::sort_rrset(&mut sorted);
        for r in sorted.iter().rev() {
            dnssec::write_canonical_record(r, sig.original_ttl, &mut |d: &[u8]| reordered.extend_from_slice(d)).unwrap();
        }
        assert_ne!(reordered, data);
        assert!(verify::verify_signature(alg, &key.public_key, &reordered, sig.signature).is_err(), "alg {alg}: reversed order");
        // In order, the same records written one by one give the signed data.
        let mut in_order = sig_prefix(&sig);
        for r in &sorted {
            dnssec::write_canonical_record(r, sig.original_ttl, &mut |d: &[u8]| in_order.extend_from_slice(d)).unwrap();
        }
        assert_eq!(in_order, data);

        // Another TTL than the original TTL.
        let mut wrong_ttl = sig_prefix(&sig);
        for r in &sorted {
            dnssec::write_canonical_record(r, sig.original_ttl.wrapping_add(1), &mut |d: &[u8]| wrong_ttl.extend_from_slice(d)).unwrap();
        }
        assert!(verify::verify_signature(alg, &key.public_key, &wrong_ttl, sig.signature).is_err(), "alg {alg}: wrong TTL");
        println!("algorithm {alg}: {} {} RRset of {} records: tampering detected", owner, sig.type_covered, members.len());
    }
}

fn sig_prefix(sig: &Rrsig<'_>) -> Vec<u8> {
    let mut p = Vec::new();
    dnssec::write_rrsig_prefix(sig, &mut |d: &[u8]| p.extend_from_slice(d));
    p
}

#[test]
fn key_tags_match_the_key_files_and_the_rrsigs() {
    let keys = key_files();
    assert_eq!(keys.len(), 10);
    let mut entries: Vec<_> = std::fs::read_dir(servers().join("keys")).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    let mut checked = 0;
    for path in entries.iter().filter(|p| p.extension().is_some_and(|e| e == "key")) {
        // K<zone>.+<alg>+<tag>.key
        let stem = path.file_stem().unwrap().to_str().unwrap();
        let (_, tail) = stem.rsplit_once(".+").unwrap();
        let (alg, tag) = tail.split_once('+').unwrap();
        let key = &verify::parse_dnskeys(&std::fs::read_to_string(path).unwrap())[0];
        assert_eq!(key.algorithm, alg.parse::<u8>().unwrap(), "{stem}");
        assert_eq!(key.key_tag(), tag.parse::<u16>().unwrap(), "{stem}");
        checked += 1;
    }
    assert_eq!(checked, 10);

    // Every DNSKEY in the captures is a committed key, and every RRSIG key tag
    // of a signed zone is the computed tag of one of them.
    let mut tags_seen = std::collections::BTreeSet::new();
    for name in CAPTURES {
        let msgs = read_messages(name);
        for msg in msgs.iter().filter_map(|m| Message::decode(&m.data).ok()) {
            for section in [Section::Answer, Section::Authority, Section::Additional] {
                for r in msg.records(section) {
                    match r.data {
                        RData::Dnskey(k) if SIGNED.iter().any(|(z, ..)| r.name.to_string() == *z) => {
                            let owned = OwnedKey::from_dnskey(&r.name, &k);
                            assert!(keys.contains(&owned), "{name}: DNSKEY {} tag {} is not a committed key", r.name, dnssec::key_tag(&k));
                        }
                        RData::Rrsig(sig) if SIGNED.iter().any(|(z, ..)| sig.signer.to_string() == *z) => {
                            assert!(
                                keys.iter().any(|k| k.owner.as_name() == sig.signer && k.key_tag() == sig.key_tag && k.algorithm == sig.algorithm),
                                "{name}: RRSIG key tag {} of {} matches no key",
                                sig.key_tag,
                                sig.signer
                            );
                            tags_seen.insert((sig.signer.to_string(), sig.key_tag));
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    println!("RRSIG key tags seen: {tags_seen:?}");
    // Both the KSK (DNSKEY RRset) and the ZSK of every signed zone sign something.
    assert_eq!(tags_seen.len(), 10, "{tags_seen:?}");
}

#[test]
fn ds_digests_match_the_dssets_and_the_captured_ds_records() {
    let keys = key_files();
    let mut matched = 0;
    let mut entries: Vec<_> = std::fs::read_dir(servers().join("keys")).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries.iter().filter(|p| p.file_name().unwrap().to_str().unwrap().starts_with("dsset-")) {
        let dss = verify::parse_ds(&std::fs::read_to_string(path).unwrap());
        assert!(!dss.is_empty(), "{path:?}");
        for ds in &dss {
            let key = keys
                .iter()
                .find(|k| verify::ds_matches(&ds.owner.as_name(), &k.dnskey(), &ds.ds()))
                .unwrap_or_else(|| panic!("{path:?}: DS {} {} matches no key", ds.owner, ds.key_tag));
            assert_eq!(key.flags & 1, 1, "a DS points at a KSK");
            // A changed digest no longer matches.
            let mut bad = ds.clone();
            bad.digest[0] ^= 1;
            assert!(!verify::ds_matches(&ds.owner.as_name(), &key.dnskey(), &bad.ds()));
            matched += 1;
        }
    }
    assert_eq!(matched, 5);

    // The DS records in the captures (queried at the apex, and secure
    // delegations inside the signed zones): those whose key is known match it.
    let (mut known, mut unknown) = (0, 0);
    let mut digest_types = std::collections::BTreeSet::new();
    for name in CAPTURES {
        let msgs = read_messages(name);
        for msg in msgs.iter().filter_map(|m| Message::decode(&m.data).ok()) {
            for section in [Section::Answer, Section::Authority, Section::Additional] {
                for r in msg.records(section).filter(|r| r.rtype() == Rtype::DS) {
                    let RData::Ds(ds) = r.data else { continue };
                    let owned: Vec<_> = keys.iter().filter(|k| k.owner.as_name() == r.name && k.key_tag() == ds.key_tag).collect();
                    if owned.is_empty() {
                        unknown += 1;
                        continue;
                    }
                    assert!(owned.iter().any(|k| verify::ds_matches(&r.name, &k.dnskey(), &ds)), "{name}: DS {} does not match", r.data);
                    digest_types.insert(ds.digest_type);
                    known += 1;
                }
            }
        }
    }
    // The delegations' DS records carry made-up digests for children that
    // are not served (their RRSIGs are verified with the rest).
    println!("captured DS records matching a committed key: {known} (digest types {digest_types:?}); for other keys: {unknown}");
    assert!(unknown > 0);

    // Unbound's trust anchors, written from the DS sets, match too.
    let anchors = std::fs::read_to_string(servers().join("unbound/trust-anchors.conf")).unwrap();
    let mut anchored = 0;
    for line in anchors.lines().filter_map(|l| l.strip_prefix("trust-anchor: \"")) {
        let ds = &verify::parse_ds(line.trim_end_matches('"'))[0];
        assert!(keys.iter().any(|k| verify::ds_matches(&ds.owner.as_name(), &k.dnskey(), &ds.ds())), "trust anchor {line}");
        anchored += 1;
    }
    assert_eq!(anchored, 5);

    // RFC 4034 §5.4 (SHA-1) and RFC 4509 §2.3 (SHA-256): dskey.example.com.
    let key = base64_decode(
        "AQOeiiR0GOMYkDshWoSKz9XzfwJr1AYtsmx3TGkJaNXVbfi/2pHm822aJ5iI9BMzNXxeYCmZDRD99WYwYqUSdjMmmAphXdvxegXd/M5+X7OrzKBaMbCVdFLUUh6DhweJBjEVv5f2wwjM9XzcnOf+EPbtG9DMBmADjFDc2w/rljwvFw==",
    );
    let dnskey = Dnskey { flags: 256, protocol: 3, algorithm: 5, public_key: &key };
    let owner = NameBuf::from_text("dskey.example.com.").unwrap();
    assert_eq!(dnssec::key_tag(&dnskey), 60485);
    let hex = |d: Vec<u8>| d.iter().map(|b| format!("{b:02X}")).collect::<String>();
    assert_eq!(hex(verify::ds_digest(&owner.as_name(), &dnskey, 1).unwrap()), "2BB183AF5F22588179A53B0A98631FAD1A292118");
    assert_eq!(hex(verify::ds_digest(&owner.as_name(), &dnskey, 2).unwrap()), "D4B7D520E7BB5F0F67674A0CCEB1E3E0614B93C4F9E99B8383F6A1E4469DA50A");
    // SHA-384 is the hash of the same data.
    let mut data = Vec::new();
    dnssec::ds_digest_data(&owner.as_name(), &dnskey, &mut |d: &[u8]| data.extend_from_slice(d));
    assert_eq!(verify::ds_digest(&owner.as_name(), &dnskey, 4).unwrap(), sha2::Sha384::digest(&data).to_vec());
}

fn base64_decode(text: &str) -> Vec<u8> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.decode(text).unwrap()
}
