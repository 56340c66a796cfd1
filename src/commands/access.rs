//! `tandem access`: the web server's access rules for the audiences' sites, so that
//! each audience's folder lets in only its users and groups (`users:`, `groups:` in
//! program.yaml), for nginx and for Apache. The rules name the password and group
//! files on the server; they never hold a password.
//!
//! Apache checks groups itself (`Require group`, from the group file, or `Require
//! ldap-group` from a directory service). nginx knows no groups: its rules list the
//! users of each audience, its groups' members read from the group file when the
//! rules are written.

use super::*;
use crate::cli::AccessArgs;
use crate::content::{self, Audience, Programme};
use crate::diagnostics::Diagnostic;
use crate::language::Language;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Where the sites are on the server and what guards them.
struct Place {
    /// The address path the output folder is served under, ending in `/`.
    location: String,
    /// The output folder on the server, without a trailing `/`.
    site_dir: String,
    password_file: String,
    group_file: String,
}

pub(crate) fn run(args: &AccessArgs) -> Result<(), Error> {
    if !args.content.is_dir() {
        return Err(Error::NoContent(args.content.clone()));
    }
    let (prog, mut diags) = content::load(
        &args.content,
        content::Visible::default(),
        &[],
        &mut content::load::FileCache::for_one_build(),
    );
    let lang = prog.as_ref().map_or(Language::De, |p| p.meta.language);
    let rules = prog
        .as_ref()
        .filter(|_| !diags.has_errors())
        .map(|prog| rules(args, prog));
    let Some(Ok((place, nginx, apache))) = rules else {
        if let Some(Err(d)) = rules {
            diags.extend(d);
        }
        eprint!("{}", diags.render_human(color(), lang));
        return Err(Error::Content);
    };
    std::fs::create_dir_all(&args.output).map_err(|e| Error::Create(args.output.clone(), e))?;
    for (name, text) in [("nginx.conf", nginx), ("apache.conf", apache)] {
        let file = args.output.join(name);
        std::fs::write(&file, text).map_err(|e| Error::Write(file, e))?;
    }
    let (out, location) = (args.output.display(), &place.location);
    let words = crate::text!(
        "Zugriffsregeln für nginx und Apache nach {out} geschrieben (nginx.conf, apache.conf), für die Seiten unter {location}.",
        "Wrote the access rules for nginx and Apache into {out} (nginx.conf, apache.conf), for the sites under {location}."
    );
    eprintln!("{}", words.get(lang));
    Ok(())
}

type Rules = (Place, String, String);

fn rules(args: &AccessArgs, prog: &Programme) -> Result<Rules, Vec<Diagnostic>> {
    if prog.audiences.is_empty() {
        return Err(vec![Diagnostic::error(
            "program.yaml",
            crate::text!(
                "program.yaml nennt keine Zielgruppen (`audiences`), für die Zugriffsregeln gelten könnten",
                "program.yaml lists no audiences (`audiences`) for access rules to guard"
            ),
        )
        .with_help(crate::text!(
            "Legen Sie in program.yaml eine Liste `audiences:` an, z. B. `- id: leitung` mit `groups: [rm-leitung]`.",
            "add a list `audiences:` to program.yaml, e.g. `- id: leitung` with `groups: [rm-leitung]`"
        ))]);
    }
    let location = args
        .location
        .clone()
        .unwrap_or_else(|| url_path(&prog.meta.base_url));
    let location = format!("/{}/", location.trim_matches('/')).replace("//", "/");
    let site_dir = args.site_dir.clone().unwrap_or_else(|| {
        let name = location.trim_matches('/').rsplit('/').next().unwrap_or("");
        format!("/srv/www/{}", if name.is_empty() { "tandem" } else { name })
    });
    let place = Place {
        location,
        site_dir: site_dir.trim_end_matches('/').to_string(),
        password_file: args.password_file.clone(),
        group_file: args.group_file.clone(),
    };
    let members = std::fs::read_to_string(&place.group_file)
        .ok()
        .map(|t| group_members(&t));
    let nginx = nginx(prog, &place, members.as_ref())?;
    let apache = apache(prog, &place);
    Ok((place, nginx, apache))
}

