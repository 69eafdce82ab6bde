//! `textmend fix` options of the repair engine: `--explain`, `--preset ftfy` and the optional
//! cleanups.

mod common;

fn run(args: &[&str], input: &str) -> String {
    let out = common::run(None, args, Some(input.as_bytes()));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn explain_prints_each_change_with_its_plan() {
    let out = run(&["fix", "--explain"], "ok\nGröße: GrÃ¶ÃŸe\n");
    assert_eq!(
        out,
        "-:2:10: mojibake(utf-8 read as windows-1252): Ã¶ÃŸ -> öß  [encode windows-1252 -> decode utf-8]\n"
    );
}

#[test]
fn ftfy_preset_straightens_quotes_and_defaults_keep_them() {
    let input = "“Itâ€™s ﬁne”\n";
    assert_eq!(run(&["fix"], input), "“It’s ﬁne”\n");
    assert_eq!(run(&["fix", "--preset", "ftfy"], input), "\"It's fine\"\n");
    assert_eq!(run(&["fix", "--uncurl-quotes"], input), "\"It's ﬁne\"\n");
    assert_eq!(run(&["fix", "--fix-ligatures"], input), "“It’s fine”\n");
}

#[test]
fn normalization_can_be_chosen_or_switched_off() {
    let input = "cafe\u{301}\n";
    assert_eq!(run(&["fix"], input), "café\n");
    assert_eq!(run(&["fix", "--normalization", "none"], input), input);
    assert_eq!(run(&["fix", "--fix-fullwidth"], "ＡＢＣ１\n"), "ABC1\n");
}
