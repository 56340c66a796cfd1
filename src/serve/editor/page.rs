//! The editor's page: the form with an entry's fields and text, the messages of the
//! checks beside the fields, and after a refused save both versions of the text.

use super::check::{Field, Message};
use super::front::Fields;
use super::words::{words, Words};
use super::PREFIX;
use crate::content::Topic;
use crate::diagnostics::Severity;
use crate::language::Language;
use crate::site::TandemPlace;
use std::fmt::Write;

/// What the form edits.
#[derive(Debug, Clone, Copy)]
pub(super) enum Mode<'a> {
    /// An entry file's fields and text.
    Edit(&'a str),
    /// An entry file as a whole, when its fields cannot be read.
    Whole(&'a str),
    /// A new entry in the tandem's folder.
    New,
}

/// What happened before the page was shown.
#[derive(Debug, Clone)]
pub(super) enum Status {
    Opened,
    /// Refused: the checks found errors; the form holds what was not saved.
    Refused,
    /// Saved, with warnings to read; the entry's page.
    Saved(String),
    /// Refused: the file changed on disk; its text now.
    Conflict(String),
    /// Refused: a new entry's file exists; its text.
    Exists(String),
}

/// Everything the page shows.
pub(super) struct Form<'a> {
    pub lang: Language,
    pub token: &'a str,
    pub mode: Mode<'a>,
    pub tandem: &'a TandemPlace,
    pub topics: &'a [Topic],
    pub fields: &'a Fields,
    pub body: &'a str,
    /// The version of the file the form's text is based on.
    pub version: &'a str,
    pub messages: &'a [Message],
    pub status: Status,
    /// Where "Cancel" leads: the entry's page, or the tandem's.
    pub back: String,
}

/// Text for HTML, with `&<>"'` escaped.
pub(super) fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

/// A message for HTML: escaped, with `code` in backticks shown as code.
fn message_html(s: &str) -> String {
    let mut out = String::new();
    for (i, part) in esc(s).split('`').enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<code>{part}</code>");
        } else {
            out.push_str(part);
        }
    }
    out
}

/// The whole page. Its referrer policy lets the browser name the preview as the
/// `Origin` of the form it sends (under the preview's `no-referrer` it would send
/// `null`, which the guard refuses), and still names nothing to other sites.
pub(super) fn render(f: &Form) -> String {
    let w = words(f.lang);
    let heading = match f.mode {
        Mode::New => w.new_title,
        _ => w.edit_title,
    };
    let shown_title = if f.fields.title.is_empty() {
        f.tandem.title.clone()
    } else {
        f.fields.title.clone()
    };
    let mut h = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"referrer\" content=\"same-origin\"><link rel=\"icon\" href=\"data:,\">\
         <meta name=\"tandem-token\" content=\"{token}\">\
         <title>{heading}: {title}</title>\
         <link rel=\"stylesheet\" href=\"{PREFIX}/editor.css\">\
         <script src=\"{PREFIX}/editor.js\" defer></script></head><body>\
         <header class=\"ed-head\"><a href=\"/{tandem_page}\">{back_to} {tandem}</a></header>\
         <main id=\"main\"><h1>{heading}</h1>",
        lang = f.lang.code(),
        token = esc(f.token),
        title = esc(&shown_title),
        tandem_page = esc(&f.tandem.page),
        back_to = w.back_to,
        tandem = esc(&f.tandem.title),
    );
    status(&mut h, f, w);
    summary(&mut h, f, w);
    form(&mut h, f, w);
    h.push_str("</main></body></html>\n");
    h
}

