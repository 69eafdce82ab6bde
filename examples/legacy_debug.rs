//! Print what the legacy pass does with each argument (development aid).
fn main() {
    for arg in std::env::args().skip(1) {
        let out = textmend::fix_text(&arg, &textmend::Config::default());
        println!("{arg}\n  -> {}", out.text);
        for c in out.changes.iter() {
            println!("  {:?} -> {:?}: {}", c.before, c.after, c.reason);
        }
    }
}
