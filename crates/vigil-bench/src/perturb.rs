//! Seeded perturbations of listed names: the ways the same person or firm is written
//! differently in screening traffic. Each returns `None` when it does not apply to the name
//! (a one-word name has no order to swap), so no category is padded with unchanged names.

use crate::names::normalise;
use crate::rng::Rng;

/// Spellings of the same Arabic/Persian/Urdu name element, all seen on real lists and in
/// real traffic. Matched on whole (lower-cased) words, applied in either direction.
const WORD_VARIANTS: &[(&str, &str)] = &[
    ("mohammed", "muhammad"),
    ("mohammad", "muhammad"),
    ("mohamed", "mohammed"),
    ("muhammad", "mohamad"),
    ("osama", "usama"),
    ("yusuf", "youssef"),
    ("yousef", "yusuf"),
    ("taiba", "tayyiba"),
    ("tayyiba", "toiba"),
    ("abdul", "abdel"),
    ("abdel", "abd al"),
    ("hussein", "husayn"),
    ("hussain", "hussein"),
    ("hasan", "hassan"),
    ("ahmed", "ahmad"),
    ("omar", "umar"),
    ("othman", "uthman"),
    ("osman", "usman"),
    ("mustafa", "mostafa"),
    ("abu", "abou"),
    ("qaida", "qaeda"),
    ("laden", "ladin"),
    ("said", "sayyid"),
    ("saeed", "sayeed"),
    ("khalid", "khaled"),
    ("mahmoud", "mahmud"),
    ("abdallah", "abdullah"),
    ("zawahiri", "zawahri"),
    ("jihad", "djihad"),
    ("ibrahim", "ebrahim"),
    ("yasin", "yassin"),
    ("haqqani", "hakkani"),
];

/// Letter-level transcription alternatives (within a word), either direction.
const LETTER_VARIANTS: &[(&str, &str)] = &[
    ("ou", "u"),
    ("ee", "i"),
    ("q", "k"),
    ("kh", "h"),
    ("dh", "z"),
    ("aa", "a"),
    ("ii", "i"),
    ("sh", "ch"),
    ("j", "dj"),
    ("y", "i"),
    ("ph", "f"),
    ("w", "ou"),
];

const HONORIFICS: &[&str] = &[
    "Mr", "Dr", "Sheikh", "Shaykh", "Haji", "Hajji", "Mullah", "Maulana", "Mawlawi", "Sayed",
    "Imam", "Qari", "Engineer",
];

/// Groups of interchangeable legal-form words (each group one meaning).
const LEGAL_FORMS: &[&[&str]] = &[
    &["limited", "ltd", "ltd."],
    &["company", "co", "co."],
    &["corporation", "corp", "corp."],
    &["incorporated", "inc", "inc."],
    &["llc", "l.l.c.", "limited liability company"],
    &["trading", "trading company", "trading co"],
    &["group", "grp"],
    &["establishment", "est", "est."],
];

/// Forms appended to organisation names that have none.
const APPENDED_FORMS: &[&str] = &["LLC", "Ltd", "Company", "Co.", "Inc", "Group"];

fn words(name: &str) -> Vec<String> {
    name.split_whitespace().map(str::to_owned).collect()
}

