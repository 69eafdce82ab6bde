//! `textmend.toml`: settings for `textmend check` over a tree.
//!
//! ```toml
//! include = ["**/*.txt", "**/*.md"]   # only these files (globs, relative to the tree)
//! exclude = ["vendor/**"]             # never these
//! checks = ["mojibake", "control_char"]  # report only these reasons (default: all)
//! ignore = ["unicode_normalization"]  # never report these reasons
//! encodings = ["UTF-8"]               # a file in another encoding is a finding
//! ```

use std::path::Path;

use anyhow::{Context, Result};
use serde::Deserialize;

/// The settings of one checked tree.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct CheckConfig {
    /// Globs of files to check.
    #[serde(default)]
    pub include: Vec<String>,
    /// Globs of files to skip.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Reason names to report; empty means all.
    #[serde(default)]
    pub checks: Vec<String>,
    /// Reason names never to report.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Allowed encodings (WHATWG names or labels); empty means any.
    #[serde(default)]
    pub encodings: Vec<String>,
}

impl CheckConfig {
    /// Read `path`.
    pub fn load(path: &Path) -> Result<CheckConfig> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("{}: cannot read", path.display()))?;
        toml::from_str(&text).with_context(|| format!("{}: invalid settings", path.display()))
    }

    /// The walk globs these settings ask for.
    pub fn globs(&self) -> Vec<String> {
        let mut g = self.include.clone();
        g.extend(self.exclude.iter().map(|e| format!("!{e}")));
        g
    }

    /// Whether findings with reason `name` are reported.
    pub fn reports(&self, name: &str) -> bool {
        (self.checks.is_empty() || self.checks.iter().any(|c| c == name))
            && !self.ignore.iter().any(|c| c == name)
    }

    /// Whether a document decoded as `encoding` is allowed.
    pub fn allows_encoding(&self, encoding: &str) -> bool {
        self.encodings.is_empty()
            || self.encodings.iter().any(|e| {
                encoding_rs::Encoding::for_label(e.as_bytes())
                    .is_some_and(|enc| enc.name() == encoding)
                    || e.eq_ignore_ascii_case(encoding)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_applies() {
        let c: CheckConfig = toml::from_str(
            "include = [\"*.txt\"]\nexclude = [\"old/**\"]\nignore = [\"unicode_normalization\"]\nencodings = [\"utf8\"]\n",
        )
        .unwrap();
        assert_eq!(c.globs(), ["*.txt", "!old/**"]);
        assert!(c.reports("mojibake"));
        assert!(!c.reports("unicode_normalization"));
        assert!(c.allows_encoding("UTF-8"));
        assert!(!c.allows_encoding("GBK"));
        assert!(toml::from_str::<CheckConfig>("unknown = 1").is_err());
    }
}
