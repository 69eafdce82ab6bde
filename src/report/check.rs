//! Output formats of `textmend check`: human, JSON Lines, GitHub annotations, SARIF 2.1.0.

use serde::Serialize;
use serde_json::json;

use super::escape;

/// One place `check` reports: where, why, and what the fix would be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckFinding {
    /// The path as given.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
    /// The reason's stable name (`mojibake`, `control_char`...).
    pub name: String,
    /// The reason with its details (`mojibake(gbk read as windows-1252)`).
    pub reason: String,
    /// The text found.
    pub before: String,
    /// What the fix would make of it.
    pub after: String,
}

impl CheckFinding {
    /// The finding for change `change`, located at `at`, of the document named `path`.
    pub fn new(path: &str, at: &super::Finding, change: &crate::Change) -> CheckFinding {
        CheckFinding {
            path: path.to_string(),
            line: at.line,
            column: at.column,
            name: change.reason.name().into(),
            reason: change.reason.to_string(),
            before: change.before.to_string(),
            after: change.after.to_string(),
        }
    }
}

/// How many characters of a finding's text the human and GitHub formats show: a span of
/// damage can run the length of a line (a whole paragraph read with the wrong code page),
/// and a terminal or an annotation wants the place and the kind, not megabytes. The JSON
/// and SARIF formats carry the full text.
pub const SHOWN_CHARS: usize = 80;

/// `text` as the human formats show it: invisible characters escaped, and cut to its first
/// [`SHOWN_CHARS`] characters with the number left out when longer.
///
/// ```
/// use textmend::report::check::shown;
/// assert_eq!(shown("a\tb"), "a\\tb");
/// let long = "é".repeat(100);
/// assert_eq!(shown(&long), format!("{}… (+20 chars)", "é".repeat(80)));
/// ```
pub fn shown(text: &str) -> String {
    let escaped = escape(text);
    match escaped.char_indices().nth(SHOWN_CHARS) {
        Some((cut, _)) => {
            let left = escaped[cut..].chars().count();
            format!("{}… (+{left} chars)", &escaped[..cut])
        }
        None => escaped,
    }
}

/// `path:line:col: reason: before -> after`, invisible characters escaped, each side cut to
/// [`SHOWN_CHARS`] characters.
///
/// ```
/// use textmend::report::check::{CheckFinding, human};
/// let f = CheckFinding { path: "a.txt".into(), line: 3, column: 3, name: "mojibake".into(),
///     reason: "mojibake(gbk read as windows-1252)".into(), before: "¡¯".into(), after: "’".into() };
/// assert_eq!(human(&f), "a.txt:3:3: mojibake(gbk read as windows-1252): ¡¯ -> ’");
/// ```
pub fn human(f: &CheckFinding) -> String {
    format!(
        "{}:{}:{}: {}: {} -> {}",
        f.path,
        f.line,
        f.column,
        f.reason,
        shown(&f.before),
        shown(&f.after)
    )
}

/// One JSON object on one line.
pub fn json_line(f: &CheckFinding) -> String {
    serde_json::to_string(f).expect("finding serializes")
}

/// A GitHub Actions workflow command: `::warning file=…,line=…,col=…::…`.
///
/// ```
/// use textmend::report::check::{CheckFinding, github};
/// let f = CheckFinding { path: "a,b.txt".into(), line: 1, column: 2, name: "x".into(),
///     reason: "x".into(), before: "a\nb".into(), after: "c".into() };
/// assert_eq!(github(&f), "::warning file=a%2Cb.txt,line=1,col=2,title=textmend x::x: a\\nb -> c");
/// ```
pub fn github(f: &CheckFinding) -> String {
    let prop = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
            .replace(':', "%3A")
            .replace(',', "%2C")
    };
    let data = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    format!(
        "::warning file={},line={},col={},title=textmend {}::{}: {} -> {}",
        prop(&f.path),
        f.line,
        f.column,
        prop(&f.name),
        data(&f.reason),
        data(&shown(&f.before)),
        data(&shown(&f.after))
    )
}

/// A SARIF 2.1.0 log of all findings, one rule per reason name.
pub fn sarif(findings: &[CheckFinding]) -> String {
    let mut rules: Vec<&str> = findings.iter().map(|f| f.name.as_str()).collect();
    rules.sort();
    rules.dedup();
    let results: Vec<_> = findings
        .iter()
        .map(|f| {
            json!({
                "ruleId": f.name,
                "level": "warning",
                "message": {"text": format!("{}: {} -> {}", f.reason, escape(&f.before), escape(&f.after))},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": f.path},
                    "region": {"startLine": f.line, "startColumn": f.column}
                }}],
                "fixes": [{"description": {"text": format!("replace with {}", escape(&f.after))}}]
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "textmend",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules.iter().map(|r| json!({"id": r})).collect::<Vec<_>>()
            }},
            "results": results
        }]
    });
    serde_json::to_string_pretty(&log).expect("SARIF serializes") + "\n"
}
