//! Text that is safe to show: job data and inputs quoted in messages and
//! tables never reach the terminal raw (control characters escaped) and never
//! echo a huge input back (cut at a fixed length). A leaf: every layer may use it.

use serde_json::Value as Json;

/// A size limit as help and messages say it: `1 MiB`, `16 MiB`, `512 KiB`.
pub fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{} MiB", b >> 20),
        b if b >= 1 << 10 && b % (1 << 10) == 0 => format!("{} KiB", b >> 10),
        b => format!("{b} bytes"),
    }
}

/// Job data shown to a person never reaches the terminal raw: control
/// characters (C0, DEL, C1), the Unicode line and paragraph separators and
/// the invisible bidirectional overrides are written as escapes, so a job's
/// Description cannot move the cursor, clear the screen, reorder what is
/// shown or split a line of text output.
pub fn escape_controls(text: &str) -> String {
    let hidden = is_hidden;
    if !text.chars().any(hidden) {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if hidden(c) {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Whether a terminal would act on `c` or not show it: control characters
/// (C0, DEL, C1) and the invisible format characters (zero-width, bidi
/// controls and marks, line and paragraph separators, BOM, soft hyphen,
/// interlinear annotations, tags).
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{ad}'
                | '\u{61c}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2069}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
                | '\u{e0000}'..='\u{e007f}'
        )
}

/// JSON text for a terminal: every character [`is_hidden`] that JSON leaves
/// raw (DEL, C1, the format characters; JSON escapes C0 itself) written as
/// its `\uXXXX` escape (a surrogate pair beyond U+FFFF). Outside strings JSON
/// is ASCII, so this is the same document, one a terminal cannot act on.
pub fn json_for_terminal(json: &str) -> String {
    if !json.chars().any(|c| c > '~' && is_hidden(c)) {
        return json.to_string();
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if c > '~' && is_hidden(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Messages quote at most this many characters of any input.
pub const MAX_QUOTED: usize = 200;

/// An input quoted in a message: at most [`MAX_QUOTED`] characters of it,
/// control characters escaped.
pub fn quote(value: &str) -> String {
    let mut shown: String = value.chars().take(MAX_QUOTED).collect();
    if value.chars().count() > MAX_QUOTED {
        shown.push('…');
    }
    format!("'{}'", escape_controls(&shown))
}

/// Cuts every run of more than [`MAX_QUOTED`] characters without a space to
/// that length (`…` marks the cut): the last guard against a message echoing
/// a huge input back.
pub fn shorten_long_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(64 * 1024));
    let mut run = 0;
    for c in text.chars() {
        if c.is_whitespace() {
            run = 0;
        } else {
            run += 1;
            if run == MAX_QUOTED + 1 {
                out.push('…');
            }
            if run > MAX_QUOTED {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// A message for stderr: long inputs cut, control characters escaped, its
/// own line breaks kept.
pub fn message(text: &str) -> String {
    shorten_long_words(text)
        .lines()
        .map(escape_controls)
        .collect::<Vec<_>>()
        .join("\n")
}

/// `escape_controls` on every string of a document (keys included).
pub fn escaped(value: &Json) -> Json {
    match value {
        Json::String(s) => Json::String(escape_controls(s)),
        Json::Array(items) => Json::Array(items.iter().map(escaped).collect()),
        Json::Object(map) => Json::Object(
            map.iter()
                .map(|(k, v)| (escape_controls(k), escaped(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// A word as a POSIX shell would need it quoted to read it back.
pub fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@,+%^".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_format_characters_are_shown_escaped() {
        for c in [
            '\u{61c}',
            '\u{feff}',
            '\u{ad}',
            '\u{180e}',
            '\u{fff9}',
            '\u{e0041}',
            '\u{202e}',
        ] {
            let shown = escape_controls(&format!("a{c}b"));
            assert_eq!(
                shown,
                format!("a{}b", c.escape_default()),
                "U+{:04X}",
                u32::from(c)
            );
        }
        assert_eq!(escape_controls("émoji 👍 ok"), "émoji 👍 ok");
    }

    #[test]
    fn quoted_inputs_are_short_and_escaped() {
        assert_eq!(quote("a\u{1b}[2J"), "'a\\u{1b}[2J'");
        assert_eq!(quote(&"x".repeat(500)).chars().count(), 203);
    }

    #[test]
    fn long_words_are_cut_in_messages() {
        let long = "x".repeat(1000);
        let shown = shorten_long_words(&format!("error: '{long}' is not a job ID ({long})"));
        assert!(shown.chars().count() < 450, "{}", shown.len());
        assert!(shown.contains('…'));
        assert_eq!(shorten_long_words("short words stay"), "short words stay");
    }
}
