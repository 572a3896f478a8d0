//! Romanisation of names written in any script.
//!
//! `latinize` gives the best Latin reading, `latinize_variants` a few plausible ones (best
//! first). Text is cut into runs of one script; each script has its own module, and anything
//! else falls back to `any_ascii`. Output is ASCII: lower-case letters, spaces and hyphens for
//! the romanised parts, ASCII input returned unchanged.

pub mod arabic;
mod arabic_model;
mod arabic_names;
mod arabic_words;
mod cyrillic;
mod devanagari;
mod greek;
mod han;
mod hangul;
mod hebrew;

/// At most this many readings come out of `latinize_variants`.
pub const MAX_VARIANTS: usize = 12;

/// The best Latin rendering of a name in any script (ASCII input is returned unchanged).
pub fn latinize(text: &str) -> String {
    if text.is_ascii() {
        return text.to_owned();
    }
    render(text, 1).into_iter().next().unwrap_or_default()
}

/// Up to `MAX_VARIANTS` plausible Latin readings, best first, without duplicates.
///
/// Arabic script gets several (vowels are not written); other scripts usually one or two.
pub fn latinize_variants(text: &str) -> Vec<String> {
    if text.is_ascii() {
        return vec![text.to_owned()];
    }
    render(text, MAX_VARIANTS)
}

/// The script most of a text's letters are written in, as a lower-case name ("latin",
/// "arabic", "cyrillic", "greek", "hebrew", "devanagari", "han", "hangul", "other"; "none"
/// for a text without letters): what reports break results down by.
pub fn script_name(text: &str) -> &'static str {
    let mut counts: Vec<(Script, usize)> = Vec::new();
    for script in text.chars().map(script_of).filter(|&s| s != Script::Common) {
        match counts.iter_mut().find(|(s, _)| *s == script) {
            Some((_, n)) => *n += 1,
            None => counts.push((script, 1)),
        }
    }
    // `max_by_key` keeps the last of equal counts: reversed, the first script seen wins.
    let best = counts.iter().rev().max_by_key(|(_, n)| *n).map(|&(s, _)| s);
    match best {
        None | Some(Script::Common) => "none",
        Some(Script::Latin) => "latin",
        Some(Script::Arabic) => "arabic",
        Some(Script::Cyrillic) => "cyrillic",
        Some(Script::Greek) => "greek",
        Some(Script::Hebrew) => "hebrew",
        Some(Script::Devanagari) => "devanagari",
        Some(Script::Han) => "han",
        Some(Script::Hangul) => "hangul",
        Some(Script::Other) => "other",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    /// Spaces, punctuation, digits: copied (as ASCII) between romanised runs.
    Common,
    Latin,
    Arabic,
    Cyrillic,
    Greek,
    Hebrew,
    Devanagari,
    Han,
    Hangul,
    Other,
}

fn script_of(c: char) -> Script {
    let u = c as u32;
    let letter = c.is_alphabetic() || is_mark(c);
    if !letter {
        return Script::Common;
    }
    match u {
        0..=0x024F | 0x1E00..=0x1EFF => Script::Latin,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
        0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => Script::Hebrew,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            Script::Arabic
        }
        0x0900..=0x097F | 0xA8E0..=0xA8FF => Script::Devanagari,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F => Script::Han,
        0xAC00..=0xD7A3 => Script::Hangul,
        _ => Script::Other,
    }
}

/// Combining marks (harakat, niqqud, matras) belong to the letters they sit on.
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05C7 | 0x0610..=0x061A | 0x064B..=0x065F
        | 0x0670 | 0x06D6..=0x06ED | 0x0900..=0x0903 | 0x093A..=0x094F | 0x0951..=0x0957
        | 0x0962..=0x0963 | 0x08D3..=0x08FF)
}

/// Zero-width joiners and direction marks inside a name carry no sound.
fn is_invisible(c: char) -> bool {
    matches!(c as u32, 0x200B..=0x200F | 0x202A..=0x202E | 0x2066..=0x2069 | 0xFEFF)
}

/// Cuts text into runs of one script. Spaces between two runs of the same script stay
/// inside the run, so a script module sees whole multi-word names (عبد الله).
fn runs(text: &str) -> Vec<(Script, &str)> {
    let mut raw: Vec<(Script, usize, usize)> = Vec::new();
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let script = if is_invisible(c) {
            raw.last().map_or(Script::Common, |r| r.0)
        } else {
            script_of(c)
        };
        match raw.last_mut() {
            Some(last) if last.0 == script => last.2 = end,
            _ => raw.push((script, i, end)),
        }
    }
    let mut merged: Vec<(Script, usize, usize)> = Vec::with_capacity(raw.len());
    let mut k = 0;
    while k < raw.len() {
        let run = raw[k];
        let bridges_same_script = run.0 == Script::Common
            && text[run.1..run.2].chars().all(char::is_whitespace)
            && k + 1 < raw.len()
            && merged.last().is_some_and(|m| m.0 == raw[k + 1].0);
        if bridges_same_script {
            if let Some(last) = merged.last_mut() {
                last.2 = raw[k + 1].2;
            }
            k += 2;
        } else {
            merged.push(run);
            k += 1;
        }
    }
    merged
        .into_iter()
        .map(|(s, a, b)| (s, &text[a..b]))
        .collect()
}

