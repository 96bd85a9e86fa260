//! The rules of the tree, checked: README's source-layout table says which
//! modules each top-level module of `src/` may use, and which print nothing;
//! this test reads the table and every source file, and fails on an import
//! (or a print) the table does not allow. The table and the code cannot drift.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One row of the table: the modules a module may use, and whether it must
/// write nothing to the terminal.
#[derive(Debug)]
struct Rule {
    may_use: BTreeSet<String>,
    prints_nothing: bool,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `src/cli/` and `src/args.rs` are modules `cli` and `args`; `main.rs` is `main`.
fn module_of_cell(cell: &str) -> Option<String> {
    let path = cell.trim().trim_matches('`').strip_prefix("src/")?;
    let name = path.trim_end_matches('/').trim_end_matches(".rs");
    (!name.contains('/')).then(|| name.to_string())
}

/// README's layer table, by module.
fn rules() -> BTreeMap<String, Rule> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = readme
        .split("### Source layout")
        .nth(1)
        .expect("README has a Source layout section");
    let mut rules = BTreeMap::new();
    for line in section.lines().take_while(|l| !l.starts_with("## ")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        // | module | what belongs there | may use |
        if cells.len() < 5 {
            continue;
        }
        let Some(module) = module_of_cell(cells[1]) else {
            continue;
        };
        let may_use = cells[3]
            .split(',')
            .map(|m| m.trim().trim_matches('`').to_string())
            .filter(|m| !m.is_empty() && m != "—")
            .collect();
        let prints_nothing = cells[2].contains("prints nothing");
        rules.insert(
            module,
            Rule {
                may_use,
                prints_nothing,
            },
        );
    }
    rules
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without its comments (doc links are not imports).
fn code(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The crate's top-level modules a file names: `crate::x`, `crate::{x, y}`,
/// and in `main.rs` the library's `snowjob::x`.
fn uses(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for prefix in ["crate::", "snowjob::"] {
        for (i, _) in code.match_indices(prefix) {
            let before = code[..i].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let rest = &code[i + prefix.len()..];
            let names: Vec<&str> = match rest.strip_prefix('{') {
                Some(group) => group
                    .split('}')
                    .next()
                    .unwrap_or("")
                    .split(',')
                    .map(|part| part.trim().split("::").next().unwrap_or("").trim())
                    .collect(),
                None => vec![
                    rest.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .next()
                        .unwrap_or(""),
                ],
            };
            found.extend(
                names
                    .into_iter()
                    .filter(|n| !n.is_empty())
                    .map(String::from),
            );
        }
    }
    found
}

const PRINTS: &[&str] = &[
    "print!(",
    "println!(",
    "eprint!(",
    "eprintln!(",
    "io::stdout(",
    "io::stderr(",
    "stdio::",
];

#[test]
fn every_import_follows_the_layer_table_in_readme() {
    let rules = rules();
    assert!(
        rules.len() >= 10,
        "README's layer table has too few rows: {rules:?}"
    );
    let src = root().join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut wrong = Vec::new();
    let mut seen = BTreeSet::new();
    for file in &files {
        let rel = file.strip_prefix(&src).unwrap();
        let module = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if module == "lib" {
            continue; // declares the modules, uses none
        }
        seen.insert(module.clone());
        let Some(rule) = rules.get(&module) else {
            wrong.push(format!(
                "src/{}: module {module} has no row in README's layer table",
                rel.display()
            ));
            continue;
        };
        let code = code(&std::fs::read_to_string(file).unwrap());
        for used in uses(&code) {
            if used != module && !rule.may_use.contains(&used) {
                wrong.push(format!(
                    "src/{}: uses {used}, which README's layer table does not allow for {module}",
                    rel.display()
                ));
            }
        }
        if rule.prints_nothing {
            for print in PRINTS.iter().filter(|p| code.contains(**p)) {
                wrong.push(format!(
                    "src/{}: {print} in {module}, which prints nothing",
                    rel.display()
                ));
            }
        }
    }
    for module in rules.keys().filter(|m| !seen.contains(*m)) {
        wrong.push(format!(
            "README's layer table names {module}, which src/ does not have"
        ));
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

#[test]
fn the_checker_sees_imports_and_prints() {
    let found = uses(
        "use crate::{core::patch, output};\nlet x = crate::aws::client();\nsnowjob::cli::run();\nmy_crate::x;",
    );
    assert_eq!(
        found.into_iter().collect::<Vec<_>>(),
        ["aws", "cli", "core", "output"]
    );
    assert_eq!(code("let a = 1; // crate::cli\n"), "let a = 1; ");
}

#[test]
fn error_codes_are_matched_by_their_type_never_as_text() {
    let src = root().join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut wrong = Vec::new();
    for file in &files {
        let code = code(&std::fs::read_to_string(file).unwrap());
        for pattern in [".code == \"", ".code != \"", "code.as_str() == \""] {
            if code.contains(pattern) {
                wrong.push(format!(
                    "{}: compares an error code as text ({pattern}…); use Failure::is(Code::…)",
                    file.display()
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

/// The settings are resolved once (`Global::resolve`): which streams are
/// terminals is read in `output/stdio.rs` alone (once), and `NO_COLOR` in
/// `main.rs`.
#[test]
fn terminals_and_colour_are_read_once() {
    let mut files = Vec::new();
    sources(&root().join("src"), &mut files);
    for file in files {
        let text = code(&std::fs::read_to_string(&file).unwrap());
        let name = file.strip_prefix(root()).unwrap().display().to_string();
        if text.contains("is_terminal") {
            assert_eq!(
                name, "src/output/stdio.rs",
                "{name} asks whether a stream is a terminal: use global.terminal"
            );
        }
        if text.contains("var_os(\"NO_COLOR\")") {
            assert_eq!(
                name, "src/main.rs",
                "{name} reads NO_COLOR: use global.style()"
            );
        }
    }
}

/// docs/ARCHITECTURE.md names every source file: a file by its name
/// (`pace.rs`), a module directory's `mod.rs` by the directory (`render/`),
/// or a file in a directory the document calls one file per something
/// (`commands/`: one file per subcommand).
#[test]
fn the_architecture_names_every_source_file() {
    let doc = std::fs::read_to_string(root().join("docs/ARCHITECTURE.md")).unwrap();
    let per_file: Vec<&str> = doc.lines().filter(|l| l.contains("one file per")).collect();
    let mut files = Vec::new();
    sources(&root().join("src"), &mut files);
    let dir_name = |path: &Path| {
        let dir = path.parent().and_then(Path::file_name).unwrap_or_default();
        format!("{}/", dir.to_string_lossy())
    };
    let mut missing: Vec<String> = files
        .iter()
        .filter(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let named = if name == "mod.rs" {
                doc.contains(&dir_name(path))
            } else {
                doc.contains(&name)
            };
            let dir = dir_name(path);
            !named && !per_file.iter().any(|l| l.contains(&dir))
        })
        .map(|path| path.strip_prefix(root()).unwrap().display().to_string())
        .collect();
    missing.sort();
    assert!(
        missing.is_empty(),
        "docs/ARCHITECTURE.md does not name {missing:?}: say in its layer what each is for"
    );
}