/// The box that says what happened, and after a refused save the other version.
fn status(h: &mut String, f: &Form, w: &Words) {
    match &f.status {
        Status::Opened | Status::Refused => {}
        Status::Saved(page) => {
            let _ = write!(
                h,
                "<div class=\"ed-status ed-ok\" id=\"ed-status\" role=\"status\"><p>{}</p><p><a href=\"/{}\">{}</a></p></div>",
                w.saved_with_warnings,
                esc(page),
                w.view_page
            );
        }
        Status::Conflict(theirs) | Status::Exists(theirs) => {
            let (title, text) = match f.status {
                Status::Conflict(_) => (w.conflict_title, w.conflict),
                _ => (w.exists_title, w.exists),
            };
            let _ = write!(
                h,
                "<div class=\"ed-status ed-bad\" id=\"ed-status\" role=\"alert\"><h2>{title}</h2><p>{text}</p></div>\
                 <section class=\"ed-theirs\" aria-labelledby=\"ed-theirs-h\"><h2 id=\"ed-theirs-h\">{}</h2>\
                 <label class=\"ed-hidden-label\" for=\"ed-theirs\">{}</label>\
                 <textarea id=\"ed-theirs\" readonly rows=\"14\">\n{}</textarea></section>\
                 <h2>{}</h2>",
                w.theirs,
                w.theirs,
                esc(theirs),
                w.yours
            );
        }
    }
}

/// The list of problems at the top, each a link to its field.
fn summary(h: &mut String, f: &Form, w: &Words) {
    let errors: Vec<&Message> = f
        .messages
        .iter()
        .filter(|m| m.diag.severity == Severity::Error)
        .collect();
    if errors.is_empty() {
        return;
    }
    // Opening a faulty file tried no save: "nothing was saved" would alarm.
    let heading = match f.status {
        Status::Opened => w.problems_opened,
        _ => w.problems,
    };
    let _ = write!(
        h,
        "<div class=\"ed-summary\" id=\"ed-summary\" role=\"alert\"><h2>{heading}</h2><ul>"
    );
    for m in errors {
        let _ = write!(
            h,
            "<li><a href=\"#{}\">{}</a></li>",
            m.field.id(),
            message_html(m.diag.message.get(f.lang))
        );
    }
    h.push_str("</ul></div>");
}

/// The messages beside one field, with the id its input names in `aria-describedby`.
fn messages(h: &mut String, f: &Form, w: &Words, field: Field) {
    let _ = write!(h, "<div class=\"ed-msgs\" id=\"{}-msg\">", field.id());
    for m in f.messages.iter().filter(|m| m.field == field) {
        let (class, label) = match m.diag.severity {
            Severity::Error => ("ed-error", w.error),
            Severity::Warning => ("ed-warning", w.warning),
        };
        let place = m
            .line
            .map(|l| format!(" ({} {l})", w.line))
            .unwrap_or_default();
        let _ = write!(
            h,
            "<p class=\"{class}\"><strong>{label}{place}:</strong> {}",
            message_html(m.diag.message.get(f.lang))
        );
        if let Some(help) = &m.diag.help {
            let _ = write!(h, "<br>{}: {}", w.hint, message_html(help.get(f.lang)));
        }
        h.push_str("</p>");
    }
    h.push_str("</div>");
}

/// `aria-invalid` for a field with an error.
fn invalid(f: &Form, field: Field) -> &'static str {
    let bad = f
        .messages
        .iter()
        .any(|m| m.field == field && m.diag.severity == Severity::Error);
    if bad {
        " aria-invalid=\"true\""
    } else {
        ""
    }
}

fn form(h: &mut String, f: &Form, w: &Words) {
    let (mode, target) = match f.mode {
        Mode::Edit(file) => ("edit", ("file", file)),
        Mode::Whole(file) => ("whole", ("file", file)),
        Mode::New => ("new", ("tandem", f.tandem.dir.as_str())),
    };
    // A form that holds what a refused save did not write asks before it is left.
    let unsaved = matches!(
        f.status,
        Status::Refused | Status::Conflict(_) | Status::Exists(_)
    );
    let _ = write!(
        h,
        "<form method=\"post\" action=\"{PREFIX}/save\" id=\"ed-form\" data-tandem=\"{}\" data-unsaved=\"{unsaved}\">\
         <input type=\"hidden\" name=\"token\" value=\"{}\">\
         <input type=\"hidden\" name=\"mode\" value=\"{mode}\">\
         <input type=\"hidden\" name=\"{}\" value=\"{}\">\
         <input type=\"hidden\" name=\"version\" value=\"{}\">",
        esc(&f.tandem.dir),
        esc(f.token),
        target.0,
        esc(target.1),
        esc(f.version),
    );
    if let Mode::Whole(_) = f.mode {
        let _ = write!(h, "<p class=\"ed-note\">{}</p>", w.whole_file_note);
    } else {
        fields(h, f, w);
    }
    text_area(h, f, w);
    if f.messages.iter().any(|m| m.field == Field::Other) {
        let _ = write!(h, "<div class=\"ed-field\"><h2 class=\"ed-legend\" id=\"f-other\" tabindex=\"-1\">{}</h2>", w.other_fields);
        messages(h, f, w, Field::Other);
        h.push_str("</div>");
    }
    let _ = write!(
        h,
        "<div class=\"ed-actions\"><button type=\"submit\" class=\"ed-save\">{}</button> <a href=\"/{}\">{}</a></div></form>",
        w.save,
        esc(&f.back),
        w.cancel
    );
}

