//! The symbols `qrpin::qr` draws scan back to exactly the payload, at exactly the version and level asked for.
//! Decoding uses `rqrr`, an independent decoder, on a rendered greyscale image (quiet zone included).

use qrpin::model::{ErrorCorrectionLevel, QrCodeImage};
use qrpin::qr::{
    byte_capacity, encode_byte_segment, matrix_from_image, smallest_version, QrError, QrMatrix,
    MAX_VERSION, QUIET_ZONE,
};

const PIXELS_PER_MODULE: usize = 4;

/// What a phone camera would see: black modules on white, 4-module quiet zone, 4 px per module.
fn scan(matrix: &QrMatrix) -> (Vec<u8>, rqrr::MetaData) {
    let side = (matrix.size() + 2 * QUIET_ZONE) * PIXELS_PER_MODULE;
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
        let (mx, my) = (x / PIXELS_PER_MODULE, y / PIXELS_PER_MODULE);
        let inside = mx >= QUIET_ZONE && my >= QUIET_ZONE;
        if inside && matrix.is_dark(mx - QUIET_ZONE, my - QUIET_ZONE) {
            0
        } else {
            255
        }
    });
    let grids = image.detect_grids();
    assert_eq!(
        grids.len(),
        1,
        "expected one QR code in the image (v{} {})",
        matrix.version(),
        matrix.level()
    );
    let mut bytes = Vec::new();
    let meta = grids[0].decode_to(&mut bytes).unwrap_or_else(|err| {
        panic!(
            "v{} {} did not decode: {err:?}",
            matrix.version(),
            matrix.level()
        )
    });
    (bytes, meta)
}

/// rqrr reports the format information's 2-bit level code: M=0, L=1, H=2, Q=3.
fn format_bits(level: &ErrorCorrectionLevel) -> u16 {
    match level {
        ErrorCorrectionLevel::M => 0,
        ErrorCorrectionLevel::L => 1,
        ErrorCorrectionLevel::H => 2,
        ErrorCorrectionLevel::Q => 3,
        ErrorCorrectionLevel::Unknown(_) => unreachable!("tests only use drawable levels"),
    }
}

fn assert_round_trip(data: &[u8], version: i16, level: ErrorCorrectionLevel) {
    let matrix = encode_byte_segment(data, version, level.clone())
        .unwrap_or_else(|err| panic!("{} bytes at v{version} {level}: {err}", data.len()));
    assert_eq!(matrix.version(), version);
    assert_eq!(matrix.level(), level);
    assert_eq!(
        matrix.size(),
        17 + 4 * usize::try_from(version).expect("positive")
    );
    let (decoded, meta) = scan(&matrix);
    assert_eq!(decoded, data, "payload changed at v{version} {level}");
    assert_eq!(
        meta.version.0,
        usize::try_from(version).expect("positive"),
        "symbol version"
    );
    assert_eq!(
        meta.ecc_level,
        format_bits(&level),
        "symbol error correction level at v{version}"
    );
}

/// Deterministic bytes covering the whole 0..=255 range, including Shift-JIS lead bytes and invalid UTF-8.
fn pseudo_random_bytes(len: usize, seed: u64) -> Vec<u8> {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()[3]
        })
        .collect()
}

fn sign_in_payload(user: &str, secret_len: usize) -> Vec<u8> {
    let secret: String = pseudo_random_bytes(secret_len, 7)
        .iter()
        .map(|b| {
            char::from(
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
                    [usize::from(b % 64)],
            )
        })
        .collect();
    format!("ms-qrpin:v1|{user}|44f2f040-ea9d-4283-9e7b-b63ddae391a9|{secret}").into_bytes()
}

#[test]
fn sign_in_payloads_scan_back_at_every_level() {
    let payloads = [
        sign_in_payload("user@contoso.com", 43),
        sign_in_payload("flokreg@contoso.onmicrosoft.com", 43),
        sign_in_payload("a@b.c", 8),
    ];
    for payload in &payloads {
        for level in ErrorCorrectionLevel::ALL {
            let version = smallest_version(payload, level.clone(), 1).expect("fits some version");
            assert_round_trip(payload, version, level.clone());
            // One size up, as a printer might choose for a bigger badge, still reads the same.
            assert_round_trip(payload, version + 1, level);
        }
    }
}

#[test]
fn every_version_scans_back_when_filled_to_capacity() {
    // Two levels per version, rotating, so each level is exercised on 20 different versions.
    for version in 1..=MAX_VERSION {
        let index = usize::try_from(version).expect("positive");
        for level in [
            &ErrorCorrectionLevel::ALL[index % 4],
            &ErrorCorrectionLevel::ALL[(index + 2) % 4],
        ] {
            let capacity = byte_capacity(version, level).expect("valid version and level");
            let data = pseudo_random_bytes(capacity, u64::try_from(version).expect("positive"));
            assert_round_trip(&data, version, level.clone());
        }
    }
}

#[test]
fn all_levels_scan_back_at_the_smallest_middle_and_largest_versions() {
    for version in [1, 10, 27, 40] {
        for level in ErrorCorrectionLevel::ALL {
            let data = pseudo_random_bytes(byte_capacity(version, &level).expect("valid") / 2, 99);
            assert_round_trip(&data, version, level);
        }
    }
}

