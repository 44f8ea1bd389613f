//! A property test: mutated scenario files never panic. Every shipped
//! scenario is cut into rough tokens and mutated (a token deleted,
//! duplicated or swapped with its neighbour, a number or a duration made
//! extreme); loading a mutant either fails with diagnostics or gives a
//! scenario that simulates, and neither ever panics.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::Command;

use taktline::experiment::run_replication;
use taktline::scenario::load_file;
use taktline::time::{DAY, Span};

/// Mutants loaded (and, when valid, run) by the library-level test.
const MUTANTS: usize = 3000;
/// Mutants checked through the binary.
const CLI_MUTANTS: usize = 100;
/// Every how many-th valid mutant is simulated (1: all), to keep the test fast.
const RUN_EVERY: usize = 2;
/// Numbers a mutation writes in place of a number.
const NUMBERS: [&str; 8] = [
    "0",
    "-1",
    "1e308",
    "18446744073709551615",
    "4294967296",
    "0.0000001",
    "nan",
    "1e-300",
];
/// Durations a mutation writes in place of a duration.
const DURATIONS: [&str; 5] = ["0s", "1e9d", "99999999999d", "0.000001s", "-5h"];

/// splitmix64: a small deterministic generator, so a failure reproduces.
struct SplitMix(u64);

impl SplitMix {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in 0..n (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Whitespace and line comments: kept as they are.
    Trivia,
    Ident,
    Number,
    Str,
    Punct,
}

#[derive(Clone, Debug)]
struct Token {
    kind: Kind,
    text: String,
}

/// Cuts RON text into rough tokens; concatenating them gives the text back.
fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        let c = chars[i];
        let kind = if c.is_whitespace() {
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
            Kind::Trivia
        } else if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            Kind::Trivia
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i = (i + 1).min(chars.len());
            Kind::Str
        } else if c.is_ascii_digit() {
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            Kind::Number
        } else if c.is_alphabetic() || c == '_' {
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            Kind::Ident
        } else {
            i += 1;
            Kind::Punct
        };
        tokens.push(Token {
            kind,
            text: chars[start..i].iter().collect(),
        });
    }
    tokens
}

/// Whether a token is a string holding a duration ("12min", "10d").
fn is_duration(t: &Token) -> bool {
    t.kind == Kind::Str
        && t.text
            .strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .is_some_and(|s| Span::parse(s).is_ok())
}

/// The text with one random mutation applied.
fn mutate(tokens: &[Token], rng: &mut SplitMix) -> String {
    let mut t = tokens.to_vec();
    let of = |keep: &dyn Fn(&Token) -> bool| -> Vec<usize> {
        t.iter()
            .enumerate()
            .filter(|&(_, x)| keep(x))
            .map(|(i, _)| i)
            .collect()
    };
    let significant = of(&|x| x.kind != Kind::Trivia);
    let numbers = of(&|x| x.kind == Kind::Number);
    let durations = of(&is_duration);
    match rng.below(5) {
        1 => {
            let i = *rng.pick(&significant);
            let copy = t[i].clone();
            t.insert(i + 1, copy);
            t.insert(
                i + 1,
                Token {
                    kind: Kind::Trivia,
                    text: " ".into(),
                },
            );
        }
        2 if significant.len() >= 2 => {
            let k = rng.below(significant.len() - 1);
            t.swap(significant[k], significant[k + 1]);
        }
        3 if !numbers.is_empty() => {
            let i = *rng.pick(&numbers);
            t[i].text = rng.pick(&NUMBERS).to_string();
        }
        4 if !durations.is_empty() => {
            let i = *rng.pick(&durations);
            t[i].text = format!("\"{}\"", rng.pick(&DURATIONS));
        }
        _ => {
            let i = *rng.pick(&significant);
            t.remove(i);
        }
    }
    t.iter().map(|x| x.text.as_str()).collect()
}

