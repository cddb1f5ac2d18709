//! CSV text that spreadsheets open as it was meant: RFC 4180 records, UTF-8 with a byte order mark, and no cell a
//! spreadsheet would run as a formula.
//!
//! - **RFC 4180**: every record ends with CRLF (the last one too); a field is quoted when it holds a comma, a
//!   double quote, CR or LF, and a double quote inside is doubled. Other fields are written as they are.
//! - **Byte order mark**: the text starts with U+FEFF, without which Excel reads UTF-8 as the system's legacy code
//!   page and garbles every accented name.
//! - **Formula injection** (OWASP, "CSV Injection"): a text cell that starts with `=`, `+`, `-`, `@`, TAB or CR is
//!   written with a single quote `'` in front, so a display name such as `=HYPERLINK(…)` shows as text instead of
//!   running when the report is opened. The quote is visible; that is the price of a safe file.
//! - **Numbers** are a separate kind of cell ([`Cell::Integer`]): an integer has no formula in it, so `-2` stays
//!   `-2` and sorts as a number. The same characters as text (`Cell::Text("-2")`) are escaped like any other text.
//!
//! Spreadsheets read a cell of digits only as a number: leading zeros go, and more than 15 digits lose precision.
//! That is the spreadsheet's reading of a faithful file; nothing is written differently for it.

mod report;

pub use report::{report_csv, PinColumn, ReportColumns, ReportOutcome, ReportRow};

use std::borrow::Cow;

/// Written first, so spreadsheets know the text is UTF-8.
pub const BYTE_ORDER_MARK: char = '\u{feff}';
/// The end of every record.
pub const RECORD_END: &str = "\r\n";
/// Written before a text cell that a spreadsheet would otherwise read as a formula.
pub const FORMULA_GUARD: char = '\'';

/// The first characters that make a spreadsheet read a cell as a formula (or, for TAB and CR, that spreadsheets
/// strip before looking for one).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// One cell of a record.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Cell {
    /// Text, escaped against formula injection.
    Text(String),
    /// A whole number, written as its digits (and a leading minus), never escaped.
    Integer(i64),
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Cell::Text(text.to_owned())
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell::Text(text)
    }
}

impl From<Option<&str>> for Cell {
    /// An absent value is an empty cell.
    fn from(text: Option<&str>) -> Self {
        Cell::Text(text.unwrap_or_default().to_owned())
    }
}

impl From<i64> for Cell {
    fn from(number: i64) -> Self {
        Cell::Integer(number)
    }
}

impl From<u32> for Cell {
    fn from(number: u32) -> Self {
        Cell::Integer(i64::from(number))
    }
}

/// The field for `cell` as it appears in the file: guarded against formulas, then quoted if RFC 4180 needs it.
pub fn field(cell: &Cell) -> Cow<'_, str> {
    let text = match cell {
        Cell::Integer(number) => return Cow::Owned(number.to_string()),
        Cell::Text(text) => text.as_str(),
    };
    let guarded: Cow<'_, str> = if text.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("{FORMULA_GUARD}{text}"))
    } else {
        Cow::Borrowed(text)
    };
    if guarded.contains([',', '"', '\r', '\n']) {
        Cow::Owned(format!("\"{}\"", guarded.replace('"', "\"\"")))
    } else {
        guarded
    }
}

/// The whole file: the byte order mark, then one CRLF-terminated record per row, its fields separated by commas.
pub fn to_csv<Rows, Row, C>(rows: Rows) -> String
where
    Rows: IntoIterator<Item = Row>,
    Row: IntoIterator<Item = C>,
    C: Into<Cell>,
{
    let mut text = String::new();
    text.push(BYTE_ORDER_MARK);
    for row in rows {
        for (index, cell) in row.into_iter().enumerate() {
            if index > 0 {
                text.push(',');
            }
            text.push_str(&field(&cell.into()));
        }
        text.push_str(RECORD_END);
    }
    text
}

#[cfg(test)]
#[path = "csv_tests.rs"]
mod tests;
