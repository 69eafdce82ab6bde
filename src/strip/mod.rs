//! Strip stage: remove page chrome (menus, breadcrumbs, control bars, copyright lines, related
//! links, footers) from plain text, keeping every line of the main content.
//!
//! 1. Each line is labelled on its own ([`label_lines`]): by the named rules of [`rules`]
//!    (separators, known phrases, copyright...), by the batch counts of [`boilerplate`] when
//!    given, and by its [`features`] (length, share of function words in the text's language
//!    from [`stoplists`](mod@stoplists), end punctuation, title case).
//! 2. [`smoothing`] finds the main content and decides each uncertain line by its neighbours.
//!
//! Every removed line is recorded as `chrome(<rule>)`; the rule names are stable and listed in
//! [`RULE_NAMES`].

pub mod boilerplate;
pub mod chars;
pub mod features;
pub mod rules;
pub mod smoothing;
pub mod stoplists;

use std::borrow::Cow;
use std::ops::Range;

use crate::changes::{Changes, Edit, Reason, Stage};
use crate::config::StripConfig;
use crate::normalize::{is_space, space_len_at};
use boilerplate::SiteView;
use features::{LineFeatures, measure};
use smoothing::Label;
use stoplists::{Language, LanguageCounts, detection_sample, stoplists};

/// Every rule name that can appear in `chrome(<rule>)`, with what it means.
pub const RULE_NAMES: &[(&str, &str)] = &[
    ("copyright", "a copyright or all-rights-reserved line"),
    (
        "breadcrumb",
        "a trail of short items joined by >>, >, », ›, →",
    ),
    ("menu", "short items joined by |, ·, •"),
    (
        "controls",
        "only page-control words (print, share, back...)",
    ),
    ("phrase", "a known chrome phrase (data/chrome_phrases.txt)"),
    (
        "dateline",
        "a short date, time or publication stamp (month names in data/months.txt)",
    ),
    (
        "related",
        "a heading that opens a list of related links (data/related_headings.txt)",
    ),
    (
        "boilerplate",
        "recurs on many documents of the same site (batch counts)",
    ),
    (
        "title_case_run",
        "one of three or more short title-case lines in a row",
    ),
    (
        "low_function_words",
        "a long line with almost no function words (a list of names or links)",
    ),
    ("outside_content", "before or after the main content"),
    (
        "comments",
        "a heading that opens a comment section (data/comment_markers.txt), and what follows it",
    ),
    ("context", "an uncertain line between chrome lines"),
];

/// Remove chrome lines from `text`, recording each removal in `changes`.
///
/// ```
/// use textmend::{changes::Changes, config::StripConfig, strip::strip};
/// let mut changes = Changes::new();
/// let text = "Home > News > World\nThe river rose two metres overnight.\nBack Print Close\n";
/// let out = strip(text.to_string(), &StripConfig::default(), &mut changes);
/// assert_eq!(out, "The river rose two metres overnight.\n");
/// ```
pub fn strip(text: String, config: &StripConfig, changes: &mut Changes) -> String {
    strip_with(text, config, None, changes)
}

/// Like [`strip`], and also remove lines that the batch counts of the document's site call
/// boilerplate.
pub fn strip_with(
    text: String,
    config: &StripConfig,
    site: Option<SiteView<'_>>,
    changes: &mut Changes,
) -> String {
    if !config.enabled {
        return text;
    }
    let edits = plan(&text, site)
        .into_iter()
        .map(|(range, rule)| Edit::new(range, "", Reason::chrome(rule)))
        .collect();
    changes.apply(Stage::Strip, text, edits)
}

/// Most labelling passes of [`plan`] (see there); real pages settle in two or three.
pub const MAX_PASSES: usize = 8;

