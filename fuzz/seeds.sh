#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seed inputs: every message of every
# conformance-vectors/**/*.hex file (one message per line in hex, `#` comments),
# one file per message, named by its SHA-1. The builder target takes the same
# octets as raw `arbitrary` input; message_text gets dig's output from
# conformance-vectors/dig/dig.txt. Idempotent; run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 - <<'PY'
import glob, hashlib, os
targets = ["decode", "roundtrip", "compress", "builder"]
messages = {}
for path in sorted(glob.glob("conformance-vectors/**/*.hex", recursive=True)):
    with open(path) as f:
        for line in f:
            text = "".join(line.split("#", 1)[0].split())
            if not text:
                continue
            try:
                data = bytes.fromhex(text)
            except ValueError:
                continue
            messages[hashlib.sha1(data).hexdigest()] = data
for t in targets:
    os.makedirs(f"fuzz/corpus/{t}", exist_ok=True)
    for name, data in messages.items():
        with open(f"fuzz/corpus/{t}/{name}", "wb") as out:
            out.write(data)
print(f"{len(messages)} seed messages into fuzz/corpus/{{{','.join(targets)}}}")
# message_text: dig's own output for every third response of conformance-vectors/dig/dig.txt.
chunks = open("conformance-vectors/dig/dig.txt").read().split(";; ==== ")[1:]
os.makedirs("fuzz/corpus/message_text", exist_ok=True)
seeds = [c.split("\n", 2)[2].encode() for i, c in enumerate(chunks) if i % 3 == 0]
seeds = [s for s in seeds if len(s) <= 4000]
for data in seeds:
    with open(f"fuzz/corpus/message_text/{hashlib.sha1(data).hexdigest()}", "wb") as out:
        out.write(data)
print(f"{len(seeds)} dig outputs into fuzz/corpus/message_text")
PY
