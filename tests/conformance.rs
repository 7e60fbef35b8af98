//! The conformance suite over the bundled vectors, under `cargo test`: every
//! message decodes as the reference decoder (dnspython) says, re-encodes with
//! and without compression, and decodes again to the same message.

use dnswire_harness::conformance::{self, Options};

#[test]
fn bundled_vectors_match_the_reference() {
    let report = conformance::run(&Options::default());
    let text = report.render();
    println!("{text}");
    assert_eq!(report.failed(), 0, "{text}");
    // Four server implementations and the RFC and type vectors.
    for source in ["servers/captures/bind", "servers/captures/knot", "servers/captures/nsd", "servers/captures/unbound", "rfc/", "types/"] {
        let n: usize = report.sources.iter().filter(|(k, _)| k.starts_with(source)).map(|(_, t)| t.passed).sum();
        assert!(n > 0, "no messages from {source}");
    }
    assert!(report.passed() >= 300, "only {} messages", report.passed());
}
