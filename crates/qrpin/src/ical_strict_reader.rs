//! A strict reader of the iCalendar line grammar, for the tests: what a calendar application needs to read a
//! file, checked without trusting the writer.

/// One component of a parsed file: its name, its properties (name with parameters → value) and its children.
#[derive(Debug, Default)]
pub(super) struct Component {
    pub(super) name: String,
    pub(super) properties: Vec<(String, String)>,
    pub(super) children: Vec<Component>,
}

impl Component {
    pub(super) fn one(&self, name: &str) -> &str {
        let values: Vec<&str> = self
            .properties
            .iter()
            .filter(|(key, _)| key.split(';').next() == Some(name))
            .map(|(_, value)| value.as_str())
            .collect();
        assert_eq!(
            values.len(),
            1,
            "{} must have exactly one {name}",
            self.name
        );
        values[0]
    }

    pub(super) fn events(&self) -> Vec<&Component> {
        self.children
            .iter()
            .filter(|c| c.name == "VEVENT")
            .collect()
    }
}

/// A strict reader of RFC 5545's line grammar: CRLF after every line and nowhere else, at most 75 octets per
/// physical line, continuation lines start with a space, every content line is `NAME[;PARAM=VALUE]*:value`,
/// BEGIN/END nest and balance, TEXT escapes are the four allowed ones, and each component has the properties the
/// RFC requires. Returns the single VCALENDAR.
pub(super) fn parse_strictly(text: &str) -> Component {
    assert!(text.ends_with("\r\n"), "the last line ends with CRLF");
    let physical: Vec<&str> = text[..text.len() - 2].split("\r\n").collect();
    let mut logical: Vec<String> = Vec::new();
    for line in physical {
        assert!(!line.contains(['\r', '\n']), "a bare CR or LF in {line:?}");
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        match line.strip_prefix(' ') {
            Some(rest) => logical
                .last_mut()
                .expect("a fold follows a line")
                .push_str(rest),
            None => logical.push(line.to_owned()),
        }
    }
    let mut stack = vec![Component::default()];
    for line in logical {
        let (key, value) = line.split_once(':').expect("NAME:value");
        let name = key.split(';').next().unwrap();
        assert!(
            !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-'),
            "property name {name:?}"
        );
        for param in key.split(';').skip(1) {
            assert!(param
                .split_once('=')
                .is_some_and(|(n, v)| !n.is_empty() && !v.is_empty()));
        }
        match name {
            "BEGIN" => stack.push(Component {
                name: value.to_owned(),
                ..Component::default()
            }),
            "END" => {
                let done = stack.pop().expect("END after BEGIN");
                assert_eq!(done.name, value, "END matches its BEGIN");
                check_required(&done);
                stack
                    .last_mut()
                    .expect("END of a nested component")
                    .children
                    .push(done);
            }
            _ => {
                if matches!(name, "SUMMARY" | "DESCRIPTION") {
                    check_text(value);
                }
                stack
                    .last_mut()
                    .unwrap()
                    .properties
                    .push((key.to_owned(), value.to_owned()));
            }
        }
    }
    let mut root = stack.pop().expect("a root");
    assert!(stack.is_empty(), "every BEGIN has its END");
    assert!(root.properties.is_empty(), "nothing outside VCALENDAR");
    assert_eq!(root.children.len(), 1);
    let calendar = root.children.remove(0);
    assert_eq!(calendar.name, "VCALENDAR");
    calendar
}

fn check_required(component: &Component) {
    let required: &[&str] = match component.name.as_str() {
        "VCALENDAR" => &["VERSION", "PRODID", "CALSCALE", "METHOD"],
        "VEVENT" => &["UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"],
        "VALARM" => &["ACTION", "TRIGGER", "DESCRIPTION"],
        other => panic!("unexpected component {other}"),
    };
    for name in required {
        component.one(name);
    }
}

fn check_text(value: &str) {
    let mut chars = value.chars();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' => assert!(
                matches!(chars.next(), Some('\\' | ';' | ',' | 'n' | 'N')),
                "bad escape in {value:?}"
            ),
            ';' | ',' => panic!("unescaped {ch:?} in {value:?}"),
            ch => assert!(
                !ch.is_control() || ch == '\t',
                "control character in {value:?}"
            ),
        }
    }
}
