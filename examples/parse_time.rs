use std::time::Instant;
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let what = std::env::args().nth(2).unwrap_or_default();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let texts: Vec<String> = files
        .iter()
        .map(|f| String::from_utf8_lossy(&std::fs::read(f).unwrap()).into_owned())
        .collect();
    let t = Instant::now();
    let mut n = 0;
    for _ in 0..3 {
        for h in &texts {
            match what.as_str() {
                "prepare" => n += textmend::html::parse::prepare(h, 512).len(),
                "parse" => n += textmend::html::parse::Dom::parse(h).len(),
                _ => {
                    n += textmend::html::extract(h, textmend::html::Format::Text)
                        .0
                        .len()
                }
            }
        }
    }
    println!("{what} {:?} {n}", t.elapsed() / 3);
}
