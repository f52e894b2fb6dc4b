//! The scheduled workflow's script, `.ci/registry-update`, end to end in scratch git
//! checkouts with a bare repository as their remote, a loopback mirror as IANA and a stand-in
//! for the GitHub CLI that records what it was asked: current registry, nothing; a change that
//! needs no person, a branch and a pull request; new codes, a branch with the stubs and an
//! issue; removed codes, an issue and no branch; the same registry again, nothing; a broken
//! mirror, a failure and nothing.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use support::http::{Reply, Server};
use support::{Checkout, DAY, DAY_EPOCH, NEWER, OLDER, cited, workspace};

fn server() -> &'static Server {
    static SERVER: std::sync::OnceLock<Server> = std::sync::OnceLock::new();
    SERVER.get_or_init(|| {
        Server::start(vec![
            ("/current.csv", Reply::Body(closecode_registry::CSV.as_bytes().to_vec())),
            ("/newer.csv", Reply::Body(NEWER.to_vec())),
            ("/older.csv", Reply::Body(OLDER.to_vec())),
            ("/cited.csv", Reply::Body(cited())),
            ("/error.csv", Reply::Status(500)),
        ])
    })
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=test", "-c", "user.email=test@localhost", "-c", "init.defaultBranch=main"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// A scratch checkout committed on `main`, pushed to a bare `origin` beside it; a `gh`
/// stand-in logging its calls and their body files.
struct Scene {
    checkout: Checkout,
    origin: PathBuf,
    gh_log: PathBuf,
    gh: PathBuf,
    bless_log: PathBuf,
}

impl Scene {
    fn new(name: &str) -> Option<Scene> {
        if Command::new("git").arg("--version").output().is_err() {
            assert!(std::env::var_os("CLOSECODE_REQUIRE_TOOLS").is_none(), "git is not installed");
            eprintln!("skipped: git is not installed");
            return None;
        }
        let checkout = Checkout::new(&format!("workflow-{name}"));
        let origin = checkout.root.with_extension("origin.git");
        let _ = std::fs::remove_dir_all(&origin);
        git(&checkout.root, &["init", "--quiet"]);
        git(&checkout.root, &["add", "--all"]);
        git(&checkout.root, &["commit", "--quiet", "-m", "the checkout"]);
        git(&checkout.root, &["init", "--quiet", "--bare", origin.to_str().unwrap()]);
        git(&checkout.root, &["remote", "add", "origin", origin.to_str().unwrap()]);
        git(&checkout.root, &["push", "--quiet", "origin", "main"]);
        let gh_log = checkout.root.with_extension("gh.log");
        let bless_log = checkout.root.with_extension("bless.log");
        let _ = std::fs::remove_file(&gh_log);
        let _ = std::fs::remove_file(&bless_log);
        let gh = checkout.root.with_extension("gh.sh");
        std::fs::write(
            &gh,
            "#!/bin/sh\n\
             printf 'gh %s\\n' \"$*\" >> \"$FAKE_GH_LOG\"\n\
             while [ $# -gt 0 ]; do\n\
               if [ \"$1\" = --body-file ]; then cat \"$2\" >> \"$FAKE_GH_LOG\"; fi\n\
               shift\n\
             done\n",
        )
        .unwrap();
        Command::new("chmod").arg("+x").arg(&gh).status().unwrap();
        Some(Scene { checkout, origin, gh_log, gh, bless_log })
    }

    /// Runs the script with the mirror at `path`: its exit status and output.
    fn run(&self, path: &str) -> (i32, String) {
        let out = Command::new(workspace().join(".ci/registry-update"))
            .current_dir(&self.checkout.root)
            .env("CLOSECODE_REGISTRY_URL", server().url(path))
            .env("CLOSECODE_REGISTRY_TOOL", env!("CARGO_BIN_EXE_closecode-registry"))
            .env("CLOSECODE_REGISTRY_BLESS", format!("echo blessed >> '{}'", self.bless_log.display()))
            .env("GH", &self.gh)
            .env("FAKE_GH_LOG", &self.gh_log)
            .env("SOURCE_DATE_EPOCH", DAY_EPOCH)
            .env_remove("GIT_AUTHOR_NAME")
            .env_remove("GIT_AUTHOR_EMAIL")
            .output()
            .unwrap();
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        (out.status.code().unwrap_or(-1), text)
    }

    fn gh_calls(&self) -> String {
        std::fs::read_to_string(&self.gh_log).unwrap_or_default()
    }

    /// The branches of the remote other than `main`.
    fn proposed(&self) -> Vec<String> {
        git(&self.origin, &["branch", "--format=%(refname:short)"])
            .lines()
            .filter(|b| *b != "main")
            .map(String::from)
            .collect()
    }

    /// A file as the remote's branch holds it.
    fn on_branch(&self, branch: &str, file: &str) -> String {
        git(&self.origin, &["show", &format!("{branch}:{file}")])
    }
}

#[test]
fn a_current_registry_proposes_nothing() {
    let Some(scene) = Scene::new("current") else { return };
    let (status, output) = scene.run("/current.csv");
    assert_eq!(status, 0, "{output}");
    assert!(output.contains("the vendored registry is current"), "{output}");
    assert_eq!((scene.gh_calls(), scene.proposed()), (String::new(), Vec::new()));
}

