//! `check --format github|gitlab|sarif`: each report is parsed back and must say what
//! `--format json` says (the same problems, files, lines and columns, messages in the
//! programme's language), with the files named from the repository's top folder.
//! The SARIF report is validated against the SARIF 2.1.0 schema (the part of it that
//! covers what tandem writes, `tests/vendor/sarif-2.1.0-subset.schema.json`).

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeSet;

/// The mini fixture in a repository (a `.git` folder above `content/`), with an error
/// (an impossible date) and a warning (an unknown field).
fn project(language: &str) -> Project {
    let p = Project::mini();
    std::fs::create_dir_all(p.root().join(".git")).unwrap();
    p.edit(
        "program.yaml",
        "language: de",
        &format!("language: {language}"),
    );
    let trello = "cohorts/2019/keller-yilmaz/2019-04-17-trello.md";
    p.edit(trello, "date: 2019-04-17", "date: 2019-02-30");
    p.edit(
        trello,
        "title: Vier Wochen Trello",
        "title: Vier Wochen Trello\ntags: [x]",
    );
    p
}

/// `check --format FORMAT ARGS…`: exit status 1 (there is an error) and what it printed.
fn report(p: &Project, format: &str, args: &[&str]) -> String {
    let mut all = vec!["--format", format];
    all.extend_from_slice(args);
    let run = p.check(&all);
    run.assert_code(1);
    run.stdout
}

/// What the JSON report says: (severity, file, line, column, message and help).
fn reference(p: &Project, language: &str) -> Vec<(String, String, u64, u64, String)> {
    let (code, diags) = p.check_json(&[]);
    assert_eq!(code, 1);
    assert!(
        diags.iter().any(|d| d.severity == "error")
            && diags.iter().any(|d| d.severity == "warning")
    );
    diags
        .into_iter()
        .map(|d| {
            let label = if language == "de" { "Tipp" } else { "help" };
            let text = match &d.help {
                Some(h) => format!("{}\n{label}: {h}", d.message),
                None => d.message.clone(),
            };
            (
                d.severity,
                format!("content/{}", d.file),
                d.line,
                d.column,
                text,
            )
        })
        .collect()
}

