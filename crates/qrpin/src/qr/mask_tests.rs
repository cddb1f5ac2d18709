//! `mask.rs` draws exactly the symbol the `qrcode` crate draws: the same mask, the same modules, for every version,
//! level and segment mode; each masked canvas and its penalty score are the crate's, mask by mask.

use qrcode::bits::{encode_auto, Bits};
use qrcode::canvas::Canvas;
use qrcode::types::{Color, QrResult};
use qrcode::{ec, EcLevel, QrCode, Version};

use super::mask::{penalty, symbol_from_bits, Unmasked, MASKS};
use crate::model::ErrorCorrectionLevel;

const LEVELS: [EcLevel; 4] = [EcLevel::L, EcLevel::M, EcLevel::Q, EcLevel::H];
const ALPHANUMERIC: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

/// xorshift32: the same payloads on every run.
struct Random(u32);

impl Random {
    fn next(&mut self) -> u32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 17;
        self.0 ^= self.0 << 5;
        self.0
    }

    fn below(&mut self, bound: usize) -> usize {
        self.next() as usize % bound.max(1)
    }
}

#[derive(Clone, Copy, Debug)]
enum Mode {
    Numeric,
    Alphanumeric,
    Byte,
}

impl Mode {
    const ALL: [Mode; 3] = [Mode::Numeric, Mode::Alphanumeric, Mode::Byte];

    fn payload(self, random: &mut Random, len: usize) -> Vec<u8> {
        (0..len)
            .map(|_| match self {
                Mode::Numeric => b'0' + random.below(10) as u8,
                Mode::Alphanumeric => ALPHANUMERIC[random.below(ALPHANUMERIC.len())],
                Mode::Byte => random.next() as u8,
            })
            .collect()
    }

    /// One segment of this mode at exactly `version`, with its terminator and padding.
    fn bits(self, data: &[u8], version: i16, level: EcLevel) -> QrResult<Bits> {
        let mut bits = Bits::new(Version::Normal(version));
        match self {
            Mode::Numeric => bits.push_numeric_data(data)?,
            Mode::Alphanumeric => bits.push_alphanumeric_data(data)?,
            Mode::Byte => bits.push_byte_data(data)?,
        }
        bits.push_terminator(level)?;
        Ok(bits)
    }

    /// An upper bound on the characters that fit in `data_bits` (headers not counted).
    fn most_characters(self, data_bits: usize) -> usize {
        match self {
            Mode::Numeric => data_bits * 3 / 10,
            Mode::Alphanumeric => data_bits * 2 / 11,
            Mode::Byte => data_bits / 8,
        }
    }
}

fn assert_same_modules(ours: &[Color], theirs: &[Color], what: &str) {
    assert_eq!(ours.len(), theirs.len(), "{what}: module count");
    if let Some(index) = ours.iter().zip(theirs).position(|(a, b)| a != b) {
        let width = (ours.len() as f64).sqrt() as usize;
        let differing = ours.iter().zip(theirs).filter(|(a, b)| a != b).count();
        panic!(
            "{what}: {differing} modules differ from the qrcode crate's, the first at x {} y {}",
            index % width,
            index / width
        );
    }
}

/// A symbol of `mode` at `version`, `level`, with a payload of a random length that fits (full in one case of 8).
fn random_segment(
    random: &mut Random,
    mode: Mode,
    version: i16,
    level: EcLevel,
) -> (Vec<u8>, Bits) {
    let data_bits = Bits::new(Version::Normal(version))
        .max_len(level)
        .expect("a valid version");
    let bound = mode.most_characters(data_bits);
    let mut len = if random.below(8) == 0 {
        bound
    } else {
        1 + random.below(bound)
    };
    loop {
        let data = mode.payload(random, len);
        if let Ok(bits) = mode.bits(&data, version, level) {
            return (data, bits);
        }
        len = len * 15 / 16;
    }
}

