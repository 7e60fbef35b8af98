#![no_main]
// Raw octets, turned into a `Plan` by the harness exactly as the corpus replay does.
libfuzzer_sys::fuzz_target!(|data: &[u8]| dnswire_harness::fuzzing::build_bytes(data));