/// The path of a web address (`https://x.org/rm/` → `/rm/`).
fn url_path(base_url: &str) -> String {
    match base_url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/".into(), |i| rest[i..].to_string()),
        None => base_url.to_string(),
    }
}

/// A group file (`group: user user …` per line, as Apache's `AuthGroupFile`).
fn group_members(text: &str) -> BTreeMap<String, Vec<String>> {
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| l.split_once(':'))
        .map(|(g, users)| {
            let users = users.split_whitespace().map(str::to_string).collect();
            (g.trim().to_string(), users)
        })
        .collect()
}

/// The security headers of docs/hosting.md: a `location` with headers of its own does
/// not inherit the `server`'s.
const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

fn head(prog: &Programme, server: &str, include_in: &str, p: &Place) -> String {
    format!(
        "# Access rules for the audiences' sites of \"{title}\", for {server}, written by\n\
         # `tandem access` from program.yaml's `audiences`. Include this file {include_in}.\n\
         # The sites are in {dir}/<id>/, served under {loc}<id>/.\n\
         # Passwords: {pw} (`htpasswd -B {pw} NAME`); groups: {gf}.\n\
         # This file holds no password. Write it again when the audiences change.\n\n",
        title = prog.meta.title.replace('\n', " "),
        dir = p.site_dir,
        loc = p.location,
        pw = p.password_file,
        gf = p.group_file,
    )
}

