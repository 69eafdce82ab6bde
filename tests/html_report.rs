//! The HTML report opened in a real browser: headless Chromium renders it to a screenshot, and
//! the picture must show the side-by-side diff (the deleted and inserted line colours) and text.
//!
//! Needs Debian's `chromium`. Without it the test says so and passes, unless
//! `TEXTMEND_REQUIRE_BROWSER=1` (set by `.ci/run`, which installs Chromium) makes it fail.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| {
            std::env::var_os("PATH")
                .map(|p| {
                    std::env::split_paths(&p)
                        .map(|d| d.join(name))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
        .find(|p| p.is_file())
}

fn screenshot(browser: &Path, page: &Path, png: &Path, profile: &Path) {
    let status = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--window-size=1200,900",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    assert!(
        png.is_file(),
        "no screenshot: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

/// Count pixels of each colour of interest in an RGB(A) PNG.
fn colour_counts(png: &Path) -> (usize, usize, usize, usize) {
    let decoder = png::Decoder::new(std::io::BufReader::new(fs::File::open(png).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let step = info.color_type.samples();
    assert!(step >= 3, "unexpected colour type {:?}", info.color_type);
    let near = |p: &[u8], c: [u8; 3]| p.iter().zip(c).all(|(a, b)| a.abs_diff(b) <= 6);
    let (mut del, mut ins, mut dark, mut total) = (0, 0, 0, 0);
    for px in buf[..info.buffer_size()].chunks(step) {
        total += 1;
        if near(px, [0xff, 0xd7, 0xd5]) {
            del += 1;
        } else if near(px, [0xcc, 0xf5, 0xd4]) {
            ins += 1;
        } else if px[..3].iter().all(|&v| v < 100) {
            dark += 1;
        }
    }
    (del, ins, dark, total)
}

#[test]
fn html_report_renders_side_by_side_diff_in_chromium() {
    let Some(browser) = chromium() else {
        if std::env::var_os("TEXTMEND_REQUIRE_BROWSER").is_some() {
            panic!("TEXTMEND_REQUIRE_BROWSER is set but no chromium was found");
        }
        eprintln!("SKIPPED: chromium not installed (apt-get install chromium)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    fs::create_dir(&pages).unwrap();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    fs::copy(
        root.join("fixtures/clean/seed-gbk-as-latin1.in.txt"),
        pages.join("seed.txt"),
    )
    .unwrap();
    fs::copy(
        root.join("fixtures/clean/en-big5-quotes-as-latin1.in.txt"),
        pages.join("big5.txt"),
    )
    .unwrap();
    let report = dir.path().join("report.html");
    let out = Command::new(env!("CARGO_BIN_EXE_textmend"))
        .args(["clean", "-q", "--out-dir"])
        .arg(dir.path().join("out"))
        .arg("--report")
        .arg(&report)
        .arg(&pages)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let png = dir.path().join("shot.png");
    screenshot(&browser, &report, &png, &dir.path().join("profile"));
    let (del, ins, dark, total) = colour_counts(&png);
    assert!(total >= 1200 * 800, "screenshot too small: {total} pixels");
    // Deleted (red) and inserted (green) cells are visible, and so is text.
    assert!(del > 2_000, "deleted-line colour covers {del} pixels");
    assert!(ins > 2_000, "inserted-line colour covers {ins} pixels");
    assert!(dark > 2_000, "text covers {dark} pixels");
}
