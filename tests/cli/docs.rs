//! The committed completions and man pages are what the current CLI generates.

use std::path::{Path, PathBuf};

const REGENERATE: &str = "SNOWJOB_UPDATE_DOCS=1 cargo test --test cli docs::";

fn generated() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<(PathBuf, String)> = snowjob::cli::docs::COMPLETION_FILES
        .iter()
        .map(|(shell, name)| {
            (
                root.join("completions").join(name),
                snowjob::cli::docs::completion(*shell),
            )
        })
        .collect();
    files.extend(
        snowjob::cli::docs::man_pages()
            .into_iter()
            .map(|(name, page)| (root.join("man").join(name), page)),
    );
    files
}

#[test]
fn committed_completions_and_man_pages_match_the_cli() {
    let update = std::env::var_os("SNOWJOB_UPDATE_DOCS").is_some();
    let files = generated();
    let mut stale = Vec::new();
    for (path, content) in &files {
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, content).unwrap();
        } else if std::fs::read_to_string(path).ok().as_ref() != Some(content) {
            stale.push(path.display().to_string());
        }
    }
    for dir in ["completions", "man"] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if !files.iter().any(|(p, _)| *p == path) {
                if update {
                    std::fs::remove_file(&path).unwrap();
                } else {
                    stale.push(format!("{} (no longer generated)", path.display()));
                }
            }
        }
    }
    assert!(
        stale.is_empty(),
        "out of date: {stale:#?}\nregenerate with: {REGENERATE}"
    );
}

#[test]
fn the_main_man_page_documents_exit_codes_environment_and_examples() {
    let pages = snowjob::cli::docs::man_pages();
    let (_, main) = pages.iter().find(|(n, _)| n == "snowjob.1").unwrap();
    for expected in [
        "EXIT STATUS",
        "ENVIRONMENT",
        "EXAMPLES",
        "AWS_ENDPOINT_URL_SNOWBALL",
        "130",
        "set\\-shipping",
        "SNOWJOB_HISTORY",
    ] {
        assert!(main.contains(expected), "{expected}");
    }
    // Every subcommand the CLI has (help aside) has its page, and its page
    // ends with its examples.
    use clap::CommandFactory;
    let cli = snowjob::cli::Cli::command();
    let subcommands: Vec<&str> = cli.get_subcommands().map(|s| s.get_name()).collect();
    assert!(subcommands.len() >= 13, "{subcommands:?}");
    for sub in subcommands {
        let page = format!("snowjob-{sub}.1");
        let Some((_, text)) = pages.iter().find(|(n, _)| *n == page) else {
            panic!("no man page for {sub}");
        };
        assert!(text.contains("snowjob "), "{page} has no example");
    }
}

#[test]
fn completions_command_prints_the_committed_scripts() {
    for (shell, name) in snowjob::cli::docs::COMPLETION_FILES {
        let out = assert_cmd::Command::cargo_bin("snowjob")
            .unwrap()
            .args(["completions", &shell.to_string()])
            .output()
            .unwrap();
        assert!(out.status.success());
        let committed = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("completions")
                .join(name),
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            committed,
            "{name}; regenerate with: {REGENERATE}"
        );
    }
}

#[test]
fn version_is_printed() {
    let out = assert_cmd::Command::cargo_bin("snowjob")
        .unwrap()
        .arg("--version")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("snowjob {}\n", env!("CARGO_PKG_VERSION"))
    );
}
