//! Who may read the preview and who may write to it.
//!
//! A web page the writer opens in another tab can point a name of its own at
//! 127.0.0.1 (DNS rebinding) and then read the preview as if it were its own site,
//! private entries and drafts included. The name survives in the `Host` header, so
//! every request must name the preview by one of the names it was started for:
//! `localhost`, `127.0.0.1` and `[::1]`; the address of `--bind`; with `--bind
//! 0.0.0.0` or `::`, any address written as digits (a rebinding needs a name); and
//! the names given with `--allowed-host`. Only the name is compared, not the port: a
//! tunnel or a container's port mapping changes the port, a rebinding the name.
//!
//! A request that changes something (any method but GET and HEAD) and the live-reload
//! stream must also come from a page of the preview itself: their `Origin`, when the
//! browser sends one, is the preview's own (a write without `Origin` is refused).
//!
//! [`covering`] puts the guard around the whole router, so a route added to
//! `http::routes` is covered without a line of its own. Every answer, refusals
//! included, carries the headers of [`SECURITY_HEADERS`].

use super::http::App;
use super::livereload::EVENTS_PATH;
use crate::diagnostics::Text;
use crate::language::Language;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use std::net::{IpAddr, Ipv6Addr};

/// Sent with every answer of the preview.
pub(crate) const SECURITY_HEADERS: [(&str, &str); 3] = [
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("cross-origin-resource-policy", "same-origin"),
];

/// A host name as a `Host` or `Origin` header spells it, without the port.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Name {
    Ip(IpAddr),
    /// Lower case.
    Dns(String),
}

impl Name {
    fn parse(s: &str) -> Option<Name> {
        if let Some(inner) = s.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            return inner.parse::<Ipv6Addr>().ok().map(|a| Name::Ip(a.into()));
        }
        if let Ok(ip) = s.parse::<std::net::Ipv4Addr>() {
            return Some(Name::Ip(ip.into()));
        }
        let ok = !s.is_empty()
            && s.len() <= 253
            && s.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && label
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            });
        ok.then(|| Name::Dns(s.to_ascii_lowercase()))
    }

    fn of(ip: IpAddr) -> Name {
        match ip {
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => Name::Ip(v4.into()),
                None => Name::Ip(ip),
            },
            IpAddr::V4(_) => Name::Ip(ip),
        }
    }
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Name::Ip(IpAddr::V6(a)) => write!(f, "[{a}]"),
            Name::Ip(IpAddr::V4(a)) => write!(f, "{a}"),
            Name::Dns(d) => f.write_str(d),
        }
    }
}

/// `name`, `name:port`, `[v6]` or `[v6]:port`.
fn parse_authority(s: &str) -> Option<(Name, Option<u16>)> {
    let (name, port) = if s.starts_with('[') {
        let end = s.find(']')?;
        match &s[end + 1..] {
            "" => (&s[..=end], None),
            rest => (&s[..=end], Some(rest.strip_prefix(':')?)),
        }
    } else {
        match s.split_once(':') {
            Some((n, p)) => (n, Some(p)),
            None => (s, None),
        }
    };
    let port = match port {
        Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => Some(p.parse().ok()?),
        Some(_) => return None,
        None => None,
    };
    Some((Name::parse(name)?, port))
}

/// Checks a value of `--allowed-host` (`NAME` or `NAME:PORT`), for the command line.
pub(crate) fn check_allowed_host(s: &str) -> Result<String, String> {
    match parse_authority(s.trim()) {
        Some(_) => Ok(s.trim().to_string()),
        None => Err(format!(
            "`{s}` is not a host name: give a name such as preview.example or preview.example:8443 (an IPv6 address in brackets: [fd00::1])"
        )),
    }
}

/// The names the preview answers to, and its port.
#[derive(Debug, Clone)]
pub(crate) struct Allowed {
    /// `localhost`, `127.0.0.1`, `[::1]` and the address of `--bind`.
    own: Vec<Name>,
    /// The names of `--allowed-host`, with their port if one was given.
    extra: Vec<(Name, Option<u16>)>,
    /// Bound to every address (`0.0.0.0`, `::`): any address written as digits.
    any_ip: bool,
    /// The port the preview listens on.
    port: u16,
}

impl Allowed {
    /// The names for a preview bound to `bind`:`port`; `extra` are the values of
    /// `--allowed-host` (already checked by [`check_allowed_host`]; others are skipped).
    pub(crate) fn new(bind: IpAddr, port: u16, extra: &[String]) -> Allowed {
        let mut own = vec![
            Name::Dns("localhost".into()),
            Name::Ip([127, 0, 0, 1].into()),
            Name::Ip(Ipv6Addr::LOCALHOST.into()),
        ];
        if !bind.is_unspecified() && !own.contains(&Name::of(bind)) {
            own.push(Name::of(bind));
        }
        Allowed {
            own,
            extra: extra.iter().filter_map(|e| parse_authority(e)).collect(),
            any_ip: bind.is_unspecified(),
            port,
        }
    }