/// A fresh folder of this test process, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("taktline-fuzz-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Copies every shipped scenario into `dir` (so that `extends` finds its
/// base beside a mutant) and gives each one's file name and tokens.
fn shipped_scenarios(dir: &Path) -> Vec<(String, Vec<Token>)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir("scenarios")
        .expect("the scenarios folder")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    let sources: Vec<(String, Vec<Token>)> = files
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(p).unwrap();
            std::fs::write(dir.join(&name), &text).unwrap();
            let tokens = tokenize(&text);
            let back: String = tokens.iter().map(|t| t.text.as_str()).collect();
            assert_eq!(back, text, "{name}: the tokens give the text back");
            (name, tokens)
        })
        .collect();
    assert!(
        sources.iter().any(|(n, _)| n == "baseline.ron") && sources.len() >= 2,
        "the shipped scenarios are found"
    );
    sources
}

/// A source to mutate: the baseline half the time (it holds most of the
/// format), else any shipped scenario.
fn choose<'a>(sources: &'a [(String, Vec<Token>)], rng: &mut SplitMix) -> &'a (String, Vec<Token>) {
    if rng.below(2) == 0 {
        sources
            .iter()
            .find(|(n, _)| n == "baseline.ron")
            .expect("the baseline is shipped")
    } else {
        rng.pick(sources)
    }
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".into())
}

fn first_failures(failures: &[String]) -> String {
    failures
        .iter()
        .take(3)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("\n\n----------\n\n")
}

#[test]
fn mutated_scenarios_never_panic_when_loaded_or_run() {
    let dir = Scratch::new("library");
    let sources = shipped_scenarios(&dir.0);
    let mut rng = SplitMix(0x7a6b_746c_696e_6501);
    let path = dir.0.join("mutant.ron");
    let mut failures = Vec::new();
    let (mut valid, mut ran) = (0usize, 0usize);
    for k in 0..MUTANTS {
        let (name, tokens) = choose(&sources, &mut rng);
        let text = mutate(tokens, &mut rng);
        std::fs::write(&path, &text).unwrap();
        let loaded = match catch_unwind(AssertUnwindSafe(|| load_file(&path))) {
            Ok(loaded) => loaded,
            Err(p) => {
                failures.push(format!(
                    "mutant {k} of {name}: loading panicked: {}\n{text}",
                    panic_message(&*p)
                ));
                continue;
            }
        };
        let Ok(mut s) = loaded else { continue };
        valid += 1;
        if !valid.is_multiple_of(RUN_EVERY) || s.line.takt < 1.0 {
            continue;
        }
        s.horizon = s.horizon.min(2.0 * DAY);
        s.warmup = s.warmup.min(s.horizon / 4.0);
        ran += 1;
        if let Err(p) = catch_unwind(AssertUnwindSafe(|| run_replication(&s, 0))) {
            failures.push(format!(
                "mutant {k} of {name}: the run panicked: {}\n{text}",
                panic_message(&*p)
            ));
        }
    }
    eprintln!("{MUTANTS} mutants: {valid} valid, {ran} simulated");
    assert!(
        valid > 0 && valid < MUTANTS && ran > 0,
        "the mutations must give both valid and invalid scenarios ({valid} valid, {ran} run)"
    );
    assert!(
        failures.is_empty(),
        "{} of {MUTANTS} mutants panicked; the first:\n{}",
        failures.len(),
        first_failures(&failures)
    );
}

#[test]
fn mutated_scenarios_make_check_exit_0_or_2_never_panic() {
    let dir = Scratch::new("cli");
    let sources = shipped_scenarios(&dir.0);
    let mut rng = SplitMix(0x7a6b_746c_696e_6502);
    let mut failures = Vec::new();
    let mut refused = 0;
    for k in 0..CLI_MUTANTS {
        let (name, tokens) = choose(&sources, &mut rng);
        let text = mutate(tokens, &mut rng);
        let path = dir.0.join(format!("mutant-{k:03}.ron"));
        std::fs::write(&path, &text).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_taktline"))
            .arg("check")
            .arg(path)
            .output()
            .unwrap();
        let code = out.status.code();
        let stderr = String::from_utf8_lossy(&out.stderr);
        if code == Some(2) {
            refused += 1;
        }
        if !matches!(code, Some(0 | 2)) || stderr.contains("panicked") {
            failures.push(format!(
                "mutant {k} of {name}: exit {code:?}\n{stderr}\n{text}"
            ));
        }
    }
    assert!(refused > 0, "some mutants must be invalid");
    assert!(
        failures.is_empty(),
        "{} of {CLI_MUTANTS} mutants crashed `taktline check`; the first:\n{}",
        failures.len(),
        first_failures(&failures)
    );
}
