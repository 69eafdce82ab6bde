//! Which chrome rules fire on the clean fixtures (five languages), and batch boilerplate
//! learning on real-looking pages in Russian and Chinese.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use textmend::strip::RULE_NAMES;
use textmend::strip::boilerplate::Boilerplate;
use textmend::{Config, Reason};

/// The chrome rules that removed lines of fixture `name`, and the output.
fn rules_of(text: &str, counts: Option<(&Boilerplate, &str)>) -> (BTreeSet<String>, String) {
    let config = Config::default();
    let fixed = match counts {
        Some((b, site)) => textmend::clean_with(text, &config, Some(b.view(site))),
        None => textmend::clean(text, &config),
    };
    let rules = fixed
        .changes
        .iter()
        .filter_map(|c| match &c.reason {
            Reason::Chrome { rule } => Some(rule.clone()),
            _ => None,
        })
        .collect();
    (rules, fixed.text)
}

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/clean")
        .join(name);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn each_fixture_fires_its_rules() {
    for (name, expected) in [
        (
            "ru-news-menu.in.txt",
            &[
                "menu",
                "breadcrumb",
                "controls",
                "related",
                "comments",
                "copyright",
            ][..],
        ),
        (
            "zh-news-breadcrumb.in.txt",
            &["menu", "breadcrumb", "phrase", "copyright"],
        ),
        (
            "de-blog-cookies.in.txt",
            &[
                "title_case_run",
                "phrase",
                "comments",
                "menu",
                "outside_content",
            ],
        ),
        (
            "fr-article-share.in.txt",
            &[
                "breadcrumb",
                "controls",
                "phrase",
                "menu",
                "outside_content",
            ],
        ),
        (
            "en-blog-comments.in.txt",
            &[
                "controls",
                "phrase",
                "comments",
                "copyright",
                "outside_content",
            ],
        ),
    ] {
        let (rules, _) = rules_of(&fixture(name), None);
        for rule in expected {
            assert!(
                rules.contains(*rule),
                "{name}: {rule} did not fire: {rules:?}"
            );
        }
    }
}

#[test]
fn every_emitted_rule_is_documented() {
    let known: BTreeSet<&str> = RULE_NAMES.iter().map(|(n, _)| *n).collect();
    for entry in fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/clean")).unwrap()
    {
        let path = entry.unwrap().path();
        // Plain-text fixtures only: the HTML ones go through extraction, not the line rules.
        if path.to_string_lossy().ends_with(".in.txt") {
            let (rules, _) = rules_of(&fs::read_to_string(&path).unwrap(), None);
            for rule in rules {
                assert!(known.contains(rule.as_str()), "{}: {rule}", path.display());
            }
        }
    }
}

#[test]
fn a_list_of_names_inside_prose_is_removed_only_when_long_and_without_function_words() {
    let text = "Новости дня\n\
        Сегодня в городе прошёл большой праздник, и на главной площади собрались тысячи людей, чтобы посмотреть на салют.\n\
        Москва Петербург Казань Самара Омск Томск Пермь Уфа Тула Курск Орёл Псков Тверь Сочи Ростов\n\
        Праздник продолжался до поздней ночи, а на следующий день улицы города были снова чистыми и тихими.\n\
        Он сказал, что это был лучший праздник за все последние годы, и что он придёт снова на следующий год.\n";
    let (rules, out) = rules_of(text, None);
    // Between two content lines, the weak rule gives way: the line stays.
    assert!(out.contains("Москва Петербург"), "{out}");
    assert!(!rules.contains("low_function_words"));
    let tail = format!(
        "{text}Москва Петербург Казань Самара Омск Томск Пермь Уфа Тула Курск Орёл Псков Тверь Сочи Ростов\n"
    );
    let (rules, out) = rules_of(&tail, None);
    assert!(rules.contains("low_function_words") || rules.contains("outside_content"));
    assert_eq!(out.matches("Москва Петербург").count(), 1, "{out}");
    // A full stop does not make the list a sentence: it has no function word.
    let (rules, out) = rules_of(&format!("{}.\n", tail.trim_end()), None);
    assert!(rules.contains("low_function_words") || rules.contains("outside_content"));
    assert_eq!(out.matches("Москва Петербург").count(), 1, "{out}");
}

#[test]
fn a_short_line_between_chrome_inside_the_content_is_chrome() {
    let para = "The council met on Tuesday evening and agreed, after a long debate, to repair the old bridge before the winter comes.";
    let text = format!(
        "{para}\n{para}\nShare | Tweet | Email\nWeekend Edition\nPrivacy Policy\n{para}\n{para}\n"
    );
    let (rules, out) = rules_of(&text, None);
    assert!(rules.contains("context"), "{rules:?}");
    assert!(!out.contains("Weekend Edition"));
}