#[test]
fn symbols_are_the_crates_at_every_version_in_every_mode() {
    let mut random = Random(0x2545_f491);
    for version in 1..=40_i16 {
        // Every version once, levels and modes taking turns; all four levels at the edges and at the first version
        // with version information.
        let levels = if [1, 7, 40].contains(&version) {
            &LEVELS[..]
        } else {
            &LEVELS[version as usize % 4..][..1]
        };
        for (turn, &level) in levels.iter().enumerate() {
            let mode = Mode::ALL[(version as usize + turn) % 3];
            let (data, bits) = random_segment(&mut random, mode, version, level);
            let what = format!("{mode:?} segment of {} at v{version} {level:?}", data.len());
            let ours = symbol_from_bits(bits, level).expect("our symbol");
            let theirs = QrCode::with_bits(mode.bits(&data, version, level).expect("fits"), level)
                .expect("the crate's symbol");
            assert_same_modules(&ours, &theirs.to_colors(), &what);
        }
    }
}

#[test]
fn symbols_are_the_crates_own_choice_of_segments_and_version() {
    let mut random = Random(0x9e37_79b9);
    let mut payloads: Vec<Vec<u8>> = vec![
        b"1".to_vec(),
        b"HELLO WORLD".to_vec(),
        b"https://aka.ms/qrpin?tenant=contoso".to_vec(),
        b"ms-qrpin:v1|adele.vance@contoso.com|3b8c5f0e-4a7d-4e21-9c6b-2f1d8a7e5c40|".to_vec(),
    ];
    // Digits then letters then bytes, so the crate's optimiser mixes segment modes.
    for len in [40, 150, 400] {
        let mut mixed = Mode::Numeric.payload(&mut random, len);
        mixed.extend(Mode::Alphanumeric.payload(&mut random, len / 2));
        mixed.extend(Mode::Byte.payload(&mut random, len / 4));
        payloads.push(mixed);
    }
    for (index, payload) in payloads.iter().enumerate() {
        let level = LEVELS[index % 4];
        let what = format!("{} bytes at {level:?}", payload.len());
        let theirs =
            QrCode::with_error_correction_level(payload, level).expect("the crate's symbol");
        let ours = symbol_from_bits(encode_auto(payload, level).expect("fits"), level)
            .expect("our symbol");
        assert_same_modules(&ours, &theirs.to_colors(), &what);
    }
}

#[test]
fn graph_symbols_are_the_crates() {
    // What the portal draws: one byte segment at Graph's version and level, the benchmark's two symbols included.
    let mut random = Random(0x1234_5678);
    for (version, level, graph_level) in [
        (2, EcLevel::L, ErrorCorrectionLevel::L),
        (10, EcLevel::M, ErrorCorrectionLevel::M),
        (18, EcLevel::Q, ErrorCorrectionLevel::Q),
        (40, EcLevel::H, ErrorCorrectionLevel::H),
    ] {
        let capacity = super::byte_capacity(version, &graph_level).expect("capacity");
        let data = Mode::Alphanumeric.payload(&mut random, capacity);
        let ours = super::encode_byte_segment(&data, version, graph_level).expect("our symbol");
        let theirs =
            QrCode::with_bits(Mode::Byte.bits(&data, version, level).expect("fits"), level)
                .expect("the crate's symbol")
                .to_colors();
        let width = ours.size();
        let ours: Vec<Color> = (0..width * width)
            .map(|i| {
                if ours.is_dark(i % width, i / width) {
                    Color::Dark
                } else {
                    Color::Light
                }
            })
            .collect();
        assert_same_modules(
            &ours,
            &theirs,
            &format!("{capacity} bytes at v{version} {level:?}"),
        );
    }
}

#[test]
fn every_masked_canvas_and_its_score_are_the_crates() {
    let mut random = Random(0x0bad_cafe);
    for (version, level) in [
        (1, EcLevel::H),
        (2, EcLevel::L),
        (7, EcLevel::M),
        (14, EcLevel::Q),
        (40, EcLevel::L),
    ] {
        let (_, bits) = random_segment(&mut random, Mode::Byte, version, level);
        let (data, error_correction) =
            ec::construct_codewords(&bits.into_bytes(), Version::Normal(version), level)
                .expect("codewords");
        let mut canvas = Canvas::new(Version::Normal(version), level);
        canvas.draw_all_functional_patterns();
        canvas.draw_data(&data, &error_correction);
        let width = 17 + 4 * version as usize;
        let unmasked = Unmasked::read(&canvas, width, level);
        for (number, &pattern) in MASKS.iter().enumerate() {
            let mut theirs = canvas.clone();
            theirs.apply_mask(pattern);
            let theirs = theirs.into_colors();
            let rows = unmasked.masked(number);
            let ours: Vec<Color> = (0..width * width)
                .map(|i| {
                    if rows[i / width].get(i % width) {
                        Color::Dark
                    } else {
                        Color::Light
                    }
                })
                .collect();
            let what = format!("v{version} {level:?} mask {number}");
            assert_same_modules(&ours, &theirs, &what);
            assert_eq!(
                penalty(&rows),
                reference_penalty(&theirs, width),
                "{what}: penalty score"
            );
        }
    }
}

