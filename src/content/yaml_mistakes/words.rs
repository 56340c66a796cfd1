//! The words of every message about a YAML mistake, in German and English: what the
//! person sees on the line, and the line as it should be. `n` is always the line in
//! the file (as an editor counts it).

use super::shapes::Item;
use crate::diagnostics::Text;

/// A message and its help.
pub(super) type Words = (Text, Text);

/// `value` in the quotes YAML reads: double quotes, or single ones when the text holds
/// a double quote or a backslash.
pub(super) fn quoted(value: &str) -> String {
    if value.contains('"') || value.contains('\\') {
        format!("'{}'", value.replace('\'', "''"))
    } else {
        format!("\"{value}\"")
    }
}

fn spaces_de(n: usize) -> String {
    format!("{n} Leerzeichen")
}

fn spaces_en(n: usize) -> String {
    if n == 1 {
        "1 space".into()
    } else {
        format!("{n} spaces")
    }
}

pub(super) fn unclosed_quote(n: usize, q: char, fixed: &str) -> Words {
    (
        crate::text!(
            "Das Anführungszeichen `{q}` in Zeile {n} wird nicht geschlossen",
            "the quote `{q}` opened on line {n} is never closed"
        ),
        crate::text!(
            "Setzen Sie ans Ende des Textes ein zweites `{q}`: `{fixed}`.",
            "end the text with a second `{q}`: `{fixed}`"
        ),
    )
}

pub(super) fn quotes_inside(n: usize, prefix: &str, inner: &str) -> Words {
    let german = german_quotes(inner);
    let single = quoted(inner);
    (
        crate::text!(
            "In Zeile {n} stehen Anführungszeichen innerhalb von Anführungszeichen: der Text endet schon beim zweiten `\"`",
            "line {n} has quotes inside quotes: the text ends at the second `\"`"
        ),
        crate::text!(
            "Schreiben Sie die inneren Anführungszeichen als „…“: `{prefix} \"{german}\"`.",
            "put the whole text in single quotes: `{prefix} {single}`"
        ),
    )
}

/// `"a" b "c"` → `„a“ b „c“`.
fn german_quotes(s: &str) -> String {
    let mut open = true;
    s.chars()
        .map(|c| {
            if c == '"' {
                let q = if open { '„' } else { '“' };
                open = !open;
                q
            } else {
                c
            }
        })
        .collect()
}

fn bracket_de(c: char) -> &'static str {
    match c {
        '[' | ']' => "eckige Klammer",
        _ => "geschweifte Klammer",
    }
}

pub(super) fn unclosed_bracket(n: usize, open: char, close: &str, fixed: &str) -> Words {
    let name = bracket_de(open);
    (
        crate::text!(
            "Die {name} `{open}` in Zeile {n} wird nicht geschlossen",
            "the bracket `{open}` opened on line {n} is never closed"
        ),
        crate::text!(
            "Setzen Sie ans Ende ein `{close}`: `{fixed}`.",
            "end it with `{close}`: `{fixed}`"
        ),
    )
}

pub(super) fn stray_closer(n: usize, close: char, fixed: &str) -> Words {
    let name = bracket_de(close);
    let open = match close {
        ']' => '[',
        _ => '{',
    };
    (
        crate::text!(
            "Zu der {name} `{close}` in Zeile {n} gibt es keine öffnende `{open}`",
            "the bracket `{close}` on line {n} has no opening `{open}`"
        ),
        crate::text!(
            "Löschen Sie die überzählige Klammer: `{fixed}`.",
            "delete the extra bracket: `{fixed}`"
        ),
    )
}

pub(super) fn text_after_bracket(n: usize, close: char, trail: &str, fixed: &str) -> Words {
    (
        crate::text!(
            "In Zeile {n} steht nach der schließenden Klammer `{close}` noch Text: `{trail}`",
            "line {n} has text after the closing `{close}`: `{trail}`"
        ),
        crate::text!(
            "Alles gehört in die Klammern; eine Notiz dahinter beginnt mit `#`: `{fixed}`.",
            "everything belongs inside the brackets; a note after them starts with `#`: `{fixed}`"
        ),
    )
}

