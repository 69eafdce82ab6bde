//! HTML input to `clean`: robustness on broken and hostile markup, pages without main content,
//! the output formats, and the record of what was dropped.

use textmend::{Config, Document, Mode};

fn clean(bytes: &[u8]) -> Document {
    textmend::process(bytes, Mode::Clean, &Config::default()).expect("HTML always decodes")
}

fn clean_as(bytes: &[u8], format: textmend::html::Format) -> Document {
    let mut config = Config::default();
    config.html.format = format;
    textmend::process(bytes, Mode::Clean, &config).unwrap()
}

const ARTICLE: &str = r#"<!DOCTYPE html>
<html><head><title>River rises | Example News</title><script>var x = "<p>not text</p>";</script>
<style>p { color: red }</style></head>
<body>
<header><a href="/">Example News</a><nav><a href="/world">World</a> <a href="/sport">Sport</a>
<a href="/weather">Weather</a></nav></header>
<div id="content"><article>
<h1>River rises two metres</h1>
<p>The river rose by two metres overnight, flooding the lower town and closing the old bridge,
officials said on <em>Tuesday</em> morning.</p>
<p>Residents of the riverside streets were moved to the school, where volunteers served
breakfast, and the <a href="https://example.org/council">council</a> opened a helpline.</p>
<h2>What comes next</h2>
<ul><li>Sandbags at the market square</li><li>Road closures until Friday</li></ul>
<script>track("pageview")</script>
<p>Forecasters expect the water to fall slowly over the weekend, if the rain holds off.</p>
<noscript>Enable JavaScript</noscript><template><p>template text</p></template>
<svg><text>svg text</text></svg>
<form><input type=text value="search"><button>Go</button></form>
</article>
<div class="share-tools"><a href="/s/fb">Facebook</a> <a href="/s/tw">Twitter</a></div>
<aside><h3>Most read</h3><a href="/a">One</a> <a href="/b">Two</a></aside>
</div>
<footer>Copyright 2024 Example News. All rights reserved.</footer>
</body></html>"#;

#[test]
fn article_keeps_content_in_order_and_drops_chrome_with_reasons() {
    let doc = clean(ARTICLE.as_bytes());
    let out = &doc.output;
    let order = [
        "River rises two metres",
        "The river rose",
        "Residents of",
        "What comes next",
        "Sandbags at the market square",
        "Road closures",
        "Forecasters expect",
    ];
    let mut at = 0;
    for part in order {
        let found = out[at..]
            .find(part)
            .unwrap_or_else(|| panic!("{part:?} in {out}"));
        at += found;
    }
    for chrome in [
        "Sport",
        "not text",
        "pageview",
        "color",
        "Enable JavaScript",
        "template text",
        "svg text",
        "Go",
        "Facebook",
        "Most read",
        "Copyright",
    ] {
        assert!(!out.contains(chrome), "{chrome:?} kept in {out}");
    }
    let ex = doc
        .extraction
        .clone()
        .expect("HTML input has an extraction record");
    let rules: Vec<String> = ex.dropped.iter().map(|d| d.reason.to_string()).collect();
    for rule in [
        "chrome(html_script)",
        "chrome(html_head)",
        "chrome(html_header)",
        "chrome(html_footer)",
        "chrome(html_aside)",
        "chrome(html_noscript)",
        "chrome(html_template)",
        "chrome(html_svg)",
        "chrome(html_form_control)",
    ] {
        assert!(rules.iter().any(|r| r == rule), "{rule} not in {rules:?}");
    }
    // The text stages' record starts at the extracted text and replays to the output.
    assert_eq!(doc.changes.replay(&doc.input), doc.output);
    assert!(doc.changed());
}

#[test]
fn markdown_keeps_headings_lists_emphasis_and_links() {
    let doc = clean_as(ARTICLE.as_bytes(), textmend::html::Format::Markdown);
    let out = &doc.output;
    assert!(out.starts_with("# River rises two metres\n"), "{out}");
    assert!(out.contains("\n## What comes next\n"), "{out}");
    assert!(
        out.contains("\n- Sandbags at the market square\n- Road closures"),
        "{out}"
    );
    assert!(out.contains("on *Tuesday* morning"), "{out}");
    assert!(
        out.contains("[council](https://example.org/council)"),
        "{out}"
    );
}