const RU_PAGE: &str = "Главная\nЛента новостей\nПогода в Москве: +5\n{TITLE}\n{BODY}\nПодпишитесь на наш канал в Телеграме\nРедакция сайта\n";
const ZH_PAGE: &str = "网站首页\n本站动态\n手机版\n{TITLE}\n{BODY}\n本网站所刊登的信息仅供参考\n地址：北京市某某路八号\n";

fn page(template: &str, title: &str, body: &str) -> String {
    template.replace("{TITLE}", title).replace("{BODY}", body)
}

#[test]
fn batch_counts_strip_site_boilerplate_in_russian_and_chinese() {
    let ru = [
        (
            "Открылась новая школа",
            "В районе открылась новая школа на тысячу учеников, и первые уроки в ней начнутся уже в понедельник, сообщили в мэрии.",
        ),
        (
            "Выпал первый снег",
            "Первый снег выпал в городе ночью, и к утру дороги покрылись тонким слоем льда, поэтому водителей просят быть осторожнее.",
        ),
        (
            "Концерт в парке",
            "В субботу в центральном парке пройдёт бесплатный концерт, на который приглашают всех жителей и гостей города.",
        ),
    ];
    let zh = [
        (
            "图书馆延长开放时间",
            "从下周一开始，市图书馆将在每周四延长开放时间到晚上九点，以方便下班以后的读者前来借书和学习。",
        ),
        (
            "公园举办菊花展",
            "本月中旬，人民公园举办了一年一度的菊花展，展出了上百个品种的菊花，吸引了很多市民前来参观和拍照。",
        ),
    ];
    let mut counts = Boilerplate::default();
    for (t, b) in ru {
        counts.observe("ru.example", &page(RU_PAGE, t, b));
    }
    for (t, b) in zh {
        counts.observe("zh.example", &page(ZH_PAGE, t, b));
    }
    // The counts survive a round trip through JSON and merging with nothing.
    let json = serde_json::to_string(&counts).unwrap();
    let mut merged = Boilerplate::default();
    merged.merge(&serde_json::from_str(&json).unwrap());
    assert_eq!(merged, counts);

    let (t, b) = ru[0];
    let (rules, out) = rules_of(&page(RU_PAGE, t, b), Some((&merged, "ru.example")));
    assert!(rules.contains("boilerplate"), "{rules:?}");
    assert_eq!(out, format!("{t}\n{b}\n"));
    let (t, b) = zh[1];
    let (rules, out) = rules_of(&page(ZH_PAGE, t, b), Some((&merged, "zh.example")));
    assert!(rules.contains("boilerplate"), "{rules:?}");
    assert_eq!(out, format!("{t}\n{b}\n"));
    // Without the counts, the page's own lines stay where nothing marks them as chrome.
    let (_, alone) = rules_of(&page(ZH_PAGE, t, b), None);
    assert!(alone.contains(b));
}

#[test]
fn lines_common_to_many_sites_are_weak_chrome() {
    let mut counts = Boilerplate::default();
    let body = "The harbour was busy all week as fishing boats came back early because of the storm that was expected on Friday.";
    for site in ["a.example", "b.example", "c.example"] {
        counts.observe(site, &format!("Editors' Picks\n{body}\n"));
    }
    let text = format!("{body}\n{body}\nEditors' Picks\nWeather\n");
    let (rules, out) = rules_of(&text, Some((&counts, "d.example")));
    assert!(rules.contains("common_line"), "{rules:?}");
    assert!(!out.contains("Editors"));
}

#[test]
fn a_dateline_goes_unless_it_sits_between_content_lines() {
    let para = "Le conseil municipal a voté mardi soir la rénovation du vieux pont, après un long débat sur son coût et sur la durée des travaux.";
    let text = format!(
        "Publié le 18 novembre 2019 à 10h43\n\n{para}\n\n— Marie Dupont (@marie) 18 novembre 2019\n\n{para}\n"
    );
    let (rules, out) = rules_of(&text, None);
    assert!(rules.contains("dateline"), "{rules:?}");
    assert!(!out.contains("Publié"), "{out}");
    assert!(
        out.contains("— Marie Dupont (@marie) 18 novembre 2019"),
        "{out}"
    );
}

/// The CJK sentences of the intact corpus, as UTF-8 read as GBK or Shift_JIS with the bytes
/// those cannot read replaced (U+FFFD), as a page downloaded with the wrong encoding comes:
/// mojibake no repair can read back.
fn lossy_cjk_pages() -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/corpus/intact.jsonl");
    let mut pages = Vec::new();
    for line in fs::read_to_string(path).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        if !matches!(v["lang"].as_str(), Some("zh" | "ja")) {
            continue;
        }
        let text = v["text"].as_str().unwrap();
        for enc in [encoding_rs::GBK, encoding_rs::SHIFT_JIS] {
            let (read, _, lossy) = enc.decode(text.as_bytes());
            if lossy {
                pages.push(read.into_owned());
            }
        }
    }
    pages
}