pub(super) fn no_space_after_colon(n: usize, key: &str, value: &str) -> Words {
    (
        crate::text!(
            "In Zeile {n} fehlt nach `{key}:` ein Leerzeichen",
            "line {n} needs a space after `{key}:`"
        ),
        crate::text!("Schreiben Sie `{key}: {value}`.", "write `{key}: {value}`"),
    )
}

pub(super) fn equals_sign(n: usize, key: &str, value: &str) -> Words {
    (
        crate::text!(
            "In Zeile {n} steht `=` statt eines Doppelpunkts",
            "line {n} has `=` where a colon belongs"
        ),
        crate::text!("Schreiben Sie `{key}: {value}`.", "write `{key}: {value}`"),
    )
}

/// The name of a character that looks like a space but is not one.
fn odd_space_name(c: char) -> (&'static str, &'static str) {
    match c {
        '\u{a0}' | '\u{202f}' | '\u{2007}' => {
            ("ein geschütztes Leerzeichen", "a non-breaking space")
        }
        '\u{200b}' | '\u{feff}' | '\u{2060}' => {
            ("ein unsichtbares Zeichen", "an invisible character")
        }
        '\t' => ("ein Tabulatorzeichen", "a tab"),
        _ => ("ein besonderes Leerzeichen", "a special space"),
    }
}

pub(super) fn odd_space_after_colon(n: usize, key: &str, c: char, value: &str) -> Words {
    let (de, en) = odd_space_name(c);
    (
        crate::text!(
            "In Zeile {n} steht nach `{key}:` {de}: es sieht aus wie ein Leerzeichen, ist aber keines",
            "line {n} has {en} after `{key}:`: it looks like a space but is not one"
        ),
        crate::text!(
            "Löschen Sie es und tippen Sie ein normales Leerzeichen: `{key}: {value}`.",
            "delete it and type an ordinary space: `{key}: {value}`"
        ),
    )
}

/// A line that begins with a tab or another odd space; `this` is what comes first on
/// it (`title:`), `expected` how many spaces belong before it.
pub(super) fn odd_indent(n: usize, c: char, this: &str, expected: usize) -> Words {
    let (de, en) = odd_space_name(c);
    let (fix_de, fix_en) = if expected == 0 {
        (
            format!("Löschen Sie alles vor `{this}`, es gehört an den Zeilenanfang."),
            format!("delete everything before `{this}`: it belongs at the start of the line"),
        )
    } else {
        (
            format!(
                "Rücken Sie mit der Leertaste ein, nicht mit der Tabulatortaste: {} vor `{this}`.",
                spaces_de(expected)
            ),
            format!(
                "indent with the space bar, not the tab key: {} before `{this}`",
                spaces_en(expected)
            ),
        )
    };
    (
        crate::text!(
            "Am Anfang von Zeile {n} steht {de}",
            "line {n} starts with {en}"
        ),
        crate::text!("{fix_de}", "{fix_en}"),
    )
}

pub(super) fn dash_without_space(n: usize, rest: &str) -> Words {
    (
        crate::text!(
            "In Zeile {n} fehlt nach dem Strich `-` ein Leerzeichen",
            "line {n} needs a space after the dash `-`"
        ),
        crate::text!("Schreiben Sie `- {rest}`.", "write `- {rest}`"),
    )
}