/// `edits` random character edits (substitute, delete, insert, transpose), each in a
/// different word of four or more letters where possible, never touching a word's first
/// letter (people rarely mistype it, and it keeps the typo realistic).
pub fn typos(name: &str, edits: usize, rng: &mut Rng) -> Option<String> {
    let mut ws: Vec<Vec<char>> = name
        .split_whitespace()
        .map(|w| w.chars().collect())
        .collect();
    let mut eligible: Vec<usize> = (0..ws.len())
        .filter(|&i| ws[i].iter().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    if eligible.is_empty() {
        return None;
    }
    rng.shuffle(&mut eligible);
    for n in 0..edits {
        let w = &mut ws[eligible[n % eligible.len()]];
        let at = 1 + rng.below(w.len() - 1);
        let letter = (b'a' + rng.below(26) as u8) as char;
        match rng.below(4) {
            0 if w[at].to_lowercase().next() != Some(letter) => w[at] = letter,
            1 => {
                w.remove(at);
            }
            2 if at + 1 < w.len() && w[at] != w[at + 1] => w.swap(at, at + 1),
            _ => w.insert(at, letter),
        }
    }
    let out = ws
        .iter()
        .map(|w| w.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ");
    (normalise(&out) != normalise(name)).then_some(out)
}

/// Persons: "LAST, First Middle" or the given names and family name swapped; a name the
/// list writes "LAST, First" comes back in natural order, "First LAST".
pub fn reorder(name: &str, rng: &mut Rng) -> Option<String> {
    if let Some((last, given)) = name.split_once(", ") {
        return Some(format!("{given} {last}"));
    }
    let ws = words(name);
    if ws.len() < 2 {
        return None;
    }
    let (last, rest) = ws.split_last()?;
    Some(if rng.chance(0.5) {
        format!("{}, {}", last.to_uppercase(), rest.join(" "))
    } else {
        format!("{last} {}", rest.join(" "))
    })
}

/// Persons with a middle name: one of them dropped (see [`middle_drops`]).
pub fn drop_middle(name: &str, rng: &mut Rng) -> Option<String> {
    let drops = middle_drops(name);
    (!drops.is_empty()).then(|| rng.pick(&drops).clone())
}

/// The name once without each of its middle names. In "FAMILY NAMES, Given names" form the
/// middle names are the given names after the first and the family names after the first
/// (a patronymic, a second surname; see [`droppable`]); otherwise any word between the first
/// and the last.
pub fn middle_drops(name: &str) -> Vec<String> {
    if let Some((family, given)) = name.split_once(',') {
        let (family, given) = (words(family), words(given));
        let given_drops = if is_syllabic(&given) {
            Vec::new()
        } else {
            droppable(&given)
        };
        let without = |ws: &[String], i: usize| {
            let mut ws = ws.to_vec();
            ws.remove(i);
            ws.join(" ")
        };
        return droppable(&family)
            .into_iter()
            .map(|i| format!("{}, {}", without(&family, i), given.join(" ")))
            .chain(
                given_drops
                    .into_iter()
                    .map(|i| format!("{}, {}", family.join(" "), without(&given, i))),
            )
            .collect();
    }
    let ws = words(name);
    if ws.len() < 3 || is_syllabic(&ws) {
        return Vec::new();
    }
    (1..ws.len() - 1)
        .map(|i| {
            let mut ws = ws.clone();
            ws.remove(i);
            ws.join(" ")
        })
        .collect()
}

/// Positions of the words of one part of a name (its family or its given names) that are
/// middle names: the names after the first. Titles are no names ("AL ZAWAHIRI, Dr. Ayman"
/// without Ayman is no name at all), and a particle or Abd binds the word after it into
/// one name ("BIN ALI", "Abu Mustafa", "Abdul Rauf"), which is never dropped alone.
fn droppable(part: &[String]) -> Vec<usize> {
    let (mut seen_name, mut bound) = (false, false);
    let mut out = Vec::new();
    for (i, w) in part.iter().enumerate() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if is_title(w) {
            continue;
        }
        if is_particle(w) || is_abd(w) {
            bound = true;
            continue;
        }
        if seen_name && !bound {
            out.push(i);
        }
        (seen_name, bound) = (true, false);
    }
    out
}

fn is_title(word: &str) -> bool {
    const MORE_TITLES: &[&str] = &["hafiz", "seyed", "sayyid", "syed", "mawlavi", "mufti"];
    HONORIFICS
        .iter()
        .chain(MORE_TITLES)
        .any(|t| t.eq_ignore_ascii_case(word))
}

fn is_abd(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "abd" | "abdul" | "abdel" | "abdal" | "abdol" | "abdur" | "abdu" | "abdulla"
    )
}