#[test]
fn digits_and_upper_case_text_stay_one_byte_segment() {
    // An optimiser would switch these to numeric/alphanumeric mode, which holds more: at v1-H a byte segment
    // holds 7 bytes but a numeric one 17 digits. Refusing 14 digits proves no mode switch happened.
    assert_eq!(byte_capacity(1, &ErrorCorrectionLevel::H), Ok(7));
    let digits = b"12345678901234";
    assert_eq!(
        encode_byte_segment(digits, 1, ErrorCorrectionLevel::H),
        Err(QrError::DataTooLong {
            version: 1,
            level: ErrorCorrectionLevel::H,
            len: 14
        })
    );
    assert_round_trip(b"1234567", 1, ErrorCorrectionLevel::H);
    assert_round_trip(
        b"12345678901234567890123456789012345678901234",
        4,
        ErrorCorrectionLevel::M,
    );
    assert_round_trip(b"HELLO WORLD 0123 $%*+-./:", 3, ErrorCorrectionLevel::Q);
    // Shift-JIS double-byte range, which the optimiser would encode as Kanji.
    assert_round_trip(
        &[0x93, 0x5f, 0x88, 0x9f, 0xe0, 0x40],
        1,
        ErrorCorrectionLevel::L,
    );
}

#[test]
fn non_utf8_bytes_scan_back_unchanged() {
    let data: Vec<u8> = (0..=255u8)
        .rev()
        .take(100)
        .chain([0x00, 0xff, 0xc3, 0x28])
        .collect();
    assert!(std::str::from_utf8(&data).is_err());
    assert_round_trip(&data, 6, ErrorCorrectionLevel::L);
}

#[test]
fn graph_doc_example_is_too_long_for_version_1_l() {
    let image = QrCodeImage {
        binary_value: Some("SGVsbG9Xb3JsZCE=".into()),
        error_correction_level: ErrorCorrectionLevel::L,
        raw_content: "SGVsbG9Xb3JsZCEyTXlSYXdDb250ZW50".into(),
        version: Some(1),
    };
    assert_eq!(
        matrix_from_image(&image),
        Err(QrError::DataTooLong {
            version: 1,
            level: ErrorCorrectionLevel::L,
            len: 24
        })
    );
    assert_eq!(
        encode_byte_segment(b"HelloWorld!2MyRawContent", 1, ErrorCorrectionLevel::L)
            .map(|m| m.size()),
        Err(QrError::DataTooLong {
            version: 1,
            level: ErrorCorrectionLevel::L,
            len: 24
        })
    );
    // It does fit at version 2, and then scans back.
    assert_eq!(
        smallest_version(b"HelloWorld!2MyRawContent", ErrorCorrectionLevel::L, 1),
        Ok(2)
    );
    let fixed = QrCodeImage {
        version: Some(2),
        ..image
    };
    let (decoded, _) = scan(&matrix_from_image(&fixed).expect("fits v2"));
    assert_eq!(decoded, b"HelloWorld!2MyRawContent");
}

#[test]
fn matrix_from_image_reports_what_is_wrong_with_graphs_description() {
    let good = QrCodeImage {
        binary_value: None,
        error_correction_level: ErrorCorrectionLevel::M,
        raw_content: "aGk=".into(),
        version: Some(2),
    };
    assert!(matrix_from_image(&good).is_ok());
    let unpadded = QrCodeImage {
        raw_content: "aGk".into(),
        ..good.clone()
    };
    assert_eq!(
        matrix_from_image(&unpadded),
        matrix_from_image(&good),
        "missing padding is tolerated"
    );
    let cases = [
        (
            QrCodeImage {
                raw_content: "not base64!".into(),
                ..good.clone()
            },
            QrError::InvalidBase64,
        ),
        (
            QrCodeImage {
                raw_content: String::new(),
                ..good.clone()
            },
            QrError::EmptyContent,
        ),
        (
            QrCodeImage {
                version: None,
                ..good.clone()
            },
            QrError::MissingVersion,
        ),
        (
            QrCodeImage {
                version: Some(0),
                ..good.clone()
            },
            QrError::InvalidVersion(0),
        ),
        (
            QrCodeImage {
                version: Some(41),
                ..good.clone()
            },
            QrError::InvalidVersion(41),
        ),
        (
            QrCodeImage {
                version: Some(i32::MAX),
                ..good.clone()
            },
            QrError::InvalidVersion(i32::MAX),
        ),
        (
            QrCodeImage {
                error_correction_level: ErrorCorrectionLevel::parse("unknownFutureValue"),
                ..good.clone()
            },
            QrError::UnsupportedLevel("unknownFutureValue".into()),
        ),
    ];
    for (image, expected) in cases {
        assert_eq!(matrix_from_image(&image), Err(expected));
    }
}

#[test]
fn smallest_version_respects_the_minimum_and_the_largest_symbol() {
    let payload = sign_in_payload("user@contoso.com", 43);
    let smallest = smallest_version(&payload, ErrorCorrectionLevel::M, 1).expect("fits");
    assert!(byte_capacity(smallest, &ErrorCorrectionLevel::M).expect("valid") >= payload.len());
    assert!(byte_capacity(smallest - 1, &ErrorCorrectionLevel::M).expect("valid") < payload.len());
    assert_eq!(
        smallest_version(&payload, ErrorCorrectionLevel::M, 10),
        Ok(10)
    );
    assert_eq!(
        smallest_version(&payload, ErrorCorrectionLevel::M, 0),
        Err(QrError::InvalidVersion(0))
    );
    let huge = vec![b'x'; 2954];
    assert_eq!(
        smallest_version(&huge[..2953], ErrorCorrectionLevel::L, 1),
        Ok(40)
    );
    assert_eq!(
        smallest_version(&huge, ErrorCorrectionLevel::L, 1),
        Err(QrError::DataTooLong {
            version: 40,
            level: ErrorCorrectionLevel::L,
            len: 2954
        })
    );
    assert_eq!(
        encode_byte_segment(&vec![0; 1_000_000], 40, ErrorCorrectionLevel::L),
        Err(QrError::DataTooLong {
            version: 40,
            level: ErrorCorrectionLevel::L,
            len: 1_000_000
        })
    );
}