pub(super) fn not_a_field(n: usize, content: &str, front_matter: bool, continues: bool) -> Words {
    let (de, en) = if continues {
        (
            "Gehört die Zeile zum Text der Zeile davor, rücken Sie sie mit zwei Leerzeichen ein; sonst schreiben Sie sie als `name: Wert`, z. B. `title: Mein Titel`.".to_string(),
            "if the line continues the text of the line above, indent it by two spaces; otherwise write it as `name: value`, e.g. `title: My title`".to_string(),
        )
    } else if front_matter {
        (
            "Zwischen den `---`-Zeilen steht jede Angabe als `name: Wert`, z. B. `title: Mein Titel`; gehört der Text in den Eintrag, schreiben Sie ihn unter die zweite `---`-Zeile.".to_string(),
            "between the `---` lines every field is written `name: value`, e.g. `title: My title`; if the text belongs to the entry, write it below the second `---` line".to_string(),
        )
    } else {
        (
            "Jede Angabe steht als `name: Wert` in einer eigenen Zeile, z. B. `title: Jahrgang 2019`; eine Notiz beginnt mit `#`.".to_string(),
            "every field is written `name: value` on a line of its own, e.g. `title: Cohort 2019`; a note starts with `#`".to_string(),
        )
    };
    (
        crate::text!(
            "Zeile {n} ist keine Angabe der Form `name: Wert`: `{content}`",
            "line {n} is not a field of the form `name: value`: `{content}`"
        ),
        crate::text!("{de}", "{en}"),
    )
}

pub(super) fn special_start(n: usize, prefix: &str, c: char, value: &str) -> Words {
    let q = quoted(value);
    (
        crate::text!(
            "Der Text nach `{prefix}` in Zeile {n} beginnt mit `{c}`, das hier eine besondere Bedeutung hat",
            "the text after `{prefix}` on line {n} starts with `{c}`, which has a special meaning here"
        ),
        crate::text!(
            "Setzen Sie den ganzen Text in Anführungszeichen: `{prefix} {q}`.",
            "put the whole text in quotes: `{prefix} {q}`"
        ),
    )
}

pub(super) fn colon_in_value(n: usize, prefix: &str, value: &str, smart: bool) -> Words {
    let q = quoted(value);
    let (note_de, note_en) = if smart {
        (
            " (die Anführungszeichen „ “ zählen dafür nicht, außen müssen gerade stehen)",
            " (typographic quotes „ “ do not count: the outer ones must be straight)",
        )
    } else {
        ("", "")
    };
    (
        crate::text!(
            "In Zeile {n} steht nach `{prefix}` noch ein Doppelpunkt: `{value}`",
            "line {n} has a second colon after `{prefix}`: `{value}`"
        ),
        crate::text!(
            "Setzen Sie den ganzen Text in Anführungszeichen{note_de}: `{prefix} {q}`.",
            "put the whole text in quotes{note_en}: `{prefix} {q}`"
        ),
    )
}

/// A line indented differently from the line it belongs to: `this` is what it starts
/// with, `other` the line `m` it should line up with.
pub(super) fn indentation(
    n: usize,
    (this_de, this_en): (&str, &str),
    (other_de, other_en): (&str, &str),
    m: usize,
    expected: usize,
    actual: usize,
) -> Words {
    let (side_de, side_en) = if actual > expected {
        ("weiter rechts", "further right")
    } else {
        ("weiter links", "further left")
    };
    let (fix_de, fix_en) = if expected == 0 {
        (
            format!("Löschen Sie die Leerzeichen vor {this_de}: es gehört an den Zeilenanfang."),
            format!("delete the spaces before {this_en}: it belongs at the start of the line"),
        )
    } else {
        (
            format!(
                "Was zusammengehört, beginnt genau untereinander: setzen Sie {} vor {this_de} (jetzt sind es {actual}).",
                spaces_de(expected)
            ),
            format!(
                "what belongs together starts exactly one below the other: put {} before {this_en} (there are {actual})",
                spaces_en(expected)
            ),
        )
    };
    (
        crate::text!(
            "{this_de} in Zeile {n} steht {side_de} als {other_de} in Zeile {m}",
            "{this_en} on line {n} is {side_en} than {other_en} on line {m}"
        ),
        crate::text!("{fix_de}", "{fix_en}"),
    )
}

