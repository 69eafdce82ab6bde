fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let s = textmend::strip::stoplists::stoplists();
    for line in text.lines() {
        let lang = s.detect(line);
        println!(
            "{:?} {:?} {}",
            lang,
            s.counts(line, lang),
            line.chars().take(60).collect::<String>()
        );
    }
}
