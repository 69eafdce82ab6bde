//! From line labels to decisions: find the main content, then smooth each uncertain label with
//! its neighbours'.
//!
//! Every non-blank line has a [`Label`]. Each label scores: content lines count their words,
//! chrome and short lines count against. The main content is the run of lines with the highest
//! total (the maximum-sum segment), plus any further run that holds a good share of the main
//! run's weight (an article split by an inline box). Lines outside those runs are removed
//! (`outside_content`, or their own rule when they have one). Inside them, strong chrome is
//! removed; weak chrome and uncertain lines are decided by their nearest decided neighbours:
//! a short line between two content lines is content; one between two chrome lines is chrome
//! (`context`).

/// What a line looks like on its own.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Label {
    /// An empty line: no vote, no removal.
    Blank,
    /// Prose: long enough, enough function words or a sentence end. `words` is its length.
    Content {
        /// Word-equivalents of the line.
        words: f32,
    },
    /// A short line (heading, label, menu item): decided by its neighbours.
    Short,

    /// A line of medium length with little evidence either way: decided by its neighbours.
    Neutral,
    /// A heading that opens a comment section: once the main content has begun, it ends there
    /// (rule `comments`).
    Boundary,
    /// Chrome by a rule. Strong rules (phrases, separators, copyright, batch counts) hold
    /// everywhere; weak ones (low function-word share, title-case runs) give way between
    /// content lines.
    Chrome {
        /// The rule's stable name.
        rule: &'static str,
        /// True when the rule holds even between content lines.
        strong: bool,
    },
}

impl Label {
    fn score(self) -> f32 {
        match self {
            Label::Blank => 0.0,
            Label::Content { words } => words,
            Label::Short | Label::Neutral => -2.0,
            Label::Chrome { strong: true, .. } | Label::Boundary => -6.0,
            Label::Chrome { strong: false, .. } => -4.0,
        }
    }
}

/// The share of the main run's score that another run needs to be kept as content too.
const SECONDARY_SHARE: f32 = 0.3;

/// The maximum-sum segment of `scores[from..to]`: `(start, end_exclusive, sum)`, or `None`
/// when no segment has a positive sum.
fn best_segment(scores: &[f32], from: usize, to: usize) -> Option<(usize, usize, f32)> {
    let mut best: Option<(usize, usize, f32)> = None;
    let (mut start, mut sum) = (from, 0.0f32);
    for (i, &s) in scores.iter().enumerate().take(to).skip(from) {
        if sum <= 0.0 {
            start = i;
            sum = 0.0;
        }
        sum += s;
        if sum > 0.0 && best.is_none_or(|b| sum > b.2) {
            best = Some((start, i + 1, sum));
        }
    }
    best
}

/// The content runs of the page: the best segment, then the best of what is left on either
/// side while it scores at least [`SECONDARY_SHARE`] of the first.
fn content_runs(scores: &[f32]) -> Vec<(usize, usize)> {
    let Some((a, b, main)) = best_segment(scores, 0, scores.len()) else {
        return Vec::new();
    };
    let mut runs = vec![(a, b)];
    let mut todo = vec![(0, a), (b, scores.len())];
    while let Some((from, to)) = todo.pop() {
        if let Some((s, e, sum)) = best_segment(scores, from, to)
            && sum >= SECONDARY_SHARE * main
        {
            runs.push((s, e));
            todo.push((from, s));
            todo.push((e, to));
        }
    }
    runs.sort_unstable();
    runs
}

/// Words of content the main run must hold before a comment-section heading ends it (a lone
/// "Comments" button in a share bar right under the lede must not).
const CONTENT_BEFORE_COMMENTS: f32 = 100.0;

/// Words of content enough before a comment-section heading that is not among page controls.
const CONTENT_BEFORE_COMMENTS_HEADING: f32 = 20.0;