#[test]
fn equal_scores_go_to_the_lowest_mask_number_as_in_the_crate() {
    // Payloads whose best score is shared by two masks (found by scoring small symbols), at every level.
    for (payload, version, level, tied) in [
        ("cpc", 1, EcLevel::L, [0, 7]),
        ("drpcq", 1, EcLevel::L, [4, 7]),
        ("nqdy", 1, EcLevel::M, [2, 6]),
        ("eguw", 1, EcLevel::Q, [2, 3]),
        ("fjlw", 1, EcLevel::H, [2, 5]),
        ("ebol", 2, EcLevel::L, [1, 5]),
    ] {
        let what = format!("{payload:?} at v{version} {level:?}");
        let bits = || {
            Mode::Byte
                .bits(payload.as_bytes(), version, level)
                .expect("fits")
        };
        let (data, error_correction) =
            ec::construct_codewords(&bits().into_bytes(), Version::Normal(version), level)
                .expect("codewords");
        let mut canvas = Canvas::new(Version::Normal(version), level);
        canvas.draw_all_functional_patterns();
        canvas.draw_data(&data, &error_correction);
        let unmasked = Unmasked::read(&canvas, 17 + 4 * version as usize, level);
        let scores: Vec<u16> = (0..8).map(|mask| penalty(&unmasked.masked(mask))).collect();
        let best = scores.iter().min().copied();
        let lowest: Vec<usize> = (0..8).filter(|&mask| Some(scores[mask]) == best).collect();
        assert_eq!(
            lowest, tied,
            "{what}: the masks sharing the best score {scores:?}"
        );
        assert_eq!(unmasked.best_mask(), tied[0], "{what}: chosen mask");
        let ours = symbol_from_bits(bits(), level).expect("our symbol");
        let theirs = QrCode::with_bits(bits(), level)
            .expect("the crate's symbol")
            .to_colors();
        assert_same_modules(&ours, &theirs, &what);
    }
}

/// The crate's `Canvas::compute_total_penalty_scores` (private), module by module, for checking `mask::penalty`.
fn reference_penalty(colors: &[Color], width: usize) -> u16 {
    let dark = |x: usize, y: usize| colors[y * width + x] == Color::Dark;
    let mut total: i64 = 0;
    for horizontal in [true, false] {
        let at = |line: usize, along: usize| {
            if horizontal {
                dark(along, line)
            } else {
                dark(line, along)
            }
        };
        for line in 0..width {
            // Rule 1: a run of n >= 5 modules of one colour scores n - 2.
            let mut run = 1;
            for along in 1..=width {
                if along < width && at(line, along) == at(line, along - 1) {
                    run += 1;
                } else {
                    if run >= 5 {
                        total += run - 2;
                    }
                    run = 1;
                }
            }
            // Rule 3: `#.###.#` with four light modules (or the symbol's edge) before or after it scores 40.
            const PATTERN: [bool; 7] = [true, false, true, true, true, false, true];
            for start in 0..width - 6 {
                if (0..7).any(|k| at(line, start + k) != PATTERN[k]) {
                    continue;
                }
                let light = |k: i64| k < 0 || k >= width as i64 || !at(line, k as usize);
                let start = start as i64;
                if (start - 4..start).all(light) || (start + 7..start + 11).all(light) {
                    total += 40;
                }
            }
        }
        total -= 360;
    }
    // Rule 2: every 2x2 block of one colour scores 3.
    for y in 0..width - 1 {
        for x in 0..width - 1 {
            let here = dark(x, y);
            if dark(x + 1, y) == here && dark(x, y + 1) == here && dark(x + 1, y + 1) == here {
                total += 3;
            }
        }
    }
    // Rule 4: the distance of dark * 200 / modules from 100.
    let dark_modules = colors.iter().filter(|&&color| color == Color::Dark).count();
    total += (dark_modules * 200 / colors.len()).abs_diff(100) as i64;
    total as u16
}
