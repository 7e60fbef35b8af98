//! Prints each peer's checksum per input and operation (equal output sizes
//! show the encoders did the same work).
use dnswire_bench::{Op, PEERS, inputs, job, vectors_dir};

fn main() {
    let (inputs, _) = inputs(&vectors_dir());
    for input in &inputs {
        for op in Op::ALL {
            let mut line = format!("{:32} {:22}", input.name, op.name());
            for p in PEERS {
                match job(p, op, input) {
                    Some(mut j) => line.push_str(&format!(" {p}={}", j())),
                    None => line.push_str(&format!(" {p}=n/a")),
                }
            }
            println!("{line}");
        }
    }
}