/// The first line of the file, indented.
pub(super) fn first_indented(n: usize, (this_de, this_en): (&str, &str)) -> Words {
    (
        crate::text!(
            "{this_de} in Zeile {n} steht nicht am Zeilenanfang",
            "{this_en} on line {n} is not at the start of the line"
        ),
        crate::text!(
            "Löschen Sie die Leerzeichen davor: die erste Angabe beginnt ganz links.",
            "delete the spaces before it: the first field starts at the very left"
        ),
    )
}

pub(super) fn stray_dash(n: usize) -> Words {
    (
        crate::text!(
            "Zeile {n} beginnt mit einem Strich wie ein Listeneintrag, gehört aber zu keiner Liste",
            "line {n} starts with a dash like a list item, but belongs to no list"
        ),
        crate::text!(
            "Ein Listeneintrag steht unter einer Angabe, die mit `:` endet, z. B. `topics:` und darunter `  - fuehrung`; sonst löschen Sie den Strich.",
            "a list item stands below a field that ends with `:`, e.g. `topics:` and below it `  - fuehrung`; otherwise delete the dash"
        ),
    )
}

/// `- Cybersicherheit` where a topic with fields belongs.
pub(super) fn word_item(n: usize, word: &str, item: Item, indent: usize) -> Words {
    let example = item.example(word, indent);
    let (ex_de, ex_en) = (&example.de, &example.en);
    let first = item.required()[0];
    let (needs_de, needs_en, noun_de, noun_en) = match item {
        Item::Topic => (
            "eine `id:` und einen `title:`",
            "an `id:` and a `title:`",
            "Thema",
            "topic",
        ),
        Item::Milestone => (
            "ein `date:` und einen `title:`",
            "a `date:` and a `title:`",
            "Meilenstein",
            "milestone",
        ),
    };
    (
        crate::text!(
            "In Zeile {n} steht nur `{word}`; ein {noun_de} braucht {needs_de}",
            "line {n} holds only `{word}`; a {noun_en} needs {needs_en}"
        ),
        crate::text!(
            "Schreiben Sie es so, die zweite Zeile genau unter `{first}:`:\n{ex_de}",
            "write it like this, the second line exactly below `{first}:`:\n{ex_en}"
        ),
    )
}

pub(super) fn missing_fields(n: usize, item: Item, missing: &[&str], example: &Text) -> Words {
    let (ex_de, ex_en) = (&example.de, &example.en);
    let list: Vec<String> = missing.iter().map(|m| format!("`{m}:`")).collect();
    let (missing_de, missing_en) = match list.as_slice() {
        [one] => (format!("die Angabe {one}"), one.clone()),
        _ => (
            format!("die Angaben {}", list.join(" und ")),
            list.join(" and "),
        ),
    };
    let verb = if list.len() == 1 { "fehlt" } else { "fehlen" };
    let (how_de, how_en) = match item {
        Item::Topic => (
            "Jedes Thema beginnt mit `- id:` und einem kurzen Namen ohne Leerzeichen; die weiteren Angaben stehen genau darunter",
            "each topic starts with `- id:` and a short name without spaces; its other fields stand exactly below it",
        ),
        Item::Milestone => (
            "Jeder Meilenstein hat ein Datum und einen Titel, genau untereinander",
            "each milestone has a date and a title, exactly one below the other",
        ),
    };
    let (who_de, who_en) = match item {
        Item::Topic => ("Dem Thema", "the topic"),
        Item::Milestone => ("Dem Meilenstein", "the milestone"),
    };
    (
        crate::text!(
            "{who_de} in Zeile {n} {verb} {missing_de}",
            "{who_en} on line {n} has no {missing_en}"
        ),
        crate::text!("{how_de}:\n{ex_de}", "{how_en}:\n{ex_en}"),
    )
}

