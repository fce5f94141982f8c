//! The architecture's rules, checked on the source itself (DESIGN.md, issue 14): the engine never
//! imports iced, the window or the command line; the window and the command line reach the engine only through `engine::api`;
//! SQL lives only in the store; the engine's modules import each other without a cycle; no
//! source file grows past 600 lines.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, with its text.
fn sources(dir: &str) -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, found: &mut Vec<(PathBuf, String)>) {
        let mut entries: Vec<_> =
            std::fs::read_dir(dir).expect("a source folder").flatten().map(|e| e.path()).collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                let text = std::fs::read_to_string(&path).expect("a source file");
                found.push((path, text));
            }
        }
    }
    let mut found = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut found);
    found
}

/// The file's path from the crate's root, with `/` separators.
fn relative(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    path.strip_prefix(root).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

/// The code of a line, without its `//` comment (enough for this source: no `//` inside the
/// strings these checks look for).
fn code(line: &str) -> &str {
    line.split("//").next().unwrap_or("")
}

/// The identifiers that follow each `prefix` in `line`: `prefix name` or `prefix {a, b::c}`.
fn names_after(line: &str, prefix: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find(prefix) {
        rest = &rest[at + prefix.len()..];
        let ident = |s: &str| s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>();
        if let Some(group) = rest.strip_prefix('{') {
            let inside = group.split('}').next().unwrap_or("");
            names.extend(inside.split(',').map(|part| ident(part.trim())).filter(|n| !n.is_empty()));
        } else {
            let name = ident(rest);
            if !name.is_empty() {
                names.push(name);
            }
        }
    }
    names
}

/// Whether `code` names the iced crates (`iced::…`, `iced_core`, …), not a word that ends in
/// "iced" ("spliced_advice").
fn names_iced(code: &str) -> bool {
    code.match_indices("iced").any(|(at, _)| {
        let before = code[..at].chars().next_back();
        let after = code[at + 4..].chars().next();
        !before.is_some_and(|c| c.is_alphanumeric() || c == '_') && matches!(after, Some(':' | '_' | ';' | ' '))
    })
}

#[test]
fn the_engine_never_imports_iced_the_window_or_the_command_line() {
    let offending: Vec<String> = sources("src/engine")
        .iter()
        .flat_map(|(path, text)| {
            text.lines()
                .enumerate()
                .filter(|(_, line)| {
                    let code = code(line);
                    names_iced(code) || code.contains("crate::ui") || code.contains("crate::cli")
                })
                .map(move |(n, _)| format!("{}:{}", relative(path), n + 1))
        })
        .collect();
    assert!(offending.is_empty(), "the engine imports iced at {offending:?}");
}

#[test]
fn the_window_and_the_command_line_reach_the_engine_only_through_its_api() {
    let mut offending = Vec::new();
    for dir in ["src/ui", "src/cli"] {
        for (path, text) in sources(dir) {
            for (n, line) in text.lines().enumerate() {
                let code = code(line);
                let reached =
                    names_after(code, "crate::engine::").into_iter().chain(names_after(code, "pochta::engine::"));
                for module in reached.filter(|module| module != "api") {
                    offending.push(format!("{}:{} uses engine::{module}", relative(&path), n + 1));
                }
            }
        }
    }
    assert!(offending.is_empty(), "{offending:#?}");
}

#[test]
fn sql_lives_only_in_the_store() {
    let offending: Vec<String> = sources("src")
        .iter()
        .filter(|(path, _)| {
            let path = relative(path);
            !(path.starts_with("src/engine/store/") || path == "src/engine/store.rs")
        })
        .filter(|(_, text)| text.lines().any(|line| code(line).contains("rusqlite")))
        .map(|(path, _)| relative(path))
        .collect();
    assert!(offending.is_empty(), "rusqlite used outside the store: {offending:?}");
}

/// The engine's top-level modules (`src/engine/<m>.rs` and `src/engine/<m>/`) and which of the
/// others each one names.
fn engine_module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, text) in sources("src/engine") {
        let path = relative(&path);
        let inside = path.trim_start_matches("src/engine/");
        let parts: Vec<&str> = inside.split('/').collect();
        let module = parts[0].trim_end_matches(".rs").to_string();
        // `super::` from src/engine/m.rs is the engine; from src/engine/m/f.rs it is m itself.
        let engine_from_here = match parts.len() {
            1 => "super::".to_string(),
            depth => "super::".repeat(depth),
        };
        let edges = graph.entry(module.clone()).or_default();
        for line in text.lines() {
            let code = code(line);
            let named = names_after(code, "crate::engine::").into_iter().chain(names_after(code, &engine_from_here));
            edges.extend(named.filter(|other| *other != module));
        }
    }
    let modules: BTreeSet<String> = graph.keys().cloned().collect();
    for edges in graph.values_mut() {
        edges.retain(|other| modules.contains(other));
    }
    graph
}

#[test]
fn the_engines_modules_import_each_other_without_a_cycle() {
    let graph = engine_module_graph();
    // Depth-first search; a module met again while it is still on the path closes a cycle.
    fn visit(
        module: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|m| m == module) {
            let mut cycle = path[start..].to_vec();
            cycle.push(module.to_string());
            return Some(cycle);
        }
        if done.contains(module) {
            return None;
        }
        path.push(module.to_string());
        for next in graph.get(module).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(module.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for module in graph.keys() {
        if let Some(cycle) = visit(module, &graph, &mut Vec::new(), &mut done) {
            panic!("the engine's modules import each other in a cycle: {}", cycle.join(" -> "));
        }
    }
    assert!(graph.get("api").is_some_and(|edges| edges.contains("store")), "the graph was read: {graph:?}");
}

#[test]
fn no_source_file_grows_past_600_lines() {
    let long: Vec<String> = ["src", "tests"]
        .into_iter()
        .flat_map(sources)
        .filter(|(_, text)| text.lines().count() > 600)
        .map(|(path, text)| format!("{} ({} lines)", relative(&path), text.lines().count()))
        .collect();
    assert!(long.is_empty(), "files over 600 lines: {long:?}");
}