/// Words that are all single syllables (Kyong Il, Ri Jae Il, Maung Maung): a Korean,
/// Chinese or Burmese name written syllable by syllable, where the given name's syllables
/// are one name ("Kyong-il"), not a given and a middle name. Dropping one gives another
/// name, not the same name without its middle.
fn is_syllabic(words: &[String]) -> bool {
    let one_syllable = |w: &String| {
        let vowel = |c: char| "aeiouy".contains(c.to_ascii_lowercase());
        let chars: Vec<char> = w.chars().collect();
        let groups = (0..chars.len())
            .filter(|&i| vowel(chars[i]) && (i == 0 || !vowel(chars[i - 1])))
            .count();
        groups == 1 && chars.len() <= 6
    };
    words.len() >= 2 && words.iter().all(one_syllable)
}

fn is_particle(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "al" | "el"
            | "bin"
            | "ben"
            | "ibn"
            | "bint"
            | "abu"
            | "ould"
            | "de"
            | "del"
            | "da"
            | "di"
            | "van"
            | "von"
            | "la"
            | "le"
            | "ul"
            | "ud"
            | "ur"
    )
}

/// One transliteration variant: a known alternative spelling of a whole word if the name
/// has one, else a letter-level alternative.
pub fn transliterate(name: &str, rng: &mut Rng) -> Option<String> {
    let lower: Vec<String> = words(&name.to_lowercase());
    let mut options: Vec<(usize, &str)> = Vec::new();
    for (i, w) in lower.iter().enumerate() {
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
        for &(a, b) in WORD_VARIANTS {
            if bare == a {
                options.push((i, b));
            } else if bare == b {
                options.push((i, a));
            }
        }
    }
    let mut out = lower.clone();
    if !options.is_empty() {
        let &(i, replacement) = rng.pick(&options);
        out[i] = replacement.to_owned();
    } else {
        let mut letter_options: Vec<(usize, &str, &str)> = Vec::new();
        for (i, w) in lower.iter().enumerate() {
            for &(a, b) in LETTER_VARIANTS {
                if w.contains(a) {
                    letter_options.push((i, a, b));
                }
                if w.contains(b) {
                    letter_options.push((i, b, a));
                }
            }
        }
        if letter_options.is_empty() {
            return None;
        }
        let &(i, from, to) = rng.pick(&letter_options);
        out[i] = out[i].replacen(from, to, 1);
    }
    let result = title_case(&out.join(" "));
    (normalise(&result) != normalise(name)).then_some(result)
}

/// Persons: a title or honorific before the given names (after the comma of a
/// "LAST, First" name, as lists write titles).
pub fn honorific(name: &str, rng: &mut Rng) -> Option<String> {
    let title = rng.pick(HONORIFICS);
    Some(match name.split_once(", ") {
        Some((last, given)) => format!("{last}, {title} {given}"),
        None => format!("{title} {name}"),
    })
}

/// Organisations: a legal-form word swapped for an equivalent one, or one appended when the
/// name has none.
pub fn legal_form(name: &str, rng: &mut Rng) -> Option<String> {
    let mut ws = words(name);
    for (i, w) in ws.iter().enumerate() {
        let key = w.to_lowercase();
        let key = key.trim_end_matches(',');
        if let Some(group) = LEGAL_FORMS.iter().find(|g| g.contains(&key)) {
            let others: Vec<&str> = group.iter().copied().filter(|f| *f != key).collect();
            let replacement = rng.pick(&others).to_uppercase();
            ws[i] = replacement;
            return Some(ws.join(" "));
        }
    }
    Some(format!("{name} {}", rng.pick(APPENDED_FORMS)))
}