    fn admits_name(&self, name: &Name) -> bool {
        let name = match name {
            Name::Ip(ip) => Name::of(*ip),
            n => n.clone(),
        };
        self.own.contains(&name)
            || self.extra.iter().any(|(n, _)| *n == name)
            || (self.any_ip && matches!(name, Name::Ip(_)))
    }

    /// Whether a `Host` header's value names the preview (the port is not compared).
    pub(crate) fn admits_host(&self, host: &str) -> bool {
        parse_authority(host).is_some_and(|(name, _)| self.admits_name(&name))
    }

    /// The names the preview answers to, for people.
    fn listed(&self) -> String {
        let mut names: Vec<String> = self.own.iter().map(Name::to_string).collect();
        names.extend(self.extra.iter().map(|(n, _)| n.to_string()));
        names.join(", ")
    }
}

fn host_header(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::HOST).and_then(|v| v.to_str().ok())
}

/// Whether the request's `Origin` is a page of the preview itself: an admitted name
/// with the address the request was sent to, or one of the preview's own names with
/// its port, or a name of `--allowed-host` (with its port, if one was given). `false`
/// without an `Origin` header.
pub(crate) fn is_own_origin(headers: &HeaderMap, allowed: &Allowed) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let Some((scheme, authority)) = origin.split_once("://") else {
        return false;
    };
    let default = match scheme {
        "http" => 80,
        "https" => 443,
        _ => return false,
    };
    let Some((name, port)) = parse_authority(authority) else {
        return false;
    };
    if !allowed.admits_name(&name) {
        return false;
    }
    let port = port.unwrap_or(default);
    let sent_to = host_header(headers)
        .and_then(parse_authority)
        .is_some_and(|(n, p)| n == name && p.unwrap_or(default) == port);
    let own = allowed.own.contains(&name) && port == allowed.port;
    let extra = allowed
        .extra
        .iter()
        .any(|(n, p)| *n == name && p.is_none_or(|p| p == port));
    sent_to || own || extra
}

/// Puts the guard around every route of `routes`.
pub(crate) fn covering(routes: Router, app: App) -> Router {
    routes.layer(axum::middleware::from_fn_with_state(app, guard))
}