fn render(text: &str, max: usize) -> Vec<String> {
    let parts: Vec<Vec<String>> = runs(text)
        .into_iter()
        .map(|(script, run)| match script {
            Script::Common => vec![common(run)],
            Script::Latin | Script::Other => vec![any_ascii::any_ascii(run)],
            Script::Arabic => arabic::romanize(run, max),
            Script::Cyrillic => cyrillic::romanize(run, max),
            Script::Greek => vec![greek::romanize(run)],
            Script::Hebrew => hebrew::romanize(run, max),
            Script::Devanagari => vec![devanagari::romanize(run)],
            Script::Han => han::romanize(run, max),
            Script::Hangul => hangul::romanize(run, max),
        })
        .collect();
    combine(&parts, max)
        .into_iter()
        .map(|s| tidy(&s))
        .fold(Vec::new(), |mut acc, s| {
            if !acc.contains(&s) {
                acc.push(s);
            }
            acc
        })
}

/// Spaces, digits and punctuation between runs, as ASCII.
fn common(run: &str) -> String {
    run.chars()
        .filter(|c| !is_invisible(*c))
        .map(|c| {
            if c.is_whitespace() {
                " ".to_owned()
            } else {
                any_ascii::any_ascii_char(c).to_owned()
            }
        })
        .collect()
}

/// Collapses runs of spaces and trims, so readings compare equal when they are equal.
fn tidy(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Joins per-part readings into whole readings: first every part's best, then one part at a
/// time swapped for its next reading (earlier alternatives before later ones), up to `max`.
pub(crate) fn combine(parts: &[Vec<String>], max: usize) -> Vec<String> {
    let best: Vec<&str> = parts
        .iter()
        .map(|p| p.first().map_or("", String::as_str))
        .collect();
    let mut out = vec![best.concat()];
    let deepest = parts.iter().map(Vec::len).max().unwrap_or(0);
    'outer: for rank in 1..deepest {
        for (i, part) in parts.iter().enumerate() {
            if out.len() >= max {
                break 'outer;
            }
            if let Some(alt) = part.get(rank) {
                let mut pick = best.clone();
                pick[i] = alt;
                let reading = pick.concat();
                if !out.contains(&reading) {
                    out.push(reading);
                }
            }
        }
    }
    out.truncate(max.max(1));
    out
}

/// Words joined by single spaces: the readings of a multi-word run.
pub(crate) fn combine_words(words: &[Vec<String>], max: usize) -> Vec<String> {
    let mut spaced: Vec<Vec<String>> = Vec::with_capacity(words.len() * 2);
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            spaced.push(vec![" ".to_owned()]);
        }
        spaced.push(w.clone());
    }
    combine(&spaced, max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_name_is_the_script_of_most_letters() {
        let cases = [
            ("Osama bin Laden", "latin"),
            ("أسامة بن لادن", "arabic"),
            ("Иванов Пётр", "cyrillic"),
            ("김정은", "hangul"),
            ("高市早苗", "han"),
            ("שלום", "hebrew"),
            ("ООО Ромашка Ltd", "cyrillic"),
            ("12-34", "none"),
            ("", "none"),
        ];
        for (text, script) in cases {
            assert_eq!(script_name(text), script, "{text}");
        }
    }

    #[test]
    fn ascii_is_returned_unchanged() {
        assert_eq!(latinize("Osama bin Laden, 1957"), "Osama bin Laden, 1957");
        assert_eq!(latinize_variants("x"), vec!["x".to_owned()]);
    }

    #[test]
    fn runs_keep_multiword_names_together() {
        let r = runs("عبد الله (Abdullah)");
        assert_eq!(r[0], (Script::Arabic, "عبد الله"));
        assert_eq!(r[1].0, Script::Common);
    }

    #[test]
    fn combine_swaps_one_part_at_a_time() {
        let parts = vec![
            vec!["a".to_owned(), "b".to_owned()],
            vec![" ".to_owned()],
            vec!["c".to_owned(), "d".to_owned()],
        ];
        assert_eq!(combine(&parts, 4), vec!["a c", "b c", "a d"]);
    }
}