/// The lines to remove from `text` (byte ranges including the line break) and why.
///
/// A line is judged by its neighbours and by statistics of the whole text (its language, the
/// function-word share of its prose), so removing chrome can change the verdict on the lines
/// that remain: a short line that sat between a menu and the article is the page's first line
/// once the menu is gone. The lines are therefore labelled again without the removed ones until
/// no further line goes (at most [`MAX_PASSES`] passes), and the verdicts are taken on the text
/// as normalize leaves it (each run of blank lines as one, none at either end). So `clean`
/// finds nothing more to strip in its own output, and is idempotent.
///
/// ```
/// use textmend::strip::plan;
/// let text = "Home > News > World\n\nThe river rose two metres overnight.\n";
/// let removed = plan(text, None);
/// assert_eq!(removed, vec![(0..20, "breadcrumb")]);
/// assert!(plan("The river rose two metres overnight.\n", None).is_empty());
/// ```
pub fn plan(text: &str, site: Option<SiteView<'_>>) -> Vec<(Range<usize>, &'static str)> {
    let ranges = units(text);
    let lines: Vec<Cow<'_, str>> = ranges.iter().map(|r| unit_text(&text[r.clone()])).collect();
    let mut removed: Vec<Option<&'static str>> = vec![None; lines.len()];
    // What does not depend on the other lines is worked out once: the rules' labels, and the
    // features of each line in the language of the text (again only if that changes).
    let rule_labels: Vec<Option<Label>> = lines.iter().map(|l| rule_label(l, site)).collect();
    let lists = stoplists();
    let mut feats: Vec<Option<LineFeatures>> = vec![None; lines.len()];
    let mut measured_in = None;
    // The language is judged on a sample of the remaining lines; each line is counted once.
    let mut lang_counts: Vec<Option<Box<LanguageCounts>>> = vec![None; lines.len()];
    let mut judged: Option<(Vec<usize>, Language)> = None;
    for _ in 0..MAX_PASSES {
        let view = normalized_view(&lines, &removed);
        let view_lines: Vec<&str> = view.iter().map(|&i| &*lines[i]).collect();
        let sample: Vec<usize> = detection_sample(&view_lines)
            .into_iter()
            .map(|k| view[k])
            .collect();
        let lang = match &judged {
            Some((before, lang)) if *before == sample => *lang,
            _ => {
                let mut counts = LanguageCounts::default();
                for &i in &sample {
                    counts.add(
                        lang_counts[i]
                            .get_or_insert_with(|| Box::new(lists.language_counts(&lines[i]))),
                    );
                }
                let lang = lists.judge(&counts);
                judged = Some((sample, lang));
                lang
            }
        };
        if measured_in != Some(lang) {
            for (i, line) in lines.iter().enumerate() {
                feats[i] = rule_labels[i].is_none().then(|| measure(line, lang, lists));
            }
            measured_in = Some(lang);
        }
        let view_rules: Vec<Option<Label>> = view.iter().map(|&i| rule_labels[i]).collect();
        let view_feats: Vec<Option<LineFeatures>> = view.iter().map(|&i| feats[i]).collect();
        let labels = finish_labels(&view_rules, &view_feats, &view_lines, lang);
        let mut more = false;
        for (rule, &i) in smoothing::decide(&labels).iter().zip(&view) {
            if let Some(rule) = rule {
                removed[i] = Some(rule);
                more = true;
            }
        }
        if !more {
            break;
        }
    }
    keep_some_text(&lines, &rule_labels, &mut removed);
    removed
        .into_iter()
        .zip(ranges)
        .filter_map(|(rule, range)| rule.map(|r| (range, r)))
        .collect()
}

/// The units the strip judges: the lines of `text` (byte ranges with their line break),
/// except that the lines of a hard-wrapped paragraph are one unit. Text flattened from a page
/// has a paragraph a line; plain text wrapped at a width (mail, archives, books) breaks each
/// sentence over several, and each piece alone is too short to read as prose.
///
/// ```
/// use textmend::strip::units;
/// let text = "Menu\nNews\nThe council met on Tuesday and agreed, after a long\ndebate, to repair the bridge.\n";
/// assert_eq!(units(text), vec![0..5, 5..10, 10..92]);
/// ```
pub fn units(text: &str) -> Vec<Range<usize>> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    // Each line without its break and the spaces around it, as `continues` reads it.
    let bodies: Vec<&str> = lines
        .iter()
        .map(|l| l.trim_matches(|c: char| c == '\n' || is_space(c)))
        .collect();
    // Whether each line goes on into the next over a letter that is not a capital; text
    // where sentences run on so is hard-wrapped, and there a line may continue in a name or
    // a number too (`… Hugo\nGernsbackin …`).
    let small: Vec<bool> = bodies
        .windows(2)
        .map(|w| continues(w[0], w[1], not_capital))
        .collect();
    let wrapped = small.iter().filter(|&&s| s).count() >= WRAPPED_TEXT;
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for (i, line) in lines.iter().enumerate() {
        let r = start..start + line.len();
        start += line.len();
        let goes_on = i > 0
            && (small[i - 1]
                || wrapped && continues(bodies[i - 1], bodies[i], char::is_alphanumeric));
        match ranges.last_mut() {
            Some(last) if goes_on => last.end = r.end,
            _ => ranges.push(r),
        }
    }
    ranges
}