async fn guard(State(app): State<App>, req: Request, next: Next) -> Response {
    let mut response = match refusal(&app, &req) {
        Some(why) => refuse(&app, why),
        None => next.run(req).await,
    };
    let headers = response.headers_mut();
    for (name, value) in SECURITY_HEADERS {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// Why a request is not answered.
enum Refusal {
    /// The `Host` header (or its absence) names something else than the preview.
    Host(Option<String>),
    /// A write or the live-reload stream from another site's page.
    Origin(String),
    /// A write without `Origin`.
    NoOrigin,
}

fn refusal(app: &App, req: &Request) -> Option<Refusal> {
    let headers = req.headers();
    let host = host_header(headers)
        .map(str::to_string)
        .or_else(|| req.uri().authority().map(|a| a.to_string()));
    if !host.as_deref().is_some_and(|h| app.allowed.admits_host(h)) {
        return Some(Refusal::Host(host));
    }
    let write = req.method() != Method::GET && req.method() != Method::HEAD;
    if !write && req.uri().path() != EVENTS_PATH {
        return None;
    }
    match headers.get(header::ORIGIN) {
        None if write => Some(Refusal::NoOrigin),
        None => None,
        Some(_) if is_own_origin(headers, &app.allowed) => None,
        Some(o) => Some(Refusal::Origin(
            String::from_utf8_lossy(o.as_bytes()).into_owned(),
        )),
    }
}

fn refuse(app: &App, why: Refusal) -> Response {
    let lang = {
        let snap = app.state.read().unwrap_or_else(|e| e.into_inner());
        snap.language.unwrap_or(Language::De)
    };
    let (title, text, command) = words(&app.allowed, why);
    let command = command
        .map(|c| format!("<pre><code>{}</code></pre>", esc(&c)))
        .unwrap_or_default();
    let page = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head><body><h1>{}</h1><p>{}</p>{}</body></html>",
        lang.code(),
        esc(title.get(lang)),
        esc(title.get(lang)),
        esc(text.get(lang)),
        command
    );
    let mut r = (StatusCode::FORBIDDEN, page).into_response();
    let headers = r.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// The refusal page's title, its text and the command that would admit the request.
fn words(allowed: &Allowed, why: Refusal) -> (Text, Text, Option<String>) {
    let names = allowed.listed();
    match why {
        Refusal::Host(host) => {
            let name = host.as_deref().and_then(parse_authority).map(|(n, _)| n);
            let shown = name
                .as_ref()
                .map(Name::to_string)
                .or(host)
                .unwrap_or_default();
            let title = crate::text!(
                "Diese Vorschau antwortet nicht unter „{shown}“",
                "This preview does not answer to “{shown}”"
            );
            let text = crate::text!(
                "Die Vorschau zeigt ihre Seiten nur unter den Namen, für die sie gestartet wurde: {names}. So kann keine andere Website sie unter einem eigenen Namen lesen. Wenn Sie die Vorschau unter diesem Namen öffnen wollen, etwa hinter einem Reverse Proxy oder aus einem Container, starten Sie sie so:",
                "The preview shows its pages only under the names it was started for: {names}. That way no other website can read it under a name of its own. To open the preview under this name, for instance behind a reverse proxy or from a container, start it like this:"
            );
            let command = name.map(|n| format!("tandem serve --allowed-host {n}"));
            (title, text, command)
        }
        Refusal::Origin(origin) => (
            crate::text!(
                "Diese Anfrage kommt von einer anderen Website",
                "This request comes from another website"
            ),
            crate::text!(
                "Die Vorschau nimmt Änderungen und ihre Live-Aktualisierung nur von ihren eigenen Seiten an; diese Anfrage kam von {origin}. Öffnen Sie die Vorschau unter ihrer eigenen Adresse. Läuft sie hinter einem Reverse Proxy, starten Sie sie mit dem Namen, unter dem Sie sie öffnen:",
                "The preview accepts changes and its live reload only from its own pages; this request came from {origin}. Open the preview at its own address. If it runs behind a reverse proxy, start it with the name you open it under:"
            ),
            Some("tandem serve --allowed-host NAME".to_string()),
        ),
        Refusal::NoOrigin => (
            crate::text!(
                "Diese Anfrage sagt nicht, woher sie kommt",
                "This request does not say where it comes from"
            ),
            crate::text!(
                "Die Vorschau nimmt Änderungen nur von ihren eigenen Seiten im Browser an, und der Browser nennt dabei die Seite, von der sie kommen. Diese Anfrage nennt keine. Nehmen Sie die Änderung in der Vorschau im Browser vor.",
                "The preview accepts changes only from its own pages in the browser, and the browser names the page they come from. This request names none. Make the change in the preview in the browser."
            ),
            None,
        ),
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loopback() -> Allowed {
        Allowed::new([127, 0, 0, 1].into(), 1111, &["preview.example".into()])
    }

    fn headers(host: &str, origin: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_str(host).unwrap());
        h.insert(header::ORIGIN, HeaderValue::from_str(origin).unwrap());
        h
    }

    #[test]
    fn hosts_of_a_loopback_preview() {
        let a = loopback();
        for ok in [
            "localhost",
            "localhost:1111",
            "LOCALHOST:1111",
            "127.0.0.1:1111",
            "[::1]:1111",
            "[0:0:0:0:0:0:0:1]",
            "127.0.0.1",
            "preview.example:8443",
        ] {
            assert!(a.admits_host(ok), "{ok}");
        }
        for no in [
            "evil.example:1111",
            "localhost.evil.example",
            "192.168.1.5:1111",
            "::1",
            "[::1",
            "localhost:",
            "localhost:x",
            "",
            "preview.example.evil",
        ] {
            assert!(!a.admits_host(no), "{no}");
        }
    }

    #[test]
    fn hosts_of_a_preview_on_every_address() {
        let a = Allowed::new([0, 0, 0, 0].into(), 1111, &[]);
        assert!(a.admits_host("192.168.1.5:1111"));
        assert!(a.admits_host("[fd00::5]:1111"));
        assert!(a.admits_host("localhost:1111"));
        assert!(!a.admits_host("rebound.example:1111"));
        let b = Allowed::new([192, 168, 1, 5].into(), 1111, &[]);
        assert!(b.admits_host("192.168.1.5:1111"));
        assert!(!b.admits_host("192.168.1.6:1111"));
    }

    #[test]
    fn own_origins() {
        let a = loopback();
        let own = |host: &str, origin: &str| is_own_origin(&headers(host, origin), &a);
        assert!(own("localhost:1111", "http://localhost:1111"));
        assert!(own("127.0.0.1:1111", "http://localhost:1111"));
        assert!(own("[::1]:1111", "http://[::1]:1111"));
        // A tunnel: the browser's port is not the preview's.
        assert!(own("localhost:8080", "http://localhost:8080"));
        // A proxy that passes its own Host on.
        assert!(own("127.0.0.1:1111", "https://preview.example"));
        assert!(!own("localhost:1111", "http://localhost:3000"));
        assert!(!own("localhost:1111", "http://evil.example:1111"));
        assert!(!own("localhost:1111", "null"));
        assert!(!own("localhost:1111", "file://"));
        assert!(!own("localhost:1111", "ftp://localhost:1111"));
        let pinned = Allowed::new([127, 0, 0, 1].into(), 1111, &["p.example:8443".into()]);
        assert!(is_own_origin(
            &headers("127.0.0.1:1111", "https://p.example:8443"),
            &pinned
        ));
        assert!(!is_own_origin(
            &headers("127.0.0.1:1111", "https://p.example"),
            &pinned
        ));
    }

    #[test]
    fn allowed_host_values() {
        assert!(check_allowed_host("preview.example").is_ok());
        assert!(check_allowed_host("preview.example:8443").is_ok());
        assert!(check_allowed_host("[fd00::1]:80").is_ok());
        assert!(check_allowed_host("http://preview.example").is_err());
        assert!(check_allowed_host("*").is_err());
        assert!(check_allowed_host("a b").is_err());
    }
}