/// Undoes a workflow command's escaping.
fn unescape(s: &str) -> String {
    s.replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

#[test]
fn github_annotations_are_workflow_commands_at_the_repositorys_paths() {
    for language in ["de", "en"] {
        let p = project(language);
        let out = report(&p, "github", &[]);
        let mut got = Vec::new();
        for line in out.lines() {
            let rest = line
                .strip_prefix("::")
                .unwrap_or_else(|| panic!("not a workflow command: {line}"));
            let (command, rest) = rest.split_once(' ').unwrap();
            let (props, message) = rest.split_once("::").unwrap();
            assert!(!message.contains('\n') && !props.contains("::"), "{line}");
            let props: std::collections::BTreeMap<&str, String> = props
                .split(',')
                .map(|kv| {
                    let (k, v) = kv
                        .split_once('=')
                        .unwrap_or_else(|| panic!("{kv} in {line}"));
                    (k, unescape(v))
                })
                .collect();
            let keys: BTreeSet<&str> = props.keys().copied().collect();
            assert!(
                keys.is_subset(&BTreeSet::from([
                    "file",
                    "line",
                    "col",
                    "endColumn",
                    "title"
                ])),
                "{line}"
            );
            assert!(props["title"].starts_with("tandem"), "{line}");
            let num = |k: &str| props.get(k).map_or(0, |v| v.parse::<u64>().unwrap());
            assert!(num("endColumn") > num("col") || !props.contains_key("col"));
            got.push((
                command.to_string(),
                props["file"].clone(),
                num("line"),
                num("col"),
                unescape(message),
            ));
        }
        let want = reference(&p, language);
        assert_eq!(got, want, "{language}");
        let expected = if language == "de" { "Tipp: " } else { "help: " };
        assert!(
            got.iter().all(|g| g.4.contains(expected)),
            "{language}: {got:?}"
        );
    }
}

#[test]
fn the_path_prefix_names_the_content_folder_in_reports() {
    let p = project("de");
    let out = report(&p, "github", &["--path-prefix", "programme/rm"]);
    assert!(
        out.lines().all(|l| l.contains("file=programme/rm/")),
        "{out}"
    );
    // Outside a repository, the content folder as given.
    std::fs::remove_dir(p.root().join(".git")).unwrap();
    let out = report(&p, "gitlab", &[]);
    let issues: Value = serde_json::from_str(&out).unwrap();
    for i in issues.as_array().unwrap() {
        assert!(
            i["location"]["path"]
                .as_str()
                .unwrap()
                .starts_with("content/"),
            "{i}"
        );
    }
}

#[test]
fn the_gitlab_report_is_a_code_quality_report() {
    let p = project("en");
    let out = report(&p, "gitlab", &[]);
    let issues: Value = serde_json::from_str(&out).expect("JSON");
    let issues = issues.as_array().expect("an array of issues");
    let want = reference(&p, "en");
    assert_eq!(issues.len(), want.len());
    let mut fingerprints = BTreeSet::new();
    for (i, w) in issues.iter().zip(&want) {
        // What GitLab requires of each issue.
        assert_eq!(i["description"].as_str(), Some(w.4.as_str()), "{i}");
        assert!(
            i["check_name"].as_str().is_some_and(|c| !c.is_empty()),
            "{i}"
        );
        let severity = i["severity"].as_str().unwrap();
        assert!(
            ["info", "minor", "major", "critical", "blocker"].contains(&severity),
            "{i}"
        );
        assert_eq!(severity == "critical", w.0 == "error", "{i}");
        assert_eq!(i["location"]["path"].as_str(), Some(w.1.as_str()));
        assert_eq!(i["location"]["lines"]["begin"].as_u64(), Some(w.2.max(1)));
        assert!(
            fingerprints.insert(i["fingerprint"].as_str().unwrap().to_string()),
            "unique: {i}"
        );
    }
    // The same problems give the same fingerprints in the other language.
    p.edit("program.yaml", "language: en", "language: de");
    let de: Value = serde_json::from_str(&report(&p, "gitlab", &[])).unwrap();
    let again: BTreeSet<String> = de
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(again, fingerprints);
}

#[test]
fn the_sarif_report_is_valid_sarif_2_1_0() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("tests/vendor/sarif-2.1.0-subset.schema.json"))
            .unwrap(),
    )
    .unwrap();
    for language in ["de", "en"] {
        let p = project(language);
        let log: Value = serde_json::from_str(&report(&p, "sarif", &[])).expect("JSON");
        let mut errors = Vec::new();
        validate(&schema, &schema, &log, "$", &mut errors);
        assert!(errors.is_empty(), "{language}: {errors:#?}");
        let run = &log["runs"][0];
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        let rules: Vec<&str> = run["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        let want = reference(&p, language);
        let results = run["results"].as_array().unwrap();
        assert_eq!(results.len(), want.len());
        for (r, w) in results.iter().zip(&want) {
            assert_eq!(r["level"].as_str(), Some(w.0.as_str()));
            let index = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(
                Some(rules[index]),
                r["ruleId"].as_str(),
                "ruleIndex points at ruleId"
            );
            assert_eq!(r["message"]["text"].as_str(), Some(w.4.as_str()));
            let loc = &r["locations"][0]["physicalLocation"];
            assert_eq!(loc["artifactLocation"]["uri"].as_str(), Some(w.1.as_str()));
            if w.2 > 0 {
                assert_eq!(loc["region"]["startLine"].as_u64(), Some(w.2));
                assert_eq!(loc["region"]["startColumn"].as_u64(), Some(w.3));
            }
        }
    }
}

