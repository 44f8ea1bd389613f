//! Inside a folder of `src/`, the files import one another in one direction:
//! no file reaches, through its siblings' imports, back to itself. The scan
//! reads `crate::`, `super::` and `self::` paths (plain and grouped) and
//! gives each sibling (a file, or a subfolder as a whole) its edges.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::common::rust_files;

/// The module path of a source file: `src/model/handlers/flow.rs` is
/// `model::handlers::flow`, a folder's `mod.rs` is the folder.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).expect("under src");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().expect("a file name");
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" && stem != "main" {
        parts.push(stem.to_string());
    }
    parts
}

/// Every module path a file names, absolute: `crate::a::b` as `[a, b]`,
/// `super::x` and `self::x` from the file's own module; a group
/// (`super::{a, b::c}`) names each member.
fn named_paths(module: &[String], source: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for line in source.lines() {
        let code = line.split("//").next().unwrap_or("");
        for (prefix, base) in [
            ("crate::", Vec::new()),
            ("super::", parent(module)),
            ("self::", module.to_vec()),
        ] {
            let mut rest = code;
            while let Some(at) = rest.find(prefix) {
                let before = rest[..at].chars().last();
                let after = &rest[at + prefix.len()..];
                rest = after;
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                    continue;
                }
                for tail in members(after) {
                    let mut path = base.clone();
                    path.extend(tail);
                    out.push(path);
                }
            }
        }
    }
    out
}

/// The module `super::` names from a file's module: its parent (for a
/// `mod.rs`, whose module is its folder, the folder's parent).
fn parent(module: &[String]) -> Vec<String> {
    module[..module.len().saturating_sub(1)].to_vec()
}

/// The paths after a `prefix::`: `a::b::C` gives `[a, b, C]`;
/// `a::{b, c::{d, e}}` gives `[a, b]`, `[a, c, d]` and `[a, c, e]`.
fn members(after: &str) -> Vec<Vec<String>> {
    let mut path = Vec::new();
    let mut rest = after.trim_start();
    loop {
        if let Some(group) = rest.strip_prefix('{') {
            // The group's members, split at its own commas.
            let (mut depth, mut start, mut out) = (0, 0, Vec::new());
            for (k, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        out.push(&group[start..k]);
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        out.push(&group[start..k]);
                        start = k + 1;
                    }
                    _ => {}
                }
            }
            return out
                .into_iter()
                .flat_map(members)
                .map(|tail| [path.clone(), tail].concat())
                .filter(|p: &Vec<String>| !p.is_empty())
                .collect();
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if name.is_empty() {
            break;
        }
        rest = &rest[name.len()..];
        path.push(name);
        match rest.strip_prefix("::") {
            Some(r) => rest = r.trim_start(),
            None => break,
        }
    }
    if path.is_empty() {
        Vec::new()
    } else {
        vec![path]
    }
}

/// The children of every folder: files by stem, subfolders by name.
fn folders(src: &Path) -> BTreeMap<Vec<String>, BTreeSet<String>> {
    let mut out: BTreeMap<Vec<String>, BTreeSet<String>> = BTreeMap::new();
    for file in rust_files(src) {
        let rel = file.strip_prefix(src).expect("under src");
        let mut dirs: Vec<String> = Vec::new();
        let comps: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        for (i, c) in comps.iter().enumerate() {
            let name = c.trim_end_matches(".rs").to_string();
            if i + 1 < comps.len() || !matches!(name.as_str(), "mod" | "lib" | "main") {
                out.entry(dirs.clone()).or_default().insert(name.clone());
            }
            dirs.push(name);
        }
    }
    out
}

/// Each folder's edges between its children, with a file that makes each.
fn sibling_edges(src: &Path) -> BTreeMap<Vec<String>, BTreeMap<(String, String), PathBuf>> {
    let children = folders(src);
    let mut edges: BTreeMap<Vec<String>, BTreeMap<(String, String), PathBuf>> = BTreeMap::new();
    for file in rust_files(src) {
        let module = module_of(src, &file);
        let text = std::fs::read_to_string(&file).expect("readable source");
        for target in named_paths(&module, &text) {
            let common = module
                .iter()
                .zip(&target)
                .take_while(|(a, b)| a == b)
                .count();
            if common >= module.len() || common >= target.len() {
                continue;
            }
            let folder = module[..common].to_vec();
            let (from, to) = (&module[common], &target[common]);
            let known = children.get(&folder);
            if known.is_some_and(|k| k.contains(from) && k.contains(to)) {
                edges
                    .entry(folder)
                    .or_default()
                    .entry((from.clone(), to.clone()))
                    .or_insert_with(|| file.clone());
            }
        }
    }
    edges
}

/// The import cycles among a folder's children, each as `a -> b -> a`.
fn cycles(edges: &BTreeMap<(String, String), PathBuf>) -> Vec<String> {
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (a, b) in edges.keys() {
        next.entry(a).or_default().push(b);
    }
    let mut found = BTreeSet::new();
    for &start in next.keys() {
        // Depth-first from `start`, reporting any path that returns to it.
        let mut stack = vec![(start, vec![start])];
        let mut seen = BTreeSet::new();
        while let Some((at, path)) = stack.pop() {
            for &n in next.get(at).into_iter().flatten() {
                if n == start {
                    let mut cycle = path.clone();
                    // Report each cycle once, from its smallest member.
                    let min = cycle
                        .iter()
                        .enumerate()
                        .min_by_key(|(_, v)| **v)
                        .map_or(0, |(i, _)| i);
                    cycle.rotate_left(min);
                    let first = cycle[0];
                    cycle.push(first);
                    found.insert(cycle.join(" -> "));
                } else if seen.insert(n) {
                    let mut p = path.clone();
                    p.push(n);
                    stack.push((n, p));
                }
            }
        }
    }
    found.into_iter().collect()
}

/// Every cycle under `src`, as "folder: a -> b -> a".
fn all_cycles(src: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for (folder, edges) in sibling_edges(src) {
        let name = if folder.is_empty() {
            "src".to_string()
        } else {
            folder.join("/")
        };
        for c in cycles(&edges) {
            out.push(format!("{name}: {c}"));
        }
    }
    out
}

#[test]
fn no_files_of_a_folder_import_each_other_in_a_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = all_cycles(&src);
    assert!(
        found.is_empty(),
        "import cycles between the files of a folder:\n{}",
        found.join("\n")
    );
}

#[test]
fn a_cycle_between_two_files_of_a_folder_is_found() {
    let dir = std::env::temp_dir().join(format!("taktline-cycles-{}", std::process::id()));
    let model = dir.join("model");
    std::fs::create_dir_all(model.join("state")).unwrap();
    std::fs::write(model.join("mod.rs"), "mod a;\nmod state;\n").unwrap();
    std::fs::write(model.join("a.rs"), "use super::state::Line;\n").unwrap();
    std::fs::write(model.join("state/mod.rs"), "pub mod line;\n").unwrap();
    std::fs::write(
        model.join("state/line.rs"),
        "use crate::model::{a::Ctx, b};\n",
    )
    .unwrap();
    std::fs::write(dir.join("time.rs"), "use crate::model::a;\n").unwrap();
    let found = all_cycles(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(found, ["model: a -> state -> a"], "{found:?}");
}
