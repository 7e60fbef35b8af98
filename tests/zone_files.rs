//! `dnswire-harness zone` on the master files the conformance servers load:
//! every record comes out as dnspython reads it from the same file
//! (`conformance-vectors/servers/zones/expected/`, made by
//! `make_zone_expected.py`), and errors name the file and line.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use dnswire::{NameBuf, Record};
use dnswire_harness::zone::read_zone;

fn owner_hex(record: &Record<'_>) -> String {
    let mut out = String::new();
    for label in record.name.labels() {
        out.push_str(&format!("{:02x}", label.len()));
        for b in label {
            out.push_str(&format!("{:02x}", b.to_ascii_lowercase()));
        }
    }
    out + "00"
}

#[test]
fn server_zone_files_read_as_dnspython_reads_them() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../conformance-vectors/servers/zones");
    let mut files = 0;
    for entry in std::fs::read_dir(dir.join("expected")).unwrap() {
        let expected_path = entry.unwrap().path();
        let file_name = expected_path.file_name().unwrap().to_str().unwrap().strip_suffix(".records").unwrap().to_string();
        let expected = std::fs::read_to_string(&expected_path).unwrap();
        let refused: BTreeSet<usize> = expected.lines().filter_map(|l| l.strip_prefix("! ")).map(|n| n.parse().unwrap()).collect();
        let expected: BTreeSet<&str> = expected.lines().filter(|l| !l.starts_with('!')).collect();

        let origin = NameBuf::from_text(&format!("{}.", file_name.split(".zone").next().unwrap())).unwrap();
        // (owner, class, type, type covered) -> the RRset's TTL.
        let mut ttls: BTreeMap<(String, u16, u16, u16), u32> = BTreeMap::new();
        let mut records = BTreeSet::new();
        let mut buf = vec![0u8; 65535];
        let errors = read_zone(&dir.join(&file_name), Some(origin), |record, at| {
            if refused.contains(&at.line) {
                return;
            }
            let n = record.data.to_wire(&mut buf).unwrap();
            // dnspython gives an RRset the lowest TTL of its records; RRSIGs
            // make one RRset per type covered.
            let covers = if record.rtype() == dnswire::Rtype::RRSIG { u16::from_be_bytes([buf[0], buf[1]]) } else { 0 };
            let key = (owner_hex(record), record.class.0, record.rtype().0, covers);
            let ttl = ttls.entry(key.clone()).or_insert(record.ttl);
            *ttl = (*ttl).min(record.ttl);
            records.insert((key, buf[..n].iter().map(|b| format!("{b:02x}")).collect::<String>()));
        });
        for e in &errors {
            assert!(refused.contains(&e.line), "{e} (dnspython reads this record)");
            assert!(e.file.ends_with(&file_name));
        }
        let ours: BTreeSet<String> =
            records.iter().map(|(key, rdata)| format!("{} {} {} {} {rdata}", key.0, key.1, key.2, ttls[key])).collect();
        let ours: BTreeSet<&str> = ours.iter().map(String::as_str).collect();
        let missing: Vec<_> = expected.difference(&ours).collect();
        let extra: Vec<_> = ours.difference(&expected).collect();
        assert!(missing.is_empty() && extra.is_empty(), "{file_name}: dnspython only: {missing:#?}\ndnswire only: {extra:#?}");
        files += 1;
    }
    assert!(files >= 15, "only {files} zone files");
}

