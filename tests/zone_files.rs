//! `dnswire zone` on the master files the conformance servers load:
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
        let ours: BTreeSet<String> = records.iter().map(|(key, rdata)| format!("{} {} {} {} {rdata}", key.0, key.1, key.2, ttls[key])).collect();
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
        ["D/bad.zone:2:8: bad IPv4 address at `192.0.2.300`: www  A 192.0.2.300", "D/bad.zone:4:10: extra field at `99`: mx MX ( 10\n   mail. 99 )",]
    );
}

/// A fresh directory for one test's files.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("dnswire-zone-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Reads `main.zone` in `dir`; returns the owners read and the errors as
/// `file:line: message`.
fn read_main(dir: &Path, limits: Option<dnswire_harness::zone::Limits>) -> (Vec<String>, Vec<String>, dnswire_harness::zone::Work) {
    let mut owners = Vec::new();
    let origin = NameBuf::from_text("example.").unwrap();
    let limits = limits.unwrap_or(dnswire_harness::zone::Limits::DEFAULT);
    let (errors, work) =
        dnswire_harness::zone::read_zone_within(&dir.join("main.zone"), Some(origin), limits, |r, _| owners.push(r.name.to_string()));
    let errors = errors.iter().map(|e| format!("{}:{}: {}", e.file.file_name().unwrap().to_str().unwrap(), e.line, e.message)).collect();
    (owners, errors, work)
}