#[test]
fn a_change_that_needs_no_person_becomes_a_pull_request_and_only_once() {
    let Some(scene) = Scene::new("cited") else { return };
    let (status, output) = scene.run("/cited.csv");
    assert_eq!(status, 0, "{output}");
    let branches = scene.proposed();
    assert_eq!(branches.len(), 1, "{branches:?}");
    let branch = &branches[0];
    assert!(branch.starts_with("registry-update/"), "{branch}");
    assert!(scene.on_branch(branch, "src/close_codes.rs").contains("RFC9999"));
    assert!(scene.on_branch(branch, "registry/provenance.txt").contains(&format!("retrieved = {DAY}")));
    let calls = scene.gh_calls();
    assert!(
        calls.starts_with(&format!(
            "gh pr create --base main --head {branch} --title Registry update: IANA's close-code registry as of {DAY} --body-file "
        )),
        "{calls}"
    );
    assert!(calls.contains("### What changed at IANA\n\n- 1011: contact [IESG_HYBI]"), "{calls}");
    assert!(std::fs::read_to_string(&scene.bless_log).unwrap().contains("blessed"));
    let message = git(&scene.origin, &["log", "-1", "--format=%B", branch]);
    assert!(message.starts_with(&format!("Registry update: IANA's close-code registry as of {DAY}\n")), "{message}");

    // The next month, from a fresh clone of main: the same registry was proposed already.
    let again = Scene::new("cited-again").unwrap();
    git(&again.checkout.root, &["remote", "set-url", "origin", scene.origin.to_str().unwrap()]);
    let (status, output) = again.run("/cited.csv");
    assert_eq!(status, 0, "{output}");
    assert!(output.contains("this registry was proposed before"), "{output}");
    assert_eq!(again.gh_calls(), "");
}

#[test]
fn new_codes_push_the_stubs_and_open_an_issue() {
    let Some(scene) = Scene::new("newer") else { return };
    let (status, output) = scene.run("/newer.csv");
    assert_eq!(status, 0, "{output}");
    let branches = scene.proposed();
    assert_eq!(branches.len(), 1);
    assert!(scene.on_branch(&branches[0], "src/close_codes.rs").contains("        ShinyNewCode = 1016,\n"));
    assert!(scene.on_branch(&branches[0], "registry/annotations.csv").contains("\n1016,,,,,,\n"));
    let calls = scene.gh_calls();
    assert!(
        calls.starts_with(&format!("gh issue create --title Registry update of {DAY}: new codes need annotations")),
        "{calls}"
    );
    assert!(calls.contains("registry/annotations.csv:31: 1016 (Shiny New Code) is not annotated yet"), "{calls}");
    assert!(calls.contains(&format!("Branch `{}` holds this update with the stubs", branches[0])), "{calls}");
}

#[test]
fn removed_codes_open_an_issue_and_push_nothing() {
    let Some(scene) = Scene::new("older") else { return };
    let before = scene.checkout.snapshot();
    let (status, output) = scene.run("/older.csv");
    assert_eq!(status, 0, "{output}");
    assert!(scene.proposed().is_empty());
    let calls = scene.gh_calls();
    assert!(
        calls.starts_with("gh issue create --title IANA's close-code registry removes registered codes"),
        "{calls}"
    );
    assert!(calls.contains("### Removed codes"), "{calls}");
    let after: Vec<_> = scene
        .checkout
        .snapshot()
        .into_iter()
        .filter(|(p, _)| !p.components().any(|c| c.as_os_str() == ".git"))
        .collect();
    let before: Vec<_> = before.into_iter().filter(|(p, _)| !p.components().any(|c| c.as_os_str() == ".git")).collect();
    assert_eq!(after, before);
}

#[test]
fn a_broken_mirror_fails_and_proposes_nothing() {
    let Some(scene) = Scene::new("broken") else { return };
    let (status, output) = scene.run("/error.csv");
    assert_eq!(status, 2, "{output}");
    assert!(output.contains("the server answered HTTP 500"), "{output}");
    assert!(output.contains("error: registry-update: check failed (exit status 2)"), "{output}");
    assert_eq!((scene.gh_calls(), scene.proposed()), (String::new(), Vec::new()));
}

#[test]
fn the_workflow_runs_the_tested_script_monthly_with_the_rights_it_needs() {
    let workflow = std::fs::read_to_string(workspace().join(".github/workflows/registry.yml")).unwrap();
    for expected in [
        "  schedule:\n    - cron: \"17 5 1 * *\"",
        "  workflow_dispatch:",
        "  contents: write",
        "  pull-requests: write",
        "  issues: write",
        "        run: .ci/registry-update\n",
        "          GH_TOKEN: ${{ github.token }}",
        "CLOSECODE_REGISTRY_BLESS: env -u CI cargo test --locked -p closecode-demo --test front_end",
    ] {
        assert!(workflow.contains(expected), "the workflow lacks {expected:?}");
    }
}