#[test]
fn html_format_gives_a_clean_fragment() {
    let doc = clean_as(ARTICLE.as_bytes(), textmend::html::Format::Html);
    let out = &doc.output;
    assert!(out.starts_with("<h1>River rises two metres</h1>"), "{out}");
    assert!(
        out.contains("<li>Sandbags at the market square</li>"),
        "{out}"
    );
    assert!(out.contains("<em>Tuesday</em>"), "{out}");
    assert!(out.contains(r#"<a href="https://example.org/council">council</a>"#));
    for gone in ["<script", "<div", "<nav", "<form", "class="] {
        assert!(!out.contains(gone), "{gone} in {out}");
    }
}

#[test]
fn a_page_without_main_content_gives_empty_output_with_a_reason() {
    let page = r#"<!doctype html><html><body>
        <div class="menu"><a href="/">Home</a> | <a href="/a">About</a> | <a href="/c">Contact</a></div>
        <ul><li><a href="/1">Products</a></li><li><a href="/2">Services</a></li><li><a href="/3">Blog</a></li></ul>
        <div><a href="/login">Log in</a> <a href="/signup">Sign up</a></div>
        </body></html>"#;
    let doc = clean(page.as_bytes());
    assert_eq!(doc.output, "");
    let ex = doc.extraction.unwrap();
    assert!(
        ex.dropped
            .iter()
            .any(|d| d.reason.to_string() == "chrome(html_no_main_content)"),
        "{ex:?}"
    );
}

#[test]
fn truncated_pages_never_panic() {
    let bytes = ARTICLE.as_bytes();
    for cut in (0..bytes.len()).step_by(7) {
        let doc = clean(&bytes[..cut]);
        assert_eq!(doc.changes.replay(&doc.input), doc.output);
    }
    let gbk = include_bytes!("../fixtures/clean/html-zh-gbk.in.html");
    for cut in (0..gbk.len()).step_by(13) {
        clean(&gbk[..cut]);
    }
}

#[test]
fn malformed_markup_never_panics() {
    let cases = [
        "<html><body><p>unclosed <b>bold <i>both</b> italic</i> and <table><td>cell<p>para</table>",
        "<!doctype html><body></div></div></span><p>stray end tags</p></body></html></html>",
        "<html><body><a href='x'><a href='y'>nested links</a></a><select><p>in select</select>",
        "<body><table><tr><td><table><tr><td>deep<td></table></table><frameset>",
        "<p>text with <!-- unclosed comment",
        "<p attr='unterminated>text</p><script>never closed",
        "<\u{0}p>nul\u{0} bytes</p><math><mi>x</mi></math><svg><p>html in svg</svg>",
        "<body>\u{feff}<p>\u{fffd}\u{fffd}</p><plaintext><p>not a tag",
    ];
    for case in cases {
        let doc = textmend::process(case.as_bytes(), Mode::Clean, &Config::default());
        if let Ok(doc) = doc {
            assert_eq!(doc.changes.replay(&doc.input), doc.output, "{case}");
        }
    }
}

#[test]
fn deeply_nested_markup_does_not_overflow_the_stack() {
    for open in [
        "<div>",
        "<span>",
        "<b>",
        "<table><tr><td>",
        "<ul><li>",
        "<blockquote>",
    ] {
        let page = format!(
            "<!doctype html><body>{}<p>Deep inside, the text is still found, and kept as it is.</p>",
            open.repeat(100_000)
        );
        let doc = clean(page.as_bytes());
        assert!(
            doc.output.contains("Deep inside, the text is still found"),
            "{open}: {:?}",
            doc.output
        );
    }
}

#[test]
fn html_is_recognised_by_content_not_name() {
    assert!(textmend::html::is_html(ARTICLE.as_bytes()));
    assert!(textmend::html::is_html(b"  \n<!-- saved page --><html>"));
    // UTF-16 with a BOM.
    let mut utf16 = vec![0xff, 0xfe];
    for u in "<!DOCTYPE html><body><article><p>A paragraph in UTF-16, long enough to be the main content.</p>".encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    assert!(textmend::html::is_html(&utf16));
    assert_eq!(
        clean(&utf16).output,
        "A paragraph in UTF-16, long enough to be the main content.\n"
    );
    // Text that merely mentions tags is not HTML, and goes through the text pipeline.
    let doc = clean(b"Use <p> for paragraphs.\n");
    assert!(doc.extraction.is_none());
    assert_eq!(doc.output, "Use <p> for paragraphs.\n");
}

#[test]
fn declared_legacy_charsets_are_honoured() {
    let (bytes, _, _) = encoding_rs::GBK.encode(
        "<html><head><meta charset=gbk></head><body><article><p>这是一段足够长的中文段落，用来检查页面声明的编码是否被正确使用，而不会变成乱码。</p></article></body></html>",
    );
    let doc = clean(&bytes);
    assert_eq!(doc.encoding, "GBK");
    assert_eq!(
        doc.output,
        "这是一段足够长的中文段落，用来检查页面声明的编码是否被正确使用，而不会变成乱码。\n"
    );
}

#[test]
fn markdown_escapes_markup_characters_in_text() {
    let page = "<html><body><article><p>Use snake_case names and *stars* here, with [brackets], \
                in a paragraph long enough to count.</p></article></body></html>";
    let doc = clean_as(page.as_bytes(), textmend::html::Format::Markdown);
    assert_eq!(
        doc.output,
        "Use snake\\_case names and \\*stars\\* here, with \\[brackets\\], in a paragraph long enough to count.\n"
    );
}

#[test]
fn source_line_breaks_inside_chinese_and_japanese_text_are_no_spaces() {
    let page = "<html><body><article><p>据水利部长江水利委员会介绍，今年入汛以来，\n长江流域降水量较常年同期偏多两成。</p>\n\
                <p>気象台は二十日、市内の標本木で\n桜の開花を確認したと発表しました。</p>\n\
                <p>Korean keeps its spaces: 서울의\n날씨는 맑습니다, and English too,\nas always.</p></article></body></html>";
    let doc = clean(page.as_bytes());
    assert_eq!(
        doc.output,
        "据水利部长江水利委员会介绍，今年入汛以来，长江流域降水量较常年同期偏多两成。\n\n\
         気象台は二十日、市内の標本木で桜の開花を確認したと発表しました。\n\n\
         Korean keeps its spaces: 서울의 날씨는 맑습니다, and English too, as always.\n"
    );
}
