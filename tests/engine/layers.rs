//! The layers stay as drawn in ARCHITECTURE.md: a module of `src/` may name
//! (`crate::x`) only the modules below it. The table here is the rule; the
//! scan reads every `crate::` path in the sources, in `use` lines and inline.

use std::collections::BTreeSet;
use std::path::Path;

use crate::common::rust_files;

/// Each top-level module of `src/` and the modules it may import.
/// Leaves (`time`, `timings`, `atomic_file`, `output_dir`, `font`) import nothing of the crate.
const ALLOWED: &[(&str, &[&str])] = &[
    ("time", &[]),
    ("timings", &[]),
    ("font", &[]),
    ("atomic_file", &[]),
    ("output_dir", &[]),
    ("scenario", &["time"]),
    ("sim", &["scenario", "time"]),
    ("observe", &["scenario", "time"]),
    ("model", &["sim", "observe", "scenario", "time"]),
    ("stats", &["observe", "scenario", "time"]),
    (
        "experiment",
        &[
            "stats",
            "model",
            "observe",
            "scenario",
            "time",
            "timings",
            "atomic_file",
        ],
    ),
    (
        "report",
        &[
            "experiment",
            "stats",
            "observe",
            "scenario",
            "time",
            "timings",
            "atomic_file",
            "font",
        ],
    ),
    (
        "view",
        &["experiment", "model", "observe", "scenario", "time", "font"],
    ),
];

/// The crate modules named by `crate::` paths in `source`, with the line
/// they appear on; grouped imports (`crate::{a, b::c}`) name each group member.
fn crate_imports(source: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (n, line) in source.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            if let Some(group) = after.strip_prefix('{') {
                let inner = group.split('}').next().unwrap_or("");
                for item in inner.split(',') {
                    let name: String = item
                        .trim()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if !name.is_empty() {
                        found.push((n + 1, name));
                    }
                }
            } else {
                let name: String = after
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    found.push((n + 1, name));
                }
            }
            rest = after;
        }
    }
    found
}

/// The crate modules each top-level module of `src/` imports.
fn imports(src: &Path) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for file in rust_files(src) {
        let top = top_module(src, &file);
        let text = std::fs::read_to_string(&file).expect("readable source");
        for (_, target) in crate_imports(&text) {
            if target != top {
                out.insert((top.clone(), target));
            }
        }
    }
    out
}

/// The top-level module a file of `src/` belongs to.
fn top_module(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("under src");
    rel.components()
        .next()
        .and_then(|c| c.as_os_str().to_str())
        .unwrap_or("")
        .trim_end_matches(".rs")
        .to_string()
}

/// Every forbidden import under `src/`, as "file:line: a imports b".
fn violations(src: &Path) -> Vec<String> {
    let known: BTreeSet<&str> = ALLOWED.iter().map(|(m, _)| *m).collect();
    let mut out = Vec::new();
    for file in rust_files(src) {
        let top = top_module(src, &file);
        // The crate root and the command line may use everything.
        if matches!(top.as_str(), "lib" | "main" | "cli") {
            continue;
        }
        let Some((_, allowed)) = ALLOWED.iter().find(|(m, _)| *m == top) else {
            out.push(format!(
                "{}: module `{top}` is not in the layer table",
                file.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(&file).expect("readable source");
        for (line, target) in crate_imports(&text) {
            if target == top || !known.contains(target.as_str()) {
                continue;
            }
            if !allowed.contains(&target.as_str()) {
                out.push(format!(
                    "{}:{line}: `{top}` imports `{target}`",
                    file.display()
                ));
            }
        }
    }
    out
}

#[test]
fn no_module_imports_a_layer_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = violations(&src);
    assert!(
        found.is_empty(),
        "imports against the layers (see ARCHITECTURE.md):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_layer_table_allows_only_what_the_code_imports() {
    // A permission nobody uses is a layer drawn looser than the code: drop it
    // from the table (and from ARCHITECTURE.md) rather than keep it "in case".
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let used = imports(&src);
    let unused: Vec<String> = ALLOWED
        .iter()
        .flat_map(|(m, allowed)| allowed.iter().map(move |a| (m, a)))
        .filter(|(m, a)| !used.contains(&(m.to_string(), a.to_string())))
        .map(|(m, a)| format!("`{m}` may import `{a}` but does not"))
        .collect();
    assert!(unused.is_empty(), "{}", unused.join("\n"));
}

#[test]
fn import_scan_sees_plain_grouped_and_inline_paths() {
    let text = "use crate::model::Line;\nuse crate::{report, stats::X};\n\
                let x = crate::experiment::run(); // crate::view is a comment\n";
    let names: Vec<String> = crate_imports(text).into_iter().map(|(_, n)| n).collect();
    assert_eq!(names, ["model", "report", "stats", "experiment"]);
}

#[test]
fn a_forbidden_import_is_reported() {
    let dir = std::env::temp_dir().join(format!("taktline-layers-{}", std::process::id()));
    let model = dir.join("model");
    std::fs::create_dir_all(&model).unwrap();
    std::fs::write(model.join("bad.rs"), "use crate::report::render;\n").unwrap();
    std::fs::write(dir.join("time.rs"), "use crate::time::HOUR;\n").unwrap();
    let found = violations(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].ends_with("bad.rs:1: `model` imports `report`"));
}