/// A letter that is not a capital: a small letter, or one of a script without case (Korean,
/// Chinese, Arabic, Thai...), which a line can go on with in mid-sentence.
fn not_capital(c: char) -> bool {
    c.is_alphabetic() && !c.is_uppercase()
}

/// Fewest characters of a line that a wrapped paragraph's next line can continue.
const WRAPPED_LINE: usize = 30;

/// Fewest lines continued by a small letter that show a text is hard-wrapped.
const WRAPPED_TEXT: usize = 3;

/// True when `next` continues the sentence that `line` breaks off (both lines without their
/// break and the spaces around it): `line` is long and does not end like a sentence, and
/// `next` starts with a character that `starts` accepts, or is a short line that ends the
/// sentence.
fn continues(line: &str, next: &str, starts: fn(char) -> bool) -> bool {
    // (Or `next` is the short end of the sentence: `… Władysława II\nJagiełły.`)
    let tail = || {
        next.chars().next().is_some_and(char::is_alphanumeric)
            && features::sentence_end(next)
            && next.chars().nth(WRAPPED_LINE - 1).is_none()
    };
    // (A number's ordinal dot ends no sentence before a small letter: `… dzimis 1853.` /
    // `gada 30. martā`, `am 3.` / `Oktober` is a capital.)
    let ordinal = || {
        line.strip_suffix('.')
            .is_some_and(|l| l.ends_with(|c: char| c.is_ascii_digit()))
            && next.chars().next().is_some_and(char::is_lowercase)
    };
    (next.chars().next().is_some_and(starts) || tail())
        && (!features::sentence_end(line) || ordinal())
        && line.chars().nth(WRAPPED_LINE - 1).is_some()
}

/// A unit's text as the strip reads it ([`folded`]), its line breaks read as spaces.
fn unit_text(unit: &str) -> Cow<'_, str> {
    let body = unit.strip_suffix('\n').unwrap_or(unit);
    if body.contains('\n') {
        Cow::Owned(folded(&body.replace('\n', " ")).into_owned())
    } else {
        folded(unit)
    }
}