pub(super) fn no_dash(n: usize, key: &str, item: Item, example: &Text) -> Words {
    let (ex_de, ex_en) = (&example.de, &example.en);
    let (each_de, of_each_de, noun_en) = match item {
        Item::Topic => ("jedes Thema", "jedes Themas", "topic"),
        Item::Milestone => ("jeder Meilenstein", "jedes Meilensteins", "milestone"),
    };
    (
        crate::text!(
            "Unter `{key}:` beginnt {each_de} mit einem Strich `-`; Zeile {n} hat keinen",
            "below `{key}:` each {noun_en} starts with a dash `-`; line {n} has none"
        ),
        crate::text!(
            "Schreiben Sie `- ` vor die erste Zeile {of_each_de} und die weiteren Zeilen genau darunter:\n{ex_de}",
            "put `- ` before the first line of each {noun_en} and the other lines exactly below it:\n{ex_en}"
        ),
    )
}

pub(super) fn fields_not_list(n: usize, key: &str, fixed: &str) -> Words {
    (
        crate::text!(
            "Unter `{key}:` stehen Angaben, keine Liste: Zeile {n} beginnt mit einem Strich",
            "`{key}:` holds fields, not a list: line {n} starts with a dash"
        ),
        crate::text!(
            "Löschen Sie den Strich: `{fixed}`.",
            "delete the dash: `{fixed}`"
        ),
    )
}

pub(super) fn names_not_fields(n: usize, key: &str, field: &str, value: &str) -> Words {
    (
        crate::text!(
            "Unter `{key}:` stehen nur Namen, keine Angaben wie `{field}:` (Zeile {n})",
            "`{key}:` holds only names, no fields like `{field}:` (line {n})"
        ),
        crate::text!(
            "Schreiben Sie nur den Namen: `- {value}`, oder alle in einer Zeile: `{key}: [{value}]`.",
            "write only the name: `- {value}`, or all on one line: `{key}: [{value}]`"
        ),
    )
}

pub(super) fn text_not_block(n: usize, key: &str) -> Words {
    (
        crate::text!(
            "`{key}:` erwartet einen Text, aber in Zeile {n} folgt eine Liste oder weitere Angaben",
            "`{key}:` takes a text, but line {n} holds a list or more fields"
        ),
        crate::text!(
            "Schreiben Sie den Text in dieselbe Zeile: `{key}: Mein Text`.",
            "write the text on the same line: `{key}: My text`"
        ),
    )
}

pub(super) fn duplicate(key: &str, first: Option<usize>) -> Words {
    let (where_de, where_en) = match first {
        Some(m) => (
            format!(" steht schon in Zeile {m}"),
            format!(" is already on line {m}"),
        ),
        None => (
            " steht schon weiter oben".into(),
            " is already above".into(),
        ),
    };
    (
        crate::text!(
            "Das Feld `{key}` steht zweimal da",
            "the field `{key}` appears twice"
        ),
        crate::text!(
            "Behalten Sie nur eine der beiden Zeilen: `{key}:`{where_de}.",
            "keep only one of the two lines: `{key}:`{where_en}"
        ),
    )
}

/// A warning: ` #` in a text starts a note, and the rest of the line is not read.
pub(super) fn comment_in_text(n: usize, key: &str, before: &str, value: &str) -> Words {
    let q = quoted(value);
    let (read_de, read_en) = if before.is_empty() {
        (
            format!("nach `{key}:` wird nichts gelesen"),
            format!("nothing is read after `{key}:`"),
        )
    } else {
        (
            format!("gelesen wird nur `{before}`"),
            format!("only `{before}` is read"),
        )
    };
    (
        crate::text!(
            "In Zeile {n} beginnt mit `#` eine Notiz, die nicht zum Text gehört: {read_de}",
            "on line {n}, `#` starts a note that is not part of the text: {read_en}"
        ),
        crate::text!(
            "Setzen Sie den ganzen Text in Anführungszeichen: `{key}: {q}`.",
            "put the whole text in quotes: `{key}: {q}`"
        ),
    )
}

/// A complaint of the YAML library that needs no more than its line to explain.
#[derive(Debug, Clone, Copy)]
pub(super) enum Trouble {
    Tab,
    Brackets,
    End,
    NoField,
    Indentation,
}