/// The first comment-section heading after the main content has begun: after at least
/// [`CONTENT_BEFORE_COMMENTS`] words of it, or [`CONTENT_BEFORE_COMMENTS_HEADING`] when the
/// heading does not stand among page controls (a share bar's "Comments" button).
fn comments_start(labels: &[Label], scores: &[f32]) -> Option<usize> {
    let (a, _, _) = best_segment(scores, 0, scores.len())?;
    let mut words = 0.0;
    let is_control = |l: Option<&Label>| {
        matches!(
            l,
            Some(Label::Chrome {
                rule: "controls",
                ..
            })
        )
    };
    for (i, label) in labels.iter().enumerate().skip(a) {
        match label {
            Label::Content { words: w } => words += w,
            Label::Boundary => {
                let before = labels[..i].iter().rev().find(|l| **l != Label::Blank);
                let after = labels[i + 1..].iter().find(|l| **l != Label::Blank);
                let in_bar = is_control(before) || is_control(after);
                if words >= CONTENT_BEFORE_COMMENTS
                    || (!in_bar && words >= CONTENT_BEFORE_COMMENTS_HEADING)
                {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Non-content lines that set a lone content line at the start of a run apart from the rest.
const TRIM_GAP: usize = 2;
/// Weight under which such a lone line is dropped from the run.
const TRIM_WORDS: f32 = 60.0;

/// Where a run really starts: a lone content line of under [`TRIM_WORDS`] at its start, set
/// apart from the next content line by [`TRIM_GAP`] or more non-content lines, is a caption, a
/// dek or a teaser rather than the article's first paragraph; the run starts after it. (Only
/// the start: the last paragraphs of an article are often set apart by a box or a heading.)
fn trim_start(labels: &[Label], mut a: usize, b: usize) -> usize {
    let content = |i: usize| matches!(labels[i], Label::Content { .. });
    while let Label::Content { words } = labels[a] {
        let Some(next) = (a + 1..b).find(|&i| content(i)) else {
            break;
        };
        let between = (a + 1..next).filter(|&i| labels[i] != Label::Blank).count();
        if words >= TRIM_WORDS || between < TRIM_GAP {
            break;
        }
        a = next;
    }
    a
}

/// Decide every line: `None` keeps it, `Some(rule)` removes it for that rule.
///
/// ```
/// use textmend::strip::smoothing::{decide, Label};
/// let c = Label::Content { words: 30.0 };
/// let menu = Label::Chrome { rule: "menu", strong: true };
/// let got = decide(&[menu, Label::Short, c, Label::Short, c, menu, Label::Short]);
/// assert_eq!(got, vec![Some("menu"), None, None, None, None, Some("menu"), Some("outside_content")]);
/// ```
pub fn decide(labels: &[Label]) -> Vec<Option<&'static str>> {
    let scores: Vec<f32> = labels.iter().map(|l| l.score()).collect();
    let mut inside = vec![false; labels.len()];
    let limit = comments_start(labels, &scores).unwrap_or(labels.len());
    let runs = content_runs(&scores[..limit]);
    if runs.is_empty() {
        // No prose at all: nothing to measure position against; keep all but chrome.
        inside[..limit].fill(true);
    }
    for &(a, b) in &runs {
        let a = trim_start(labels, a, b);
        inside[a..b].fill(true);
        // A heading right before a run (the title) belongs to it.
        if let Some(h) = (0..a).rev().find(|&i| labels[i] != Label::Blank)
            && matches!(labels[h], Label::Short | Label::Neutral)
        {
            inside[h] = true;
        }
    }
    (0..labels.len())
        .map(|i| match labels[i] {
            Label::Blank | Label::Content { .. } if inside[i] => None,
            Label::Blank => None,
            Label::Boundary => Some("comments"),
            Label::Chrome { rule, .. } if !inside[i] => Some(rule),
            _ if !inside[i] => Some("outside_content"),
            Label::Chrome { rule, strong: true } => Some(rule),
            Label::Chrome {
                rule,
                strong: false,
            } => {
                let (before, after) = neighbours(labels, &inside, i, true);
                (!(is_content(before) && is_content(after))).then_some(rule)
            }
            Label::Short | Label::Neutral => {
                let (before, after) = neighbours(labels, &inside, i, false);
                (is_chrome(before) && is_chrome(after)).then_some("context")
            }
            Label::Content { .. } => None,
        })
        .collect()
}

fn is_content(l: Option<Label>) -> bool {
    matches!(l, Some(Label::Content { .. }))
}

fn is_chrome(l: Option<Label>) -> bool {
    matches!(l, Some(Label::Chrome { .. }))
}

/// The nearest decided labels (content or chrome; with `strong_only`, content or strong chrome,
/// so that a block of weak chrome between content lines is judged as one) before and after
/// line `i` within its run; `None` at the run's edge.
fn neighbours(
    labels: &[Label],
    inside: &[bool],
    i: usize,
    strong_only: bool,
) -> (Option<Label>, Option<Label>) {
    let decided = |l: &Label| match l {
        Label::Content { .. } | Label::Chrome { strong: true, .. } => true,
        Label::Chrome { strong: false, .. } => !strong_only,
        _ => false,
    };
    let before = labels[..i]
        .iter()
        .zip(&inside[..i])
        .rev()
        .take_while(|(_, ins)| **ins)
        .map(|(l, _)| *l)
        .find(decided);
    let after = labels[i + 1..]
        .iter()
        .zip(&inside[i + 1..])
        .take_while(|(_, ins)| **ins)
        .map(|(l, _)| *l)
        .find(decided);
    (before, after)
}

#[cfg(test)]
mod tests {
    use super::*;

    const C: Label = Label::Content { words: 70.0 };
    const MENU: Label = Label::Chrome {
        rule: "menu",
        strong: true,
    };
    const WEAK: Label = Label::Chrome {
        rule: "title_case_run",
        strong: false,
    };

    #[test]
    fn comments_end_the_content() {
        let got = decide(&[Label::Boundary, C, C, Label::Boundary, C, C, C]);
        assert_eq!(got[0], Some("comments"));
        assert_eq!(got[1], None);
        assert_eq!(got[3], Some("comments"));
        assert_eq!(got[4..], [Some("outside_content"); 3]);
    }

    #[test]
    fn short_line_between_content_is_content() {
        assert_eq!(decide(&[C, Label::Short, C]), vec![None, None, None]);
    }

    #[test]
    fn weak_chrome_between_content_is_kept() {
        assert_eq!(decide(&[C, WEAK, C]), vec![None, None, None]);
        assert_eq!(decide(&[C, WEAK, WEAK, WEAK, C]), vec![None; 5]);
        assert_eq!(decide(&[C, WEAK, MENU, C])[1], Some("title_case_run"));
    }

    #[test]
    fn short_line_between_chrome_inside_a_run_is_chrome() {
        let got = decide(&[C, MENU, Label::Short, MENU, C, C]);
        assert_eq!(got[2], Some("context"));
    }

    #[test]
    fn a_far_small_run_is_not_content() {
        let mut labels = vec![C, C, C];
        labels.extend([Label::Short; 20]);
        labels.push(Label::Content { words: 12.0 });
        let got = decide(&labels);
        assert_eq!(got[23], Some("outside_content"));
        assert_eq!(got[0], None);
    }

    #[test]
    fn a_split_article_keeps_both_halves() {
        let mut labels = vec![C, C, C];
        labels.extend([MENU; 25]);
        labels.extend([C, C]);
        let got = decide(&labels);
        assert_eq!(got[29], None);
    }

    #[test]
    fn a_lone_caption_before_the_article_is_not_content() {
        let caption = Label::Content { words: 20.0 };
        let got = decide(&[caption, Label::Short, Label::Short, C, C]);
        assert_eq!(got[0], Some("outside_content"));
        assert_eq!(
            got[2], None,
            "the line right before the article stays as its heading"
        );
        assert_eq!(got[3..], [None, None]);
    }
}
