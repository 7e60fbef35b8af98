#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| dnswire_harness::fuzzing::zone(data));