/// nginx: a `location` per audience with basic authentication and the list of its
/// users; everything else below the sites' address is refused.
fn nginx(
    prog: &Programme,
    p: &Place,
    members: Option<&BTreeMap<String, Vec<String>>>,
) -> Result<String, Vec<Diagnostic>> {
    let mut out = head(prog, "nginx", "in the `server` block", p);
    let _ = writeln!(
        out,
        "location {} {{\n    # Only the audiences' folders below.\n    return 403;\n}}\n",
        p.location
    );
    let mut problems = Vec::new();
    for a in &prog.audiences {
        let users = match nginx_users(a, p, members) {
            Ok(u) => u,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        let pattern: Vec<String> = users.iter().map(|u| regex_escape(u)).collect();
        let (loc, dir, id) = (&p.location, &p.site_dir, &a.id);
        let _ = writeln!(
            out,
            "# {title}\nlocation {loc}{id}/ {{\n    alias {dir}/{id}/;\n    auth_basic \"{realm}\";\n    auth_basic_user_file {pw};\n    # Only its users; without a name, nginx asks for one.\n    if ($remote_user !~ \"^(|{users})$\") {{\n        return 403;\n    }}\n    error_page 404 {loc}{id}/404.html;\n    add_header Content-Security-Policy \"{CSP}\" always;\n    add_header X-Content-Type-Options \"nosniff\" always;\n    add_header Referrer-Policy \"no-referrer\" always;\n    add_header X-Frame-Options \"DENY\" always;\n}}\n",
            title = a.title.replace('\n', " "),
            realm = realm(a),
            pw = p.password_file,
            users = pattern.join("|"),
        );
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// The users of an audience, its groups' members included, for nginx.
fn nginx_users(
    a: &Audience,
    p: &Place,
    members: Option<&BTreeMap<String, Vec<String>>>,
) -> Result<Vec<String>, Diagnostic> {
    let mut users = a.users.clone();
    for g in &a.groups {
        let (id, file) = (&a.id, &p.group_file);
        if g.contains('=') {
            return Err(Diagnostic::error(
                "program.yaml",
                crate::text!(
                    "nginx kann die Gruppe `{g}` des Verzeichnisdienstes (Zielgruppe `{id}`) nicht prüfen",
                    "nginx cannot check the directory group `{g}` (audience `{id}`)"
                ),
            )
            .with_help(crate::text!(
                "Verwenden Sie Apache (apache.conf prüft `Require ldap-group`), oder nennen Sie die Anmeldenamen unter `users:`.",
                "use Apache (apache.conf checks `Require ldap-group`), or list the login names under `users:`"
            )));
        }
        match members.and_then(|m| m.get(g)) {
            Some(list) => users.extend(list.iter().cloned()),
            None => {
                return Err(Diagnostic::error(
                    "program.yaml",
                    crate::text!(
                        "Die Gruppe `{g}` der Zielgruppe `{id}` steht nicht in der Gruppendatei {file}",
                        "the group `{g}` of the audience `{id}` is not in the group file {file}"
                    ),
                )
                .with_help(crate::text!(
                    "nginx kennt keine Gruppen: tandem schreibt ihre Mitglieder aus der Gruppendatei in die Regeln. Legen Sie dort eine Zeile `{g}: name1 name2` an (oder geben Sie die Datei mit `--group-file` an), oder nennen Sie die Anmeldenamen unter `users:`.",
                    "nginx knows no groups: tandem writes their members from the group file into the rules. Add a line `{g}: name1 name2` there (or name the file with `--group-file`), or list the login names under `users:`"
                )));
            }
        }
    }
    users.sort();
    users.dedup();
    Ok(users)
}

fn regex_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if "\\.^$|?*+()[]{}".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The name the browser's login box shows.
fn realm(a: &Audience) -> String {
    a.title.replace(['"', '\\', '\n'], " ")
}

/// Apache: everything below the sites' folder refused, then a `<Directory>` per
/// audience that lets in its users and groups.
fn apache(prog: &Programme, p: &Place) -> String {
    let mut out = head(prog, "Apache 2.4", "in the virtual host", p);
    let _ = writeln!(
        out,
        "# Needs mod_alias, mod_auth_basic, mod_authn_file, mod_authz_user, mod_authz_groupfile\n# and mod_headers (`a2enmod authz_groupfile headers`); mod_authnz_ldap for ldap groups.\nAlias \"{loc}\" \"{dir}/\"\n<Directory \"{dir}\">\n    # Only the audiences' folders below.\n    Require all denied\n</Directory>\n",
        loc = p.location,
        dir = p.site_dir
    );
    for a in &prog.audiences {
        let ldap = a.groups.iter().any(|g| g.contains('='));
        let mut require = String::new();
        if !a.users.is_empty() {
            let _ = writeln!(require, "        Require user {}", a.users.join(" "));
        }
        for g in &a.groups {
            let _ = match g.contains('=') {
                true => writeln!(require, "        Require ldap-group \"{g}\""),
                false => writeln!(require, "        Require group \"{g}\""),
            };
        }
        let provider = if ldap {
            "file ldap\n    # AuthLDAPURL \"ldap://ldap.example.org/ou=people,dc=bank,dc=de?uid\"  (your directory)"
        } else {
            "file"
        };
        let _ = writeln!(
            out,
            "# {title}\n<Directory \"{dir}/{id}\">\n    AuthType Basic\n    AuthName \"{realm}\"\n    AuthBasicProvider {provider}\n    AuthUserFile \"{pw}\"\n    AuthGroupFile \"{gf}\"\n    <RequireAny>\n{require}    </RequireAny>\n    ErrorDocument 404 {loc}{id}/404.html\n    Header always set Content-Security-Policy \"{CSP}\"\n    Header always set X-Content-Type-Options \"nosniff\"\n    Header always set Referrer-Policy \"no-referrer\"\n    Header always set X-Frame-Options \"DENY\"\n</Directory>\n",
            title = a.title.replace('\n', " "),
            dir = p.site_dir,
            id = a.id,
            realm = realm(a),
            pw = p.password_file,
            gf = p.group_file,
            loc = p.location,
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_files_are_read_as_apache_reads_them() {
        let m = group_members("# Kommentar\nleitung: anna bert\nvorstand:  carla \nleer:\n");
        assert_eq!(m["leitung"], ["anna", "bert"]);
        assert_eq!(m["vorstand"], ["carla"]);
        assert!(m["leer"].is_empty());
        assert!(!m.contains_key("# Kommentar"));
    }

    #[test]
    fn user_names_are_literal_in_nginx_patterns() {
        assert_eq!(regex_escape("m.beispiel+x"), "m\\.beispiel\\+x");
        assert_eq!(url_path("https://intranet.example.org/rm/"), "/rm/");
        assert_eq!(url_path("https://intranet.example.org"), "/");
    }
}
