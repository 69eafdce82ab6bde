//! `textmend clean DIR`: boilerplate learned over a directory in a first pass; counts learned
//! over parts of a batch, written, read back and merged by site.

use std::fs;
use std::path::Path;
use std::process::Command;

const CHROME: &str = "Лента новостей\nПогода в Москве: +5\n";
const FOOTER: &str = "Подпишитесь на наш канал в Телеграме\nРедакция сайта\n";

fn page(title: &str, body: &str) -> String {
    format!("{CHROME}{title}\n{body}\n{FOOTER}")
}

fn pages() -> Vec<(&'static str, String, &'static str)> {
    vec![
        (
            "a.txt",
            page(
                "Открылась новая школа",
                "В районе открылась новая школа на тысячу учеников, и первые уроки в ней начнутся уже в понедельник, сообщили в мэрии.",
            ),
            "В районе открылась новая школа",
        ),
        (
            "b.txt",
            page(
                "Выпал первый снег",
                "Первый снег выпал в городе ночью, и к утру дороги покрылись тонким слоем льда, поэтому водителей просят быть осторожнее.",
            ),
            "Первый снег выпал в городе ночью",
        ),
    ]
}

fn textmend(args: &[&str]) {
    let status = Command::new(env!("CARGO_BIN_EXE_textmend"))
        .args(args)
        .status()
        .unwrap();
    assert!(status.success(), "textmend {args:?}");
}

fn check_outputs(out: &Path) {
    for (name, _, body) in pages() {
        let text = fs::read_to_string(out.join("site").join(name)).unwrap();
        assert!(text.contains(body), "{name}: {text}");
        assert!(!text.contains("Погода"), "{name}: {text}");
        assert!(!text.contains("Телеграме"), "{name}: {text}");
    }
}

#[test]
fn learns_over_a_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir_all(input.join("site")).unwrap();
    for (name, text, _) in pages() {
        fs::write(input.join("site").join(name), text).unwrap();
    }
    let out = tmp.path().join("out");
    textmend(&[
        "clean",
        "--out-dir",
        out.to_str().unwrap(),
        input.to_str().unwrap(),
    ]);
    check_outputs(&out);
}

#[test]
fn counts_learned_in_parts_merge_by_site() {
    let tmp = tempfile::tempdir().unwrap();
    let mut parts = Vec::new();
    for (k, (name, text, _)) in pages().into_iter().enumerate() {
        let part = tmp.path().join(format!("part{k}"));
        fs::create_dir_all(part.join("site")).unwrap();
        fs::write(part.join("site").join(name), text).unwrap();
        let counts = tmp.path().join(format!("counts{k}.json"));
        let scratch = tmp.path().join(format!("scratch{k}"));
        textmend(&[
            "clean",
            "--boilerplate-out",
            counts.to_str().unwrap(),
            "--out-dir",
            scratch.to_str().unwrap(),
            part.to_str().unwrap(),
        ]);
        parts.push((part, counts));
    }
    let out = tmp.path().join("out");
    let mut args = vec!["clean".to_string(), "--no-learn".to_string()];
    for (_, counts) in &parts {
        args.push("--boilerplate-in".into());
        args.push(counts.to_str().unwrap().into());
    }
    args.push("--out-dir".into());
    args.push(out.to_str().unwrap().into());
    for (part, _) in &parts {
        args.push(part.to_str().unwrap().into());
    }
    textmend(&args.iter().map(String::as_str).collect::<Vec<_>>());
    check_outputs(&out);
}

#[test]
fn without_learning_a_single_page_keeps_its_unknown_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    fs::create_dir_all(&dir).unwrap();
    let (name, text, body) = pages().remove(0);
    fs::write(dir.join(name), &text).unwrap();
    let out = tmp.path().join("out");
    textmend(&[
        "clean",
        "--no-learn",
        "--out-dir",
        out.to_str().unwrap(),
        tmp.path().to_str().unwrap(),
    ]);
    let got = fs::read_to_string(out.join("site").join(name)).unwrap();
    assert!(got.contains(body));
}