fn title_case(text: &str) -> String {
    text.split(' ')
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(first) => first.to_uppercase().chain(cs).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;
    use proptest::prelude::*;

    #[test]
    fn word_variants_apply_both_ways() {
        for seed in 0..20 {
            let out = transliterate("USAMA BIN LADEN", &mut Rng::new(seed)).unwrap();
            let out = normalise(&out);
            assert!(
                out == "osama bin laden" || out == "usama bin ladin",
                "{out}"
            );
        }
        let letters = transliterate("Tareeq", &mut Rng::new(0)).unwrap();
        assert_ne!(normalise(&letters), "tareeq");
    }

    #[test]
    fn reorder_and_drop_middle() {
        let mut rng = Rng::new(2);
        let r = normalise(&reorder("Hafiz Muhammad Saeed", &mut rng).unwrap());
        assert_eq!(r, "saeed hafiz muhammad");
        assert_eq!(
            drop_middle("Hafiz Muhammad Saeed", &mut rng).unwrap(),
            "Hafiz Saeed"
        );
        assert_eq!(reorder("Hamas", &mut rng), None);
        assert_eq!(
            reorder("QASIM, Mohammed", &mut rng).as_deref(),
            Some("Mohammed QASIM")
        );
        let titled = honorific("HEJAZI, Mohammad", &mut rng).unwrap();
        assert!(
            titled.starts_with("HEJAZI, ") && titled.ends_with(" Mohammad"),
            "{titled}"
        );
        assert_eq!(drop_middle("Osama Laden", &mut rng), None);
        // Family-name-first: a later given name or a second family name goes, never the first.
        for seed in 0..20 {
            let mut rng = Rng::new(seed);
            let d = drop_middle("TORRES FELIX, Javier Alberto", &mut rng).unwrap();
            assert!(
                d == "TORRES, Javier Alberto" || d == "TORRES FELIX, Javier",
                "{d}"
            );
        }
        assert_eq!(drop_middle("BIN ALI, Khodr", &mut rng), None);
        // A given name written syllable by syllable is one name.
        assert_eq!(drop_middle("KIM, Kyong Il", &mut rng), None);
        assert_eq!(drop_middle("RI JAE IL", &mut rng), None);
        assert_eq!(
            drop_middle("AGHA, Ahmad Zia", &mut rng).as_deref(),
            Some("AGHA, Ahmad")
        );
        // A title is no name, and a particle or Abd makes one name with the next word.
        for name in [
            "AL ZAWAHIRI, Dr. Ayman",
            "AL-SHEIBANI, Abu Mustafa",
            "AZHAR, Abdul Rauf",
            "HASSAN, Hameed ul",
        ] {
            assert_eq!(drop_middle(name, &mut rng), None, "{name}");
        }
        assert_eq!(
            drop_middle("SHAH, Haji Mohammad Yusuf", &mut rng).as_deref(),
            Some("SHAH, Haji Mohammad")
        );
    }

    #[test]
    fn legal_form_swaps_or_appends() {
        let mut rng = Rng::new(3);
        let swapped = legal_form("AL-BARAKAAT BANK LIMITED", &mut rng).unwrap();
        assert!(
            swapped.ends_with("LTD") || swapped.ends_with("LTD."),
            "{swapped}"
        );
        let appended = legal_form("Lashkar-e-Tayyiba", &mut rng).unwrap();
        assert!(appended.starts_with("Lashkar-e-Tayyiba "));
    }

    proptest! {
        #[test]
        fn one_typo_is_one_edit_away(name in "[A-Za-z]{4,12}( [A-Za-z]{1,10}){0,3}", seed: u64) {
            let mut rng = Rng::new(seed);
            if let Some(t) = typos(&name, 1, &mut rng) {
                let d = strsim::damerau_levenshtein(&name.to_lowercase(), &t.to_lowercase());
                prop_assert_eq!(d, 1, "{} -> {}", name, t);
            }
        }

        #[test]
        fn two_typos_are_at_most_two_edits(name in "[A-Za-z]{4,12}( [A-Za-z]{4,10}){0,3}", seed: u64) {
            let mut rng = Rng::new(seed);
            if let Some(t) = typos(&name, 2, &mut rng) {
                let d = strsim::damerau_levenshtein(&name.to_lowercase(), &t.to_lowercase());
                prop_assert!((1..=2).contains(&d), "{} -> {}", name, t);
            }
        }
    }
}