/// A text input: its field, label, type, value, more attributes and a hint.
struct Input<'a> {
    field: Field,
    label: &'a str,
    kind: &'a str,
    value: &'a str,
    extra: &'a str,
    hint: Option<&'a str>,
}

/// A text input with its label, hint and messages.
fn input(h: &mut String, f: &Form, i: Input) {
    let w = words(f.lang);
    let id = i.field.id();
    let described = if i.hint.is_some() {
        format!("{id}-hint {id}-msg")
    } else {
        format!("{id}-msg")
    };
    let _ = write!(
        h,
        "<div class=\"ed-field\"><label for=\"{id}\">{label}</label>",
        label = i.label
    );
    if let Some(hint) = i.hint {
        let _ = write!(h, "<p class=\"ed-hint\" id=\"{id}-hint\">{hint}</p>");
    }
    let _ = write!(
        h,
        "<input type=\"{kind}\" id=\"{id}\" name=\"{name}\" value=\"{value}\" aria-describedby=\"{described}\"{invalid}{extra}>",
        kind = i.kind,
        name = &id[2..],
        value = esc(i.value),
        invalid = invalid(f, i.field),
        extra = i.extra,
    );
    messages(h, f, w, i.field);
    h.push_str("</div>");
}

fn fields(h: &mut String, f: &Form, w: &Words) {
    let v = f.fields;
    let plain = |field, label, kind, value, extra| Input {
        field,
        label,
        kind,
        value,
        extra,
        hint: None,
    };
    input(
        h,
        f,
        plain(Field::Title, w.title, "text", &v.title, " required"),
    );
    input(
        h,
        f,
        plain(Field::Date, w.date, "date", &v.date, " required"),
    );
    topics(h, f, w);
    h.push_str("<div class=\"ed-row\">");
    input(
        h,
        f,
        Input {
            hint: Some(w.duration_hint),
            ..plain(
                Field::Duration,
                w.duration,
                "text",
                &v.duration,
                " size=\"8\"",
            )
        },
    );
    input(
        h,
        f,
        plain(
            Field::Format,
            w.format,
            "text",
            &v.format,
            " list=\"f-formats\"",
        ),
    );
    h.push_str("<datalist id=\"f-formats\">");
    for x in w.formats {
        let _ = write!(h, "<option value=\"{x}\"></option>");
    }
    h.push_str("</datalist></div>");
    people(h, f, w);
    visibility_and_draft(h, f, w);
}

/// Who reads the entry: everyone or nobody, and whether it is a draft.
fn visibility_and_draft(h: &mut String, f: &Form, w: &Words) {
    let v = f.fields;
    let checked = |b: bool| if b { " checked" } else { "" };
    let _ = write!(
        h,
        "<fieldset class=\"ed-field\" id=\"f-visibility\" aria-describedby=\"f-visibility-msg\"><legend>{}</legend>\
         <label class=\"ed-choice\"><input type=\"radio\" name=\"visibility\" value=\"shared\"{}> {}</label>\
         <label class=\"ed-choice\"><input type=\"radio\" name=\"visibility\" value=\"private\"{}> {}</label>",
        w.visibility,
        checked(!v.private),
        w.shared,
        checked(v.private),
        w.private
    );
    messages(h, f, w, Field::Visibility);
    let _ = write!(
        h,
        "</fieldset><div class=\"ed-field\"><label class=\"ed-choice\"><input type=\"checkbox\" id=\"f-draft\" name=\"draft\" value=\"true\" aria-describedby=\"f-draft-msg\"{}> {}</label>",
        checked(v.draft),
        w.draft
    );
    messages(h, f, w, Field::Draft);
    h.push_str("</div>");
}