#[test]
fn an_include_cycle_is_an_error_at_the_include_line() {
    let dir = scratch("cycle");
    std::fs::write(dir.join("main.zone"), "a A 192.0.2.1\n$INCLUDE other.zone\nc A 192.0.2.3\n").unwrap();
    // The same file, spelled differently.
    std::fs::write(dir.join("other.zone"), "b A 192.0.2.2\n\n$INCLUDE ./main.zone\n").unwrap();
    let mut owners = Vec::new();
    let errors = read_zone(&dir.join("main.zone"), Some(NameBuf::from_text("example.").unwrap()), |r, _| owners.push(r.name.to_string()));
    assert_eq!(owners, ["a.example.", "b.example.", "c.example."]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].file.ends_with("other.zone") && errors[0].line == 3, "{}", errors[0]);
    assert!(errors[0].message.contains("cycle"), "{}", errors[0]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_file_including_itself_is_read_once() {
    let dir = scratch("self");
    std::fs::write(dir.join("main.zone"), "a A 192.0.2.1\n$INCLUDE main.zone\n$INCLUDE main.zone\n$INCLUDE main.zone\n").unwrap();
    let (owners, errors, work) = read_main(&dir, None);
    assert_eq!(owners, ["a.example."]);
    assert_eq!(errors.len(), 3, "{errors:?}");
    for (e, line) in errors.iter().zip(2..) {
        assert!(e.starts_with(&format!("main.zone:{line}: $INCLUDE ")) && e.contains("cycle"), "{e}");
    }
    assert_eq!(work.files, 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_missing_include_is_reported_at_its_line() {
    let dir = scratch("missing");
    std::fs::write(dir.join("main.zone"), "a A 192.0.2.1\n\n$INCLUDE absent.zone\nb A 192.0.2.2\n").unwrap();
    let (owners, errors, _) = read_main(&dir, None);
    assert_eq!(owners, ["a.example.", "b.example."]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("main.zone:3: $INCLUDE ") && errors[0].contains("absent.zone"), "{errors:?}");
}

#[test]
fn including_a_directory_is_an_error_at_the_include_line() {
    let dir = scratch("directory");
    std::fs::create_dir(dir.join("sub")).unwrap();
    std::fs::write(dir.join("main.zone"), "$INCLUDE sub\na A 192.0.2.1\n").unwrap();
    let (owners, errors, work) = read_main(&dir, None);
    assert_eq!(owners, ["a.example."]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("main.zone:1: $INCLUDE ") && errors[0].ends_with("not a regular file"), "{errors:?}");
    assert_eq!(work.files, 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
#[cfg(unix)]
fn including_dev_zero_or_dev_urandom_reads_nothing_from_them() {
    let dir = scratch("devices");
    std::fs::write(dir.join("main.zone"), "$INCLUDE /dev/zero\n$INCLUDE /dev/urandom\na A 192.0.2.1\n").unwrap();
    let (owners, errors, work) = read_main(&dir, None);
    assert_eq!(owners, ["a.example."]);
    assert_eq!(errors, ["main.zone:1: $INCLUDE /dev/zero: not a regular file", "main.zone:2: $INCLUDE /dev/urandom: not a regular file"]);
    assert_eq!((work.files, work.octets), (1, 19 + 22 + 14));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
#[cfg(unix)]
fn including_a_fifo_is_refused_without_opening_it() {
    let dir = scratch("fifo");
    let status = std::process::Command::new("mkfifo").arg(dir.join("pipe")).status().expect("mkfifo runs");
    assert!(status.success());
    std::fs::write(dir.join("main.zone"), "a A 192.0.2.1\n$INCLUDE pipe\n").unwrap();
    // Opening a FIFO with no writer would block: the test finishing is part
    // of what it checks.
    let (owners, errors, _) = read_main(&dir, None);
    assert_eq!(owners, ["a.example."]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("main.zone:2: $INCLUDE ") && errors[0].ends_with("pipe: not a regular file"), "{errors:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_file_over_the_size_limit_is_cut_and_refused() {
    use dnswire_harness::zone::Limits;
    let dir = scratch("size");
    std::fs::write(dir.join("big.zone"), "; padding\n".repeat(100)).unwrap();
    std::fs::write(dir.join("main.zone"), "a A 192.0.2.1\n$INCLUDE big.zone\nb A 192.0.2.2\n").unwrap();
    let limits = Limits { file_octets: 200, ..Limits::DEFAULT };
    let (owners, errors, work) = read_main(&dir, Some(limits));
    assert_eq!(owners, ["a.example.", "b.example."]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("main.zone:2: $INCLUDE ") && errors[0].contains("larger than 200 octets"), "{errors:?}");
    // main.zone's 46 octets, then 201 of big.zone's 1000.
    assert_eq!((work.files, work.octets), (2, 46 + 201));

    // The file named on the command line: reported at line 0.
    let limits = Limits { file_octets: 10, ..Limits::DEFAULT };
    let (owners, errors, _) = read_main(&dir, Some(limits));
    assert!(owners.is_empty());
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("main.zone:0: ") && errors[0].contains("larger than 10 octets"), "{errors:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_octets_of_all_files_together_are_bounded() {
    use dnswire_harness::zone::Limits;
    let dir = scratch("total");
    // 20 octets, included 10 times: 200 octets, over a total of 100.
    std::fs::write(dir.join("part.zone"), "x A 192.0.2.1\n; pad\n").unwrap();
    std::fs::write(dir.join("main.zone"), "$INCLUDE part.zone\n".repeat(10)).unwrap();
    let limits = Limits { total_octets: 100, ..Limits::DEFAULT };
    let (owners, errors, work) = read_main(&dir, Some(limits));
    // main.zone is 190 octets: already over, so nothing is included.
    assert!(owners.is_empty());
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("limit for all files together"), "{errors:?}");
    assert_eq!(work.files, 1);

    let limits = Limits { total_octets: 190 + 3 * 20, ..Limits::DEFAULT };
    let (owners, errors, work) = read_main(&dir, Some(limits));
    assert_eq!(owners.len(), 3);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("main.zone:4: $INCLUDE ") && errors[0].contains("limit for all files together"), "{errors:?}");
    assert_eq!(work.files, 5);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn records_and_includes_in_all_are_bounded() {
    use dnswire_harness::zone::Limits;
    let dir = scratch("counts");
    std::fs::write(dir.join("part.zone"), "x A 192.0.2.1\ny A 192.0.2.2\n").unwrap();
    std::fs::write(dir.join("main.zone"), "$INCLUDE part.zone\n".repeat(10)).unwrap();

    let limits = Limits { total_records: 5, ..Limits::DEFAULT };
    let (owners, errors, work) = read_main(&dir, Some(limits));
    assert_eq!(owners.len(), 5);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("part.zone:2: more than 5 records"), "{errors:?}");
    assert_eq!((work.files, work.records), (4, 5));

    let limits = Limits { includes: 3, ..Limits::DEFAULT };
    let (owners, errors, work) = read_main(&dir, Some(limits));
    assert_eq!(owners.len(), 6);
    assert_eq!(errors, ["main.zone:4: more than 3 $INCLUDE directives followed: reading stops"]);
    assert_eq!(work.files, 4);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Includes nest as deep as the codec's stack: a chain of ten files, each
/// including the next, stops one past `MAX_INCLUDE_DEPTH`, at the include
/// line of the deepest file read.
#[test]
fn includes_deeper_than_the_readers_stack_are_an_error() {
    use dnswire::text::zone::MAX_INCLUDE_DEPTH;
    let dir = scratch("deep");
    let depth = MAX_INCLUDE_DEPTH + 1;
    for i in 0..=depth {
        let name = if i == 0 { "main.zone".to_string() } else { format!("f{i}.zone") };
        std::fs::write(dir.join(name), format!("a{i} A 192.0.2.1\n$INCLUDE f{}.zone\n", i + 1)).unwrap();
    }
    let (owners, errors, _) = read_main(&dir, None);
    assert_eq!(owners.len(), depth);
    assert_eq!(errors.len(), 1, "{errors:?}");
    let expected = format!("f{}.zone:2: $INCLUDE nested deeper than {MAX_INCLUDE_DEPTH}", depth - 1);
    assert!(errors[0].starts_with(&expected), "{errors:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// BIND's `$GENERATE`, read by the command's reader: `$` is the value.
#[test]
fn generate_in_a_zone_file() {
    let dir = scratch("generate");
    std::fs::write(dir.join("main.zone"), "$GENERATE 1-3/2 host$ 60 A 192.0.2.$\n").unwrap();
    let (owners, errors, _) = read_main(&dir, None);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(owners, ["host1.example.", "host3.example."]);
    std::fs::remove_dir_all(&dir).unwrap();
}