#[test]
fn directives_blank_owners_includes_and_errors_with_lines() {
    let dir = std::env::temp_dir().join(format!("dnswire-zone-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("inc.zone"), "; included\nhost A 192.0.2.7\n").unwrap();
    std::fs::write(
        dir.join("main.zone"),
        "$TTL 1h\n@ SOA ns hostmaster ( 1 2 3 4\n  5 ) ; multi-line\n  NS ns\nns 60 A 192.0.2.1\n   A 192.0.2.2\n$ORIGIN sub\nwww CNAME @\n$INCLUDE inc.zone other.test.\nafter A 192.0.2.3\nbad A 192.0.2.300\n$BOGUS x\n",
    )
    .unwrap();
    let mut lines = Vec::new();
    let origin = NameBuf::from_text("example.").unwrap();
    let errors = read_zone(&dir.join("main.zone"), Some(origin), |r, at| lines.push(format!("{}:{r}", at.line)));
    let squashed: Vec<String> = lines.iter().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
    assert_eq!(
        squashed,
        [
            "2:example. 3600 IN SOA ns.example. hostmaster.example. 1 2 3 4 5",
            "4:example. 3600 IN NS ns.example.",
            "5:ns.example. 60 IN A 192.0.2.1",
            "6:ns.example. 3600 IN A 192.0.2.2",
            "8:www.sub.example. 3600 IN CNAME sub.example.",
            "2:host.other.test. 3600 IN A 192.0.2.7",
            "10:after.sub.example. 3600 IN A 192.0.2.3",
        ]
    );
    let errors: Vec<String> = errors.iter().map(|e| format!("{}:{}", e.file.file_name().unwrap().to_str().unwrap(), e.line)).collect();
    assert_eq!(errors, ["main.zone:11", "main.zone:12"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// RFC 1035 §5.1: a master file is octets. Octets outside ASCII (here
/// Latin-1, not UTF-8) stand for themselves in names and character-strings,
/// escaped or not; in comments they are ignored. Octets by hand.
#[test]
fn zone_files_are_octets_not_utf8() {
    let dir = std::env::temp_dir().join(format!("dnswire-zone-octets-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut zone = b"$ORIGIN example.\n; caf\xe9 in a comment\n".to_vec();
    zone.extend_from_slice(b"caf\xe9 60 TXT \"caf\xe9\" \\\xe9 \\\\\xe9\n");
    std::fs::write(dir.join("latin1.zone"), &zone).unwrap();
    let mut seen = Vec::new();
    let errors = read_zone(&dir.join("latin1.zone"), None, |record, _| {
        let mut buf = [0u8; 64];
        let n = record.data.to_wire(&mut buf).unwrap();
        seen.push((NameBuf::from_name(&record.name).as_wire().to_vec(), buf[..n].to_vec()));
    });
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(seen, [(b"\x04caf\xe9\x07example\x00".to_vec(), b"\x04caf\xe9\x01\xe9\x02\\\xe9".to_vec())]);
}

#[test]
fn octets_outside_ascii_become_escapes() {
    use dnswire_harness::zone::octets_as_text;
    assert_eq!(octets_as_text(b"a\xe9b"), "a\\233b");
    assert_eq!(octets_as_text(b"\\\xe9"), "\\233");
    assert_eq!(octets_as_text(b"\\\\\xe9"), "\\\\\\233");
    assert_eq!(octets_as_text("é".as_bytes()), "\\195\\169");
}

/// Errors name the file, line and column (counting from 1) of the token at
/// fault, as compilers write them, what was expected there, and the token.
#[test]
fn errors_give_file_line_and_column() {
    let dir = std::env::temp_dir().join(format!("dnswire-zone-columns-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("bad.zone"), "$ORIGIN example.\nwww  A 192.0.2.300\nmx MX ( 10\n   mail. 99 )\n").unwrap();
    // Columns count the file's octets, one for a Latin-1 octet.
    std::fs::write(dir.join("latin1.zone"), b"$ORIGIN example.\ncaf\xe9 A 192.0.2.300\n").unwrap();
    let latin1 = read_zone(&dir.join("latin1.zone"), None, |_, _| {});
    assert_eq!((latin1[0].line, latin1[0].column), (2, 8));
    let errors = read_zone(&dir.join("bad.zone"), None, |_, _| {});
    std::fs::remove_dir_all(&dir).unwrap();
    let shown: Vec<String> = errors.iter().map(|e| e.to_string().replace(&dir.display().to_string(), "D")).collect();
    assert_eq!(
        shown,
        [
            "D/bad.zone:2:8: malformed field, expected an IPv4 address at `192.0.2.300`: www  A 192.0.2.300",
            "D/bad.zone:4:10: extra field at `99`: mx MX ( 10\n   mail. 99 )",
        ]
    );
}