fn topics(h: &mut String, f: &Form, w: &Words) {
    let _ = write!(
        h,
        "<fieldset class=\"ed-field\" id=\"f-topics\" aria-describedby=\"f-topics-hint f-topics-msg\"{}><legend>{}</legend><p class=\"ed-hint\" id=\"f-topics-hint\">{}</p><div class=\"ed-choices\">",
        invalid(f, Field::Topics),
        w.topics,
        if f.topics.is_empty() { w.no_topics } else { w.topics_hint }
    );
    for (i, t) in f.topics.iter().enumerate() {
        let on = f.fields.topics.contains(&t.id);
        let _ = write!(
            h,
            "<label class=\"ed-choice\"><input type=\"checkbox\" name=\"topics\" id=\"f-topic-{i}\" value=\"{}\"{}> {}</label>",
            esc(&t.id),
            if on { " checked" } else { "" },
            esc(&t.title)
        );
    }
    h.push_str("</div>");
    messages(h, f, w, Field::Topics);
    h.push_str("</fieldset>");
}

fn people(h: &mut String, f: &Form, w: &Words) {
    let v = f.fields;
    let checked = |b: bool| if b { " checked" } else { "" };
    let _ = write!(
        h,
        "<fieldset class=\"ed-field\" id=\"f-authors\" aria-describedby=\"f-authors-msg\"><legend>{}</legend>\
         <label class=\"ed-choice\"><input type=\"checkbox\" name=\"authors\" value=\"mentor\"{}> {} ({})</label>\
         <label class=\"ed-choice\"><input type=\"checkbox\" name=\"authors\" value=\"mentee\"{}> {} ({})</label>",
        w.authors,
        checked(v.mentor),
        esc(&f.tandem.mentor),
        w.mentor,
        checked(v.mentee),
        esc(&f.tandem.mentee),
        w.mentee,
    );
    for other in &v.others {
        let _ = write!(
            h,
            "<label class=\"ed-choice\"><input type=\"checkbox\" name=\"other_author\" value=\"{0}\" checked> {0}</label>",
            esc(other)
        );
    }
    messages(h, f, w, Field::Authors);
    h.push_str("</fieldset>");
}