#[test]
fn a_page_is_never_all_chrome_unless_rules_say_so() {
    // A page of one line of unreadable mojibake has no function words of any language: the
    // strip used to remove it whole (an empty output). The line stays, unless a rule matches
    // it (mojibake can hold `＞` and `→`, a breadcrumb's separators); a breadcrumb above it
    // still goes, and a page that only rules call chrome still comes out empty.
    let judged_by_words = [
        "low_function_words",
        "title_case_run",
        "outside_content",
        "context",
    ];
    let mut kept = 0;
    for page in lossy_cjk_pages() {
        let (rules, out) = rules_of(&format!("{page}\n"), None);
        assert!(
            !rules.iter().any(|r| judged_by_words.contains(&r.as_str())),
            "{rules:?} {page}"
        );
        if !rules.is_empty() {
            continue;
        }
        // (Repaired where it can be: the lossless start of a line.)
        assert!(out.chars().filter(|c| !c.is_whitespace()).count() * 2 > page.chars().count());
        let (rules, with_crumb) = rules_of(&format!("Home > News > World\n{page}\n"), None);
        assert_eq!(rules, BTreeSet::from(["breadcrumb".to_string()]), "{page}");
        assert_eq!(with_crumb, out);
        kept += 1;
    }
    assert!(kept >= 10, "{kept}");
    let (rules, out) = rules_of("Home > News > World\nCopyright © 2018 Acme Inc.\n", None);
    assert!(
        rules.contains("breadcrumb") && rules.contains("copyright"),
        "{rules:?}"
    );
    assert_eq!(out.trim(), "");
}

#[test]
fn hard_wrapped_paragraphs_are_judged_whole() {
    // Wikipedia paragraphs wrapped at about 80 columns (the uchardet corpus's UTF-8 texts, 41
    // languages): each line alone is too short to read as prose, and `clean` used to keep only
    // the first line of a text like Swedish `Mölle är en tätort…` (89 of 681 bytes). Judged as
    // paragraphs, every line stays (a number's ordinal dot ends no sentence: Latvian
    // `dzimis 1853.` / `gada 30. martā`). That holds also for the Finnish and Japanese
    // paragraphs with few function words (`Termi science fiction on amerikkalaisen…`, one in
    // twenty): a sentence with any function word is no list of links.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/uchardet");
    let (mut texts, mut wrapped) = (0, 0);
    for entry in fs::read_dir(&root).unwrap() {
        let dir = entry.unwrap().path();
        let Ok(text) = fs::read_to_string(dir.join("utf-8.txt")) else {
            continue;
        };
        let lang = dir.file_name().unwrap().to_str().unwrap().to_string();
        let (rules, _) = rules_of(&text, None);
        assert!(rules.is_empty(), "{lang}: {rules:?}");
        texts += 1;
        wrapped += usize::from(textmend::strip::units(&text).len() < text.lines().count());
    }
    assert!(texts >= 40 && wrapped >= 20, "{texts} {wrapped}");
    // Lines of a page flattened from HTML (a paragraph a line, a menu of short lines) stay
    // units of their own, and the menu still goes.
    let page = "Home\nNews\nSport\nWeather\n\nThe council met on Tuesday evening and agreed, after a long debate, to repair the old bridge before the winter.\nWork starts in March and should take about six months, the mayor said.\n";
    assert_eq!(textmend::strip::units(page).len(), page.lines().count());
    let (rules, out) = rules_of(page, None);
    assert!(
        !rules.is_empty() && !out.contains("Weather"),
        "{rules:?} {out}"
    );
    assert!(
        out.contains("The council met") && out.contains("Work starts"),
        "{out}"
    );
}

#[test]
fn ukrainian_prose_reads_as_prose() {
    // The uchardet corpus's Ukrainian Wikipedia paragraph on a page with a breadcrumb and a
    // second paragraph: its function words (`в`, `і`, `у`, `на`) were not in the Stopwords ISO
    // list, and the paragraph went as low_function_words while the short one stayed.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let paragraph = fs::read_to_string(root.join("tests/data/uchardet/uk/utf-8.txt")).unwrap();
    let page = format!(
        "Головна > Новини\n{}\n\nКиїв — столиця України. Місто розташоване на річці Дніпро і є одним з найстаріших міст Східної Європи.\n",
        paragraph.trim()
    );
    let (rules, out) = rules_of(&page, None);
    assert!(!rules.contains("low_function_words"), "{rules:?}");
    assert!(out.contains("Бабак") && out.contains("Київ"), "{out}");
}