/// A page is not all chrome: when the lines `removed` would leave no line with a letter or a
/// digit, only the lines a rule matched (`rule_labels`: a breadcrumb, a copyright line, a
/// known phrase) go, and the lines judged by their words and their neighbours stay. Such a
/// verdict says more about the judge than about the page: text in a language the stoplists do
/// not cover, a list of names, a page of mojibake no repair could read.
fn keep_some_text(
    lines: &[Cow<'_, str>],
    rule_labels: &[Option<Label>],
    removed: &mut [Option<&'static str>],
) {
    let text = |l: &Cow<'_, str>| l.chars().any(char::is_alphanumeric);
    let left = lines
        .iter()
        .zip(removed.iter())
        .any(|(l, r)| r.is_none() && text(l));
    if left {
        return;
    }
    for (r, rule) in removed.iter_mut().zip(rule_labels) {
        if rule.is_none() {
            *r = None;
        }
    }
}

/// The indices of the lines that remain after `removed`, as normalize would leave them: each
/// run of blank lines as one blank line, none before the first or after the last line.
fn normalized_view(lines: &[Cow<'_, str>], removed: &[Option<&'static str>]) -> Vec<usize> {
    let mut view = Vec::with_capacity(lines.len());
    let mut blank = None;
    for (i, line) in lines.iter().enumerate() {
        if removed[i].is_some() {
            continue;
        }
        if line.is_empty() {
            if !view.is_empty() {
                blank = blank.or(Some(i));
            }
            continue;
        }
        view.extend(blank.take());
        view.push(i);
    }
    view
}

/// `line` as normalize leaves it: trimmed, each inner run of white space one space.
///
/// ```
/// # use textmend::strip::folded;
/// assert_eq!(folded(" a \u{a0} b\t\r\n"), "a b");
/// ```
pub fn folded(line: &str) -> Cow<'_, str> {
    let line = line.trim_matches(|c: char| c == '\n' || is_space(c));
    // Does a space other than ' ' or a run of spaces occur? (Bytes inside a character are
    // never a space's start, and follow a character that is not a space.)
    let mut prev_space = false;
    let mut i = 0;
    let needs = loop {
        if i >= line.len() {
            break false;
        }
        match space_len_at(line, i) {
            Some(len) if prev_space || len > 1 || line.as_bytes()[i] != b' ' => break true,
            Some(len) => {
                prev_space = true;
                i += len;
            }
            None => {
                prev_space = false;
                i += 1;
            }
        }
    };
    if !needs {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    for word in line.split(is_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Cow::Owned(out)
}

/// Fewest word-equivalents of a content line without a sentence end.
const LONG: f32 = 10.0;
/// Fewest word-equivalents of a content line with a sentence end.
const SENTENCE: f32 = 5.0;
/// Most word-equivalents of a short line.
const SHORT: f32 = 6.0;
/// Function-word share required when the text gives no measure of its own.
const DEFAULT_SHARE: f32 = 0.2;

/// Label each of `lines` (trimmed) of `text`.
pub fn label_lines(text: &str, lines: &[&str], site: Option<SiteView<'_>>) -> Vec<Label> {
    let lists = stoplists();
    let lang = lists.detect(text);
    let rules: Vec<Option<Label>> = lines.iter().map(|l| rule_label(l, site)).collect();
    let feats: Vec<Option<LineFeatures>> = lines
        .iter()
        .zip(&rules)
        .map(|(line, rule)| rule.is_none().then(|| measure(line, lang, lists)))
        .collect();
    finish_labels(&rules, &feats, lines, lang)
}

/// The label of a (trimmed) line by the named rules and the batch counts alone; `None` when
/// its features decide.
fn rule_label(line: &str, site: Option<SiteView<'_>>) -> Option<Label> {
    if line.is_empty() {
        return Some(Label::Blank);
    }
    let prepared = rules::Line::new(line);
    if rules::is_comments_marker_line(&prepared) {
        return Some(Label::Boundary);
    }
    if rules::is_related_heading_line(&prepared) {
        return Some(Label::Chrome {
            rule: "related",
            strong: true,
        });
    }
    // The line's fingerprint, computed at most once and only with batch counts.
    let fp = std::cell::OnceCell::new();
    let fp = || *fp.get_or_init(|| site.and_then(|_| boilerplate::fingerprint(line)));
    let rule = rules::classify_line(&prepared).or_else(|| {
        site.zip(fp())
            .filter(|(s, fp)| s.is_site_boilerplate_fp(*fp))
            .map(|_| "boilerplate")
    });
    if let Some(rule) = rule {
        return Some(Label::Chrome {
            rule,
            strong: !rules::WEAK_RULES.contains(&rule),
        });
    }
    site.zip(fp())
        .is_some_and(|(s, fp)| s.is_common_fp(fp))
        .then_some(Label::Chrome {
            rule: "common_line",
            strong: false,
        })
}

/// The labels of lines given their rule labels and, for the others, their features: by the
/// features against the text's own function-word share, then title-case runs and blocks.
fn finish_labels(
    rules: &[Option<Label>],
    feats: &[Option<LineFeatures>],
    lines: &[&str],
    lang: Language,
) -> Vec<Label> {
    let threshold = share_threshold(feats, lang);
    let mut labels: Vec<Label> = rules
        .iter()
        .zip(feats)
        .map(|(rule, f)| match (rule, f) {
            (Some(label), _) => *label,
            (None, Some(f)) => feature_label(f, threshold),
            (None, None) => Label::Neutral,
        })
        .collect();
    mark_title_case_runs(&mut labels, feats);
    weigh_blocks(&mut labels, lines);
    labels
}

/// The function-word share a content line needs: half of what the text's own prose shows
/// (the 80th percentile over its long lines), within sensible bounds; `None` when the language
/// is unknown or its stoplist does not cover the text.
fn share_threshold(feats: &[Option<LineFeatures>], lang: Language) -> Option<f32> {
    if lang == Language::Unknown {
        return None;
    }
    let mut shares: Vec<f32> = feats
        .iter()
        .flatten()
        .filter(|f| f.words >= LONG)
        .map(|f| f.function_share)
        .collect();
    if shares.len() < 3 {
        return Some(DEFAULT_SHARE);
    }
    shares.sort_unstable_by(f32::total_cmp);
    let p80 = shares[shares.len() * 4 / 5];
    (p80 >= 0.1).then_some((p80 * 0.5).clamp(0.08, 0.3))
}

/// The label of a line from its features alone.
fn feature_label(f: &LineFeatures, threshold: Option<f32>) -> Label {
    let enough = threshold.is_none_or(|t| f.function_share >= t);
    let content = match threshold {
        Some(_) => enough && (f.words >= 2.0 * LONG || (f.sentence_end && f.words >= SENTENCE)),
        None => (f.words >= LONG && f.sentence_end) || f.words >= 2.0 * LONG,
    };
    if content && f.separators < 2 {
        Label::Content { words: f.words }
    } else if threshold.is_some_and(|t| f.words >= LONG && f.function_share < t * 0.5)
        // A sentence with any function word is prose in a language the stoplist covers
        // thinly (Finnish, Japanese), not a list of links or names.
        && !(f.sentence_end && f.function_share > 0.0)
    {
        Label::Chrome {
            rule: "low_function_words",
            strong: false,
        }
    } else if f.words <= SHORT {
        Label::Short
    } else {
        Label::Neutral
    }
}

/// Weight of a content line that shares its block (no blank line between them) with other
/// lines, relative to a paragraph standing alone between blank lines.
const IN_BLOCK_WEIGHT: f32 = 0.25;

/// In text that separates paragraphs with blank lines (as text flattened from HTML does for
/// `<p>`), a prose line packed together with other lines (a list of teasers, a footer) weighs
/// less than a paragraph of its own.
fn weigh_blocks(labels: &mut [Label], lines: &[&str]) {
    let blank = lines.iter().filter(|l| l.is_empty()).count();
    if blank * 10 < lines.len() {
        return;
    }
    for i in 0..labels.len() {
        let alone = (i == 0 || lines[i - 1].is_empty())
            && (i + 1 == lines.len() || lines[i + 1].is_empty());
        match labels[i] {
            Label::Content { words } if !alone => {
                labels[i] = Label::Content {
                    words: words * IN_BLOCK_WEIGHT,
                };
            }
            _ => {}
        }
    }
}

/// Runs of three or more short title-case lines (menus, tag lists) become weak chrome.
fn mark_title_case_runs(labels: &mut [Label], feats: &[Option<LineFeatures>]) {
    let items: Vec<bool> = (0..labels.len())
        .map(|i| {
            matches!(labels[i], Label::Short | Label::Neutral)
                && feats[i].is_some_and(|f| f.title_case && !f.sentence_end && f.words <= SHORT)
        })
        .collect();
    let item = |i: usize| items[i];
    let mut i = 0;
    while i < labels.len() {
        if !item(i) {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut count = 0;
        let mut last = i;
        while j < labels.len() && (item(j) || labels[j] == Label::Blank) {
            if labels[j] != Label::Blank {
                count += 1;
                last = j;
            }
            j += 1;
        }
        if count >= 3 {
            for label in &mut labels[i..=last] {
                if *label != Label::Blank {
                    *label = Label::Chrome {
                        rule: "title_case_run",
                        strong: false,
                    };
                }
            }
        }
        i = last + 1;
    }
}