/// The text area with its toolbar and preview.
fn text_area(h: &mut String, f: &Form, w: &Words) {
    let label = match f.mode {
        Mode::Whole(_) => w.whole_file,
        _ => w.text,
    };
    let _ = write!(
        h,
        "<div class=\"ed-field ed-text\"><label for=\"f-body\" id=\"f-body-label\">{label}</label>\
         <div class=\"ed-toolbar\" role=\"toolbar\" aria-label=\"{}\" aria-controls=\"f-body\" hidden>\
         <button type=\"button\" data-do=\"heading\">{}</button>\
         <button type=\"button\" data-do=\"bold\">{}</button>\
         <button type=\"button\" data-do=\"list\">{}</button>\
         <button type=\"button\" data-do=\"agreement\">{}</button>\
         <button type=\"button\" data-do=\"insight\" data-heading=\"{}\">{}</button>\
         <span class=\"ed-link\"><label for=\"ed-link-to\" class=\"ed-hidden-label\">{}</label>\
         <select id=\"ed-link-to\"><option value=\"\">{}</option>",
        w.toolbar,
        w.heading,
        w.bold,
        w.list,
        w.agreement,
        w.insight_heading,
        w.insight,
        w.link_to,
        w.link_choose
    );
    let here = match f.mode {
        Mode::Edit(file) | Mode::Whole(file) => file,
        Mode::New => "",
    };
    for (file, title, date) in &f.tandem.entries {
        if file == here {
            continue;
        }
        let name = file.rsplit('/').next().unwrap_or(file);
        let _ = write!(
            h,
            "<option value=\"{}\" data-title=\"{}\">{} – {}</option>",
            esc(name),
            esc(title),
            date,
            esc(title)
        );
    }
    let _ = write!(
        h,
        "</select><button type=\"button\" data-do=\"link\">{}</button></span>\
         <button type=\"button\" data-do=\"picture\">{}</button>\
         <input type=\"file\" id=\"ed-file\" accept=\".png,.jpg,.jpeg,.gif,.webp,.pdf,image/png,image/jpeg,image/gif,image/webp,application/pdf\" hidden>\
         <button type=\"button\" data-do=\"preview\" aria-pressed=\"false\" aria-controls=\"ed-preview\">{}</button></div>\
         <p class=\"ed-hint\" id=\"f-body-hint\">{}</p>\
         <textarea id=\"f-body\" name=\"body\" rows=\"22\" aria-describedby=\"f-body-hint f-body-msg ed-upload-status\"{}>\n{}</textarea>\
         <p id=\"ed-upload-status\" class=\"ed-live\" role=\"status\" aria-live=\"polite\"></p>",
        w.insert_link,
        w.picture,
        w.preview,
        w.picture_hint,
        invalid(f, Field::Body),
        esc(f.body)
    );
    messages(h, f, w, Field::Body);
    let _ = write!(
        h,
        "<section id=\"ed-preview\" class=\"ed-preview\" aria-labelledby=\"ed-preview-h\" hidden><h2 id=\"ed-preview-h\">{}</h2><div class=\"ed-preview-body\"></div></section></div>",
        w.preview_title
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostic;

    fn tandem() -> TandemPlace {
        TandemPlace {
            dir: "cohorts/2019/a".into(),
            title: "A & B".into(),
            mentor: "Ann <Mentor>".into(),
            mentee: "Bob".into(),
            focus: Vec::new(),
            period: None,
            page: "cohorts/2019/a/".into(),
            entries: Vec::new(),
        }
    }

    fn page(lang: Language, mode: Mode) -> String {
        page_with(lang, mode, &[], Status::Opened)
    }

    fn page_with(lang: Language, mode: Mode, messages: &[Message], status: Status) -> String {
        let t = tandem();
        let fields = Fields {
            title: "Ein \"Titel\" <b>".into(),
            ..Fields::default()
        };
        render(&Form {
            lang,
            token: "t",
            mode,
            tandem: &t,
            topics: &[],
            fields: &fields,
            body: "\nText </textarea><script>",
            version: "v",
            messages,
            status,
            back: "cohorts/2019/a/".into(),
        })
    }

    #[test]
    fn a_faulty_file_as_opened_does_not_say_that_nothing_was_saved() {
        let error = Message {
            field: Field::Body,
            line: Some(2),
            diag: Diagnostic::error(
                "cohorts/2019/a/x.md",
                crate::text!("Das Anführungszeichen", "the quote"),
            ),
        };
        let mode = || Mode::Whole("cohorts/2019/a/x.md");
        let opened = page_with(
            Language::De,
            mode(),
            std::slice::from_ref(&error),
            Status::Opened,
        );
        assert!(opened.contains("<h2>In dieser Datei ist etwas zu korrigieren:</h2>"));
        assert!(!opened.contains("nichts gespeichert"), "{opened}");
        let refused = page_with(Language::De, mode(), &[error], Status::Refused);
        assert!(refused
            .contains("<h2>Bitte prüfen Sie diese Angaben. Es wurde nichts gespeichert.</h2>"));
    }

    #[test]
    fn an_english_programme_gets_english_labels() {
        let en = page(Language::En, Mode::New);
        for words in [
            "<h1>New entry</h1>",
            ">Save</button>",
            ">Title</label>",
            "Written by",
        ] {
            assert!(en.contains(words), "{words}");
        }
        let de = page(Language::De, Mode::Edit("cohorts/2019/a/x.md"));
        for words in [
            "<h1>Eintrag bearbeiten</h1>",
            ">Speichern</button>",
            ">Titel</label>",
        ] {
            assert!(de.contains(words), "{words}");
        }
    }

    #[test]
    fn what_people_wrote_is_escaped_and_the_text_keeps_its_first_line() {
        let h = page(Language::De, Mode::New);
        assert!(h.contains("value=\"Ein &quot;Titel&quot; &lt;b&gt;\""));
        assert!(h.contains("Ann &lt;Mentor&gt;"));
        // The browser drops one line end right after <textarea>: the text's own stays.
        assert!(h.contains(">\n\nText &lt;/textarea&gt;&lt;script&gt;</textarea>"));
    }
}