pub(super) fn trouble(t: Trouble, n: usize) -> Words {
    match t {
        Trouble::Tab => (
            crate::text!(
                "In Zeile {n} steht ein Tabulatorzeichen, wo Leerzeichen stehen müssen",
                "line {n} has a tab where spaces belong"
            ),
            crate::text!(
                "Rücken Sie mit der Leertaste ein, nicht mit der Tabulatortaste.",
                "indent with the space bar, not the tab key"
            ),
        ),
        Trouble::Brackets => (
            crate::text!(
                "Die Klammern in Zeile {n} passen nicht zusammen",
                "the brackets on line {n} do not match"
            ),
            crate::text!(
                "Eine Liste steht in eckigen Klammern, die Einträge durch Kommas getrennt: `topics: [fuehrung, recruiting]`; ein Text mit Klammern steht in Anführungszeichen.",
                "a list stands in square brackets, its items separated by commas: `topics: [fuehrung, recruiting]`; a text with brackets goes in quotes"
            ),
        ),
        Trouble::End => (
            crate::text!(
                "Die Angaben enden mitten in einem Text oder einer Liste (Zeile {n})",
                "the fields end in the middle of a text or a list (line {n})"
            ),
            crate::text!(
                "Prüfen Sie, ob ein Anführungszeichen oder eine Klammer nicht geschlossen wird.",
                "check for a quote or a bracket that is never closed"
            ),
        ),
        Trouble::NoField | Trouble::Indentation => (
            crate::text!(
                "Zeile {n} ist nicht so eingerückt wie die Zeilen, zu denen sie gehört",
                "line {n} is not indented like the lines it belongs to"
            ),
            crate::text!(
                "Was zusammengehört, beginnt genau untereinander, mit Leerzeichen eingerückt; ein Text mit `: ` steht in Anführungszeichen.",
                "what belongs together starts exactly one below the other, indented with spaces; a text with `: ` goes in quotes"
            ),
        ),
    }
}

pub(super) fn backslash(n: usize, key: &str, inner: &str) -> Words {
    let single = format!("'{}'", inner.replace('\'', "''"));
    (
        crate::text!(
            "In Zeile {n} steht zwischen den Anführungszeichen ein `\\`, das dort eine besondere Bedeutung hat",
            "line {n} has a `\\` between double quotes, where it has a special meaning"
        ),
        crate::text!(
            "Setzen Sie den Text in einfache Anführungszeichen: `{key}: {single}`.",
            "put the text in single quotes: `{key}: {single}`"
        ),
    )
}

/// `---` inside a YAML file, which starts a second document.
pub(super) fn second_document(n: usize) -> Words {
    (
        crate::text!(
            "Die Zeile `---` in Zeile {n} teilt die Datei in zwei Teile; gelesen wird nur einer",
            "the line `---` on line {n} splits the file in two; only one part is read"
        ),
        crate::text!(
            "Löschen Sie die Zeile `---`: alle Angaben gehören in einen Teil.",
            "delete the line `---`: all fields belong in one part"
        ),
    )
}

/// `* item` or `• item` where YAML wants `- item`.
pub(super) fn bullet(n: usize, mark: &str, rest: &str) -> Words {
    (
        crate::text!(
            "In Zeile {n} beginnt ein Listeneintrag mit `{mark}`; hier beginnt er mit einem Strich `-`",
            "line {n} starts a list item with `{mark}`; here it starts with a dash `-`"
        ),
        crate::text!("Schreiben Sie `- {rest}`.", "write `- {rest}`"),
    )
}

/// The text below `goals: |` written without indentation.
pub(super) fn block_not_indented(n: usize, prefix: &str) -> Words {
    (
        crate::text!(
            "Der Text unter `{prefix} |` muss eingerückt sein; Zeile {n} ist es nicht",
            "the text below `{prefix} |` must be indented; line {n} is not"
        ),
        crate::text!(
            "Setzen Sie zwei Leerzeichen vor jede Zeile des Textes.",
            "put two spaces before every line of the text"
        ),
    )
}
