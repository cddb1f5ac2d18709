//! A small deterministic mutation fuzzer (stable Rust has no libFuzzer driver): it starts from
//! Microsoft's published payloads and feeds byte- and token-level mutations to every parser.

use std::path::Path;

/// xorshift64*: fast, seedable, good enough to explore inputs.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// JSON fragments that exercise type confusion, odd dates, enum values and deep nesting.
const TOKENS: &[&str] = &[
    "null",
    "true",
    "false",
    "0",
    "-1",
    "1e309",
    "\"\"",
    "{}",
    "[]",
    "\"0001-01-01T00:00:00Z\"",
    "\"9999-12-31T23:59:59.9999999Z\"",
    "\"not a date\"",
    "\"unknownFutureValue\"",
    "\"H\"",
    "\"l\"",
    "{\"value\":{}}",
    "\"@odata.type\"",
    "\"#microsoft.graph.qrCode\"",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]",
    "\"SGVsbG9Xb3JsZCE=\"",
    "\"====\"",
    "40",
    "41",
    "2147483648",
];

pub fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(6) {
            0 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] ^= 1 << rng.below(8);
            }
            1 => out.truncate(at),
            2 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                out.splice(at..at, token.iter().copied());
            }
            3 if !out.is_empty() => {
                let end = (at + rng.below(16)).min(out.len());
                out.drain(at.min(end)..end);
            }
            4 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                let end = (at + rng.below(12)).min(out.len());
                out.splice(at.min(end)..end, token.iter().copied());
            }
            _ => out.insert(at, rng.next() as u8),
        }
    }
    out
}

/// Every JSON file of Microsoft's examples, plus a few shapes they lack.
pub fn corpus() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/graph");
    let mut seeds: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
                .filter_map(|e| std::fs::read(e.path()).ok())
                .collect()
        })
        .unwrap_or_default();
    seeds.push(br#"{"value":{"id":"x","pin":{"isForcePinChangeRequired":true}}}"#.to_vec());
    seeds.push(br#"{"responses":[{"id":"1","status":201,"body":{"image":{"rawContent":"bXMtcXJwaW46djE=","version":3,"errorCorrectionLevel":"M"}}}]}"#.to_vec());
    seeds
}