#[test]
fn the_schema_check_finds_what_sarif_forbids() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("tests/vendor/sarif-2.1.0-subset.schema.json"))
            .unwrap(),
    )
    .unwrap();
    let bad = serde_json::json!({
        "version": "2.0.0",
        "runs": [{ "tool": { "driver": {} }, "results": [
            { "level": "fatal", "message": {}, "locations": [{ "physicalLocation": {
                "artifactLocation": { "uri": "a b.md" }, "region": { "startLine": 0 } } }] },
            { "message": { "text": "x" }, "severity": "error" }
        ] }]
    });
    let mut errors = Vec::new();
    validate(&schema, &schema, &bad, "$", &mut errors);
    for expected in [
        "$.version: not one of",
        "$.runs[0].tool.driver: `name` is required",
        "$.runs[0].results[0].level: not one of",
        "$.runs[0].results[0].message: needs one of",
        "$.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri: not a URI reference",
        "$.runs[0].results[0].locations[0].physicalLocation.region.startLine: less than 1",
        "$.runs[0].results[1]: `severity` is not allowed",
    ] {
        assert!(errors.iter().any(|e| e.starts_with(expected)), "no `{expected}` in {errors:#?}");
    }
}

/// Checks `value` against `schema` (the keywords the vendored subset uses: `$ref`,
/// `type`, `required`, `anyOfRequired` (the standard's `anyOf` of `required`),
/// `properties`, `additionalProperties`, `items`, `enum`, `minimum`, and `format:
/// uri-reference`), adding what is wrong to `errors`.
fn validate(root: &Value, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    if let Some(r) = schema["$ref"].as_str() {
        let name = r.strip_prefix("#/definitions/").expect("a local $ref");
        return validate(root, &root["definitions"][name], value, at, errors);
    }
    if let Some(t) = schema["type"].as_str() {
        let ok = match t {
            "object" => value.is_object(),
            "array" => value.is_array(),
            "string" => value.is_string(),
            "integer" => value.is_i64() || value.is_u64(),
            "number" => value.is_number(),
            "boolean" => value.is_boolean(),
            _ => panic!("type {t}"),
        };
        if !ok {
            errors.push(format!("{at}: not of type {t}"));
            return;
        }
    }
    if let Some(e) = schema["enum"].as_array() {
        if !e.contains(value) {
            errors.push(format!("{at}: not one of {e:?}"));
        }
    }
    if let (Some(min), Some(v)) = (schema["minimum"].as_i64(), value.as_i64()) {
        if v < min {
            errors.push(format!("{at}: less than {min}"));
        }
    }
    if schema["format"] == "uri-reference" {
        let s = value.as_str().unwrap_or_default();
        if s.chars()
            .any(|c| c.is_whitespace() || !c.is_ascii() || "\"<>\\^`{|}".contains(c))
        {
            errors.push(format!("{at}: not a URI reference"));
        }
    }
    if let Some(items) = value.as_array().filter(|_| schema["items"].is_object()) {
        for (i, v) in items.iter().enumerate() {
            validate(root, &schema["items"], v, &format!("{at}[{i}]"), errors);
        }
    }
    let Some(obj) = value.as_object() else { return };
    for r in schema["required"].as_array().into_iter().flatten() {
        let r = r.as_str().unwrap();
        if !obj.contains_key(r) {
            errors.push(format!("{at}: `{r}` is required"));
        }
    }
    if let Some(any) = schema["anyOfRequired"].as_array() {
        let met = any.iter().any(|set| {
            set.as_array()
                .unwrap()
                .iter()
                .all(|k| obj.contains_key(k.as_str().unwrap()))
        });
        if !met {
            errors.push(format!("{at}: needs one of {any:?}"));
        }
    }
    for (k, v) in obj {
        let path = format!("{at}.{k}");
        match schema["properties"].get(k) {
            Some(s) => validate(root, s, v, &path, errors),
            None => match &schema["additionalProperties"] {
                Value::Bool(false) => errors.push(format!("{at}: `{k}` is not allowed")),
                s if s.is_object() => validate(root, s, v, &path, errors),
                _ => {}
            },
        }
    }
}
