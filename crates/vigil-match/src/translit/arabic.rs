//! Arabic-script names (Arabic, Persian, Urdu, Pashto) to Latin.
//!
//! Arabic does not write short vowels (محمد is m-h-m-d), so plain letter mapping gives
//! "mhmd". The pipeline, per word:
//! 1. known names and name elements come from a hand-written dictionary (`arabic_names`);
//! 2. compounds are split: عبد + الله / ال…, …الله, أبو…, and the article ال (al-, sun-letter
//!    assimilation ar-, bare);
//! 3. anything else is decoded letter by letter with the learned model (`arabic_model`,
//!    built by `tools/learn_arabic.py`): for each letter in context (previous and next
//!    letter) the likely Latin spellings, short vowel included, with counts; the best few
//!    readings come from a small beam search. Written harakat override the model.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

use super::arabic_model::{CONTEXTS, LETTERS};
use super::{arabic_names, arabic_words, combine_words};

/// One letter of a word as the model sees it.
#[derive(Debug, Clone, Copy)]
struct Unit {
    /// Index into `LETTERS` plus one; 0 for letters the model does not know.
    letter: u8,
    /// The model letter (پ is read as ب with spelling "p").
    base: char,
    /// The letter folded for dictionary keys (أ → ا, ة → ه, ی → ي, …).
    key: char,
    /// Replaces the model's consonant: Persian/Urdu/Pashto letters (پ → p), aspirates (بھ → bh).
    spelling: Option<&'static str>,
    /// A written short vowel (fatha a, damma u, kasra i; sukun gives "").
    vowel: Option<&'static str>,
    /// Shadda: the consonant is doubled.
    shadda: bool,
}

/// Letters the model treats as vowels or vowel carriers (their whole output is learned).
fn is_vowel_letter(base: char) -> bool {
    matches!(
        base,
        'ا' | 'أ' | 'إ' | 'آ' | 'و' | 'ي' | 'ى' | 'ة' | 'ؤ' | 'ئ'
    )
}

/// Sun letters assimilate the article: ال + ر → ar-r….
fn is_sun_letter(key: char) -> bool {
    matches!(
        key,
        'ت' | 'ث' | 'د' | 'ذ' | 'ر' | 'ز' | 'س' | 'ش' | 'ص' | 'ض' | 'ط' | 'ظ' | 'ل' | 'ن'
    )
}

/// The plain name-friendly spelling of a letter (folded key), without inserted vowels.
fn spelling(key: char) -> &'static str {
    match key {
        'ا' => "a",
        'ب' => "b",
        'ت' => "t",
        'ث' => "th",
        'ج' => "j",
        'ح' => "h",
        'خ' => "kh",
        'د' => "d",
        'ذ' => "dh",
        'ر' => "r",
        'ز' => "z",
        'س' => "s",
        'ش' => "sh",
        'ص' => "s",
        'ض' => "d",
        'ط' => "t",
        'ظ' => "z",
        'غ' => "gh",
        'ف' => "f",
        'ق' => "q",
        'ك' => "k",
        'ل' => "l",
        'م' => "m",
        'ن' => "n",
        'ه' => "h",
        'و' => "u",
        'ي' => "i",
        'ؤ' => "u",
        'ئ' => "i",
        _ => "",
    }
}

/// Maps one Arabic-script letter to (model letter, dictionary key, spelling override).
fn classify(c: char) -> Option<(char, char, Option<&'static str>)> {
    let plain = |m: char| Some((m, m, None));
    match c {
        'ا' | 'ب' | 'ت' | 'ث' | 'ج' | 'ح' | 'خ' | 'د' | 'ذ' | 'ر' | 'ز' | 'س' | 'ش' | 'ص' | 'ض'
        | 'ط' | 'ظ' | 'ع' | 'غ' | 'ف' | 'ق' | 'ك' | 'ل' | 'م' | 'ن' | 'ه' | 'و' | 'ي' | 'ء'
        | 'ؤ' | 'ئ' => plain(c),
        'أ' | 'إ' | 'آ' => Some((c, 'ا', None)),
        'ٱ' => Some(('ا', 'ا', None)),
        'ى' => Some(('ى', 'ي', None)),
        'ة' | 'ۃ' | 'ۀ' => Some(('ة', 'ه', None)),
        'ی' | 'ێ' => Some(('ي', 'ي', None)),
        'ک' | 'ڪ' => Some(('ك', 'ك', None)),
        'ہ' | 'ە' => Some(('ه', 'ه', None)),
        'پ' => Some(('ب', 'پ', Some("p"))),
        'چ' => Some(('ج', 'چ', Some("ch"))),
        'ژ' | 'ږ' => Some(('ز', 'ژ', Some("zh"))),
        'گ' | 'ګ' | 'ڭ' => Some(('ك', 'گ', Some("g"))),
        'ڤ' => Some(('ف', 'ڤ', Some("v"))),
        'ڨ' => Some(('ق', 'ڨ', Some("g"))),
        'ٹ' | 'ټ' => Some(('ت', 'ت', Some("t"))),
        'ڈ' | 'ډ' => Some(('د', 'د', Some("d"))),
        'ڑ' | 'ړ' | 'ڕ' => Some(('ر', 'ر', Some("r"))),
        'ں' | 'ڼ' => Some(('ن', 'ن', Some("n"))),
        'ښ' => Some(('ش', 'ش', Some("sh"))),
        'ڵ' => Some(('ل', 'ل', None)),
        'ۆ' => Some(('و', 'و', Some("o"))),
        'ے' | 'ې' => Some(('ي', 'ي', Some("e"))),
        'ۍ' => Some(('ي', 'ي', Some("ai"))),
        _ => None,
    }
}

fn letter_index(m: char) -> u8 {
    LETTERS
        .chars()
        .position(|l| l == m)
        .map_or(0, |i| (i + 1) as u8)
}

/// Aspirated form of a consonant followed by do-chashmi heh (ھ): بھ → bh, کھ → kh.
fn aspirated(base: &str) -> Option<&'static str> {
    Some(match base {
        "b" => "bh",
        "p" => "ph",
        "t" => "th",
        "d" => "dh",
        "k" => "kh",
        "g" => "gh",
        "j" => "jh",
        "ch" => "chh",
        "r" => "rh",
        _ => return None,
    })
}

/// Splits one word into units, attaching harakat to the letter they follow.
fn units(word: &str) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::with_capacity(word.len() / 2);
    for c in word.chars() {
        match c {
            '\u{064E}' | '\u{0670}' => set_vowel(&mut out, "a"),
            '\u{064F}' => set_vowel(&mut out, "u"),
            '\u{0650}' => set_vowel(&mut out, "i"),
            '\u{0652}' => set_vowel(&mut out, ""),
            '\u{0651}' => {
                if let Some(last) = out.last_mut() {
                    last.shadda = true;
                }
            }
            'ھ' => {
                let prev = out.last().map(|u| u.spelling.unwrap_or(spelling(u.key)));
                match (prev.and_then(aspirated), out.last_mut()) {
                    (Some(asp), Some(last)) if !is_vowel_letter(last.base) => {
                        last.spelling = Some(asp)
                    }
                    _ => out.push(unit('ه', 'ه', None)),
                }
            }
            _ => {
                if let Some((m, key, sp)) = classify(c) {
                    out.push(unit(m, key, sp));
                } else if c.is_alphabetic() && !super::is_mark(c) && c != 'ـ' {
                    // A letter the tables do not know: keep whatever any_ascii makes of it.
                    out.push(Unit {
                        letter: 0,
                        base: c,
                        key: c,
                        spelling: Some(any_ascii::any_ascii_char(c)),
                        vowel: None,
                        shadda: false,
                    });
                }
                // Other marks, tatweel and joiners carry no sound.
            }
        }
    }
    out
}

fn unit(m: char, key: char, spelling: Option<&'static str>) -> Unit {
    Unit {
        letter: letter_index(m),
        base: m,
        key,
        spelling,
        vowel: None,
        shadda: false,
    }
}

fn set_vowel(out: &mut [Unit], v: &'static str) {
    if let Some(last) = out.last_mut() {
        last.vowel = Some(v);
    }
}

fn key_of(w: &[Unit]) -> String {
    w.iter().map(|u| u.key).collect()
}

/// A word's letters folded as dictionary keys are (أ إ آ → ا, ى → ي, ة → ه, ...).
pub(super) fn fold(word: &str) -> String {
    key_of(&units(word))
}

fn starts_with(w: &[Unit], prefix: &str) -> bool {
    let n = prefix.chars().count();
    w.len() >= n && w.iter().zip(prefix.chars()).all(|(u, c)| u.key == c)
}

fn ends_with(w: &[Unit], suffix: &str) -> bool {
    let n = suffix.chars().count();
    w.len() >= n
        && w[w.len() - n..]
            .iter()
            .zip(suffix.chars())
            .all(|(u, c)| u.key == c)
}

/// Presentation forms (ﻣﺤﻤﺪ, the lam-alef ligature) become ordinary letters first.
fn plain_letters(text: &str) -> Cow<'_, str> {
    if text
        .chars()
        .any(|c| matches!(c as u32, 0xFB50..=0xFDFF | 0xFE70..=0xFEFF))
    {
        Cow::Owned(text.nfkc().collect())
    } else {
        Cow::Borrowed(text)
    }
}

fn words(text: &str) -> Vec<Vec<Unit>> {
    text.split(|c: char| c.is_whitespace() || c == '-' || c == '\u{200C}')
        .map(units)
        .filter(|w| !w.is_empty())
        .collect()
}

/// Readings of an Arabic-script run (one or more words), best first, at most `max`. When
/// the run holds generic words of organisation names (جماعة, شبكة, الإسلامية), the second
/// reading has them in English ([`arabic_words`]).
pub(super) fn romanize(text: &str, max: usize) -> Vec<String> {
    let text = plain_letters(text);
    let words = words(&text);
    let mut out: Vec<Vec<String>> = Vec::with_capacity(words.len());
    let mut translated: Vec<String> = Vec::with_capacity(words.len());
    let mut any_translated = false;
    let mut i = 0;
    while i < words.len() {
        // عبد is never a name on its own: it binds the next word (عبد الله, عبد الرحمن).
        if key_of(&words[i]) == "عبد" && i + 1 < words.len() {
            out.push(abd_compound(&words[i + 1], max));
            i += 2;
        } else {
            out.push(word_variants(&words[i], max));
            let english = arabic_words::translate(&key_of(&words[i]));
            any_translated |= english.is_some();
            i += 1;
            if let Some(english) = english {
                translated.push(english);
                continue;
            }
        }
        translated.push(out[out.len() - 1][0].clone());
    }
    let mut readings = combine_words(&out, max);
    if any_translated && max > 1 {
        let english = translated.join(" ");
        if !readings.contains(&english) {
            readings.insert(1.min(readings.len()), english);
            readings.truncate(max);
        }
    }
    readings
}

fn word_variants(w: &[Unit], max: usize) -> Vec<String> {
    if let Some(known) = arabic_names::lookup(&key_of(w)) {
        return known.iter().take(max).map(|s| (*s).to_owned()).collect();
    }
    if w.len() >= 6 && starts_with(w, "عبد") {
        return abd_compound(&w[3..], max);
    }
    if w.len() >= 6 && ends_with(w, "الله") {
        // نصرالله, فضلالله: a name + Allah written as one word.
        let head = stem_variants(&w[..w.len() - 4], max);
        let h = head[0].trim_end_matches(['a', 'u', 'i']);
        let mut v = vec![
            format!("{h}allah"),
            format!("{h}ullah"),
            format!("{} allah", head[0]),
        ];
        v.extend(head.iter().skip(1).map(|alt| format!("{alt}allah")));
        return finish(v, max);
    }
    if w.len() >= 6 && starts_with(w, "ابو") {
        let rest = word_variants(&w[3..], max);
        return finish(rest.iter().map(|r| format!("abu {r}")).collect(), max);
    }
    if w.len() >= 4 && starts_with(w, "ال") {
        return article(&w[2..], max);
    }
    if w.len() >= 4 && ends_with(w, "زي") && !is_vowel_letter(w[w.len() - 3].base) {
        return pashto_tribe(w, max);
    }
    stem_variants(w, max)
}

/// A Pashto tribal name: a name + زی, "son of" (نورزی Noorzai, اچکزی Achakzai, یوسفزی
/// Yusufzai), which the model reads "-zi". After a vowel letter زی is a plain ending
/// (حجازی Hijazi, تبریزی Tabrizi).
fn pashto_tribe(w: &[Unit], max: usize) -> Vec<String> {
    let head = stem_variants(&w[..w.len() - 2], max);
    let mut v: Vec<String> = head.iter().take(2).map(|h| format!("{h}zai")).collect();
    v.push(format!("{}zay", head[0]));
    v.extend(decode(w, max));
    finish(v, max)
}

/// A word opening with و or ي before a consonant: in names that letter is the consonant w (v
/// in Persian) or y with a short vowel (وزیری Waziri, وکیل Wakil, يزيد Yazid, يسري Yusri),
/// while the model, learned mostly from words where it is the vowel o, u or i, reads "ozeri"
/// and "izid". Its readings still follow.
fn initial_glide(w: &[Unit], (first, other): (&str, &str), max: usize) -> Vec<String> {
    let rest = decode(&w[1..], max);
    let mut v: Vec<String> = rest.iter().take(2).map(|r| format!("{first}{r}")).collect();
    v.push(format!("{other}{}", rest[0]));
    v.extend(decode(w, max));
    finish(v, max)
}

fn stem_variants(w: &[Unit], max: usize) -> Vec<String> {
    if let Some(known) = arabic_names::lookup(&key_of(w)) {
        return known.iter().take(max).map(|s| (*s).to_owned()).collect();
    }
    let glide = match w.first().map(|u| u.key) {
        Some('و') => Some(("wa", "va")),
        Some('ي') => Some(("ya", "yu")),
        _ => None,
    };
    match glide {
        Some(glide) if w.len() >= 3 && w[0].vowel.is_none() && !is_vowel_letter(w[1].base) => {
            initial_glide(w, glide, max)
        }
        _ => decode(w, max),
    }
}

/// ال + stem: al-stem first, then the sun-letter assimilated and bare forms.
fn article(stem: &[Unit], max: usize) -> Vec<String> {
    let s = stem_variants(stem, max);
    let mut v = vec![format!("al-{}", s[0])];
    if let Some(alt) = s.get(1) {
        v.push(format!("al-{alt}"));
    }
    let first = stem[0].key;
    if is_sun_letter(first) {
        let c = stem[0].spelling.unwrap_or(spelling(first));
        v.push(format!("a{c}-{}", s[0]));
    }
    v.push(s[0].clone());
    v.push(format!("el-{}", s[0]));
    finish(v, max)
}

/// عبد + the next word: عبد الله → abdullah; عبد الرحمن → abdul rahman / abdurrahman.
fn abd_compound(next: &[Unit], max: usize) -> Vec<String> {
    let key = key_of(next);
    if key == "الله" || key == "اله" {
        return finish(
            ["abdullah", "abd allah", "abdallah", "abdulla"]
                .map(str::to_owned)
                .to_vec(),
            max,
        );
    }
    if next.len() >= 3 && starts_with(next, "ال") {
        let stem = &next[2..];
        let s = stem_variants(stem, max);
        let first = stem[0].key;
        let mut v = vec![format!("abdul {}", s[0]), format!("abd al-{}", s[0])];
        if is_sun_letter(first) {
            let c = stem[0].spelling.unwrap_or(spelling(first));
            v.push(format!("abdu{c}{}", s[0]));
        } else {
            v.push(format!("abdel{}", s[0]));
        }
        v.extend(s.iter().skip(1).map(|alt| format!("abdul {alt}")));
        return finish(v, max);
    }
    let s = word_variants(next, max);
    finish(s.iter().map(|r| format!("abd {r}")).collect(), max)
}

fn finish(mut v: Vec<String>, max: usize) -> Vec<String> {
    let mut seen: Vec<String> = Vec::with_capacity(max);
    for s in v.drain(..) {
        if !seen.contains(&s) {
            seen.push(s);
        }
    }
    seen.truncate(max.max(1));
    seen
}

/// The model's outputs for a letter in context, with backoff to shorter contexts.
fn candidates(prev: u8, cur: u8, next: u8) -> &'static [(&'static str, u16)] {
    let (p, c, n) = (u32::from(prev), u32::from(cur), u32::from(next));
    let keys = [
        p * 4096 + c * 64 + n,
        63 * 4096 + c * 64 + n,
        p * 4096 + c * 64 + 63,
        63 * 4096 + c * 64 + 63,
    ];
    let last = keys.len() - 1;
    for (k, key) in keys.into_iter().enumerate() {
        if let Ok(i) = CONTEXTS.binary_search_by_key(&key, |e| e.0) {
            let outs = CONTEXTS[i].1;
            let total: u32 = outs.iter().map(|o| u32::from(o.1)).sum();
            if total >= 3 || k == last {
                return outs;
            }
        }
    }
    &[]
}

/// (leading vowels, consonant, trailing part) of a learned chunk such as "mu" or "er".
fn split_chunk(chunk: &str) -> (&str, &str, &str) {
    let is_v = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u');
    let start = chunk.find(|c: char| !is_v(c)).unwrap_or(chunk.len());
    let end = chunk[start..].find(is_v).map_or(chunk.len(), |i| start + i);
    (&chunk[..start], &chunk[start..end], &chunk[end..])
}

/// Applies written marks and spelling overrides to one learned chunk.
fn adjust(u: &Unit, chunk: &str, vowelled: bool) -> String {
    if u.letter == 0 {
        return u.spelling.unwrap_or("").to_owned();
    }
    if is_vowel_letter(u.base) {
        if let Some(sp) = u.spelling {
            return sp.to_owned();
        }
        let glide = match u.base {
            'و' => "w",
            'ي' => "y",
            _ => "",
        };
        return match (u.vowel, u.shadda, glide.is_empty()) {
            // وَ, يِ, يّ: the letter is a consonant here.
            (Some(v), shadda, false) => format!("{glide}{}{v}", if shadda { glide } else { "" }),
            (None, true, false) => format!("{glide}{glide}a"),
            // أَ أُ إِ: the hamza seat carries the written vowel.
            (Some(v), _, true) if matches!(u.base, 'ا' | 'أ' | 'إ' | 'آ') => v.to_owned(),
            _ => chunk.to_owned(),
        };
    }
    let (pre, cons, post) = split_chunk(chunk);
    let cons = match u.spelling {
        Some(sp) => Cow::Borrowed(sp),
        None => Cow::Borrowed(cons),
    };
    let cons = if u.shadda && cons.len() == 1 {
        Cow::Owned(cons.repeat(2))
    } else {
        cons
    };
    let (pre, post) = match u.vowel {
        Some(v) => ("", v),
        None if vowelled => ("", ""),
        None => (pre, post),
    };
    format!("{pre}{cons}{post}")
}

/// Arabic (and Persian, Urdu) words never start with two consonants nor hold three in a row;
/// the training data, mostly Western names, often does. A reading that breaks this pays.
const CLUSTER_PENALTY: f32 = 3.0;

fn ends_in_vowel(s: &str) -> bool {
    s.ends_with(['a', 'e', 'i', 'o', 'u'])
}

/// One partial reading: log-probability, text, and consonants in a row left without a vowel.
struct Path {
    score: f32,
    text: String,
    bare: u8,
}

/// Letter-by-letter reading with the learned model; a beam keeps the best `max` readings.
fn decode(w: &[Unit], max: usize) -> Vec<String> {
    let marks = w.iter().filter(|u| u.vowel.is_some()).count();
    let consonants = w.iter().filter(|u| !is_vowel_letter(u.base)).count();
    // A fully vowelled name: unmarked consonants have no vowel after them.
    let vowelled = marks > 0 && marks * 2 >= consonants;
    let width = if max <= 1 { 2 } else { (max * 2).min(8) };
    let mut beam = vec![Path {
        score: 0.0,
        text: String::with_capacity(w.len() * 2),
        bare: 0,
    }];
    for (i, u) in w.iter().enumerate() {
        let prev = if i == 0 { 0 } else { w[i - 1].letter };
        let next = w.get(i + 1).map_or(0, |n| n.letter);
        let outs = candidates(prev, u.letter, next);
        let total: f32 = outs.iter().map(|o| f32::from(o.1)).sum::<f32>().max(1.0);
        let mut options: Vec<(f32, String)> = outs
            .iter()
            .take(width.max(3))
            .map(|(chunk, n)| ((f32::from(*n) / total).ln(), adjust(u, chunk, vowelled)))
            .collect();
        if options.is_empty() {
            let fallback = u.spelling.unwrap_or(spelling(u.key));
            options.push((0.0, adjust(u, fallback, vowelled)));
        }
        let consonant = !is_vowel_letter(u.base) && u.letter != 0;
        let before_consonant = w
            .get(i + 1)
            .is_some_and(|n| !is_vowel_letter(n.base) && n.letter != 0);
        let mut next_beam: Vec<Path> = Vec::with_capacity(beam.len() * options.len());
        for path in &beam {
            for (lp, chunk) in &options {
                let bare = match (consonant, chunk.is_empty()) {
                    (_, true) => path.bare,
                    (true, false) if !ends_in_vowel(chunk) => path.bare + 1,
                    _ => 0,
                };
                let cluster = !vowelled
                    && consonant
                    && before_consonant
                    && !chunk.is_empty()
                    && !ends_in_vowel(chunk)
                    && (i == 0 || bare >= 2);
                let penalty = if cluster { CLUSTER_PENALTY } else { 0.0 };
                next_beam.push(Path {
                    score: path.score + lp - penalty,
                    text: format!("{}{chunk}", path.text),
                    bare,
                });
            }
        }
        next_beam.sort_by(|a, b| b.score.total_cmp(&a.score));
        beam.clear();
        for cand in next_beam {
            if beam.len() == width {
                break;
            }
            if !beam.iter().any(|k| k.text == cand.text) {
                beam.push(cand);
            }
        }
    }
    let readings: Vec<String> = beam.into_iter().map(|p| squeeze(&p.text)).collect();
    finish(readings, max)
}

/// No letter three times in a row ("mmm" from a doubled consonant next to a learned one).
fn squeeze(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut run = 0;
    let mut last = '\0';
    for c in s.chars() {
        run = if c == last { run + 1 } else { 1 };
        last = c;
        if run <= 2 {
            out.push(c);
        }
    }
    out
}

/// Baseline for evaluation: letters mapped one to one, long vowels only, no learned vowels,
/// no dictionary (what a generic romaniser does).
pub fn romanize_rules_only(text: &str) -> String {
    let text = plain_letters(text);
    let readings: Vec<String> = words(&text)
        .iter()
        .map(|w| {
            w.iter()
                .enumerate()
                .map(|(i, u)| {
                    let base = match (u.base, i) {
                        ('و', 0) => "w",
                        ('ي', 0) => "y",
                        ('ى' | 'ة', _) => "a",
                        ('إ', _) => "i",
                        _ => u.spelling.unwrap_or(spelling(u.key)),
                    };
                    format!("{base}{}", u.vowel.unwrap_or(""))
                })
                .collect()
        })
        .collect();
    readings.join(" ")
}

/// For evaluation: the learned model alone (no dictionary, no compound or article rules).
pub fn romanize_model_only(text: &str, max: usize) -> Vec<String> {
    let text = plain_letters(text);
    let per_word: Vec<Vec<String>> = words(&text).iter().map(|w| decode(w, max)).collect();
    combine_words(&per_word, max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_letters_cover_the_alphabet() {
        for c in "ابتثجحخدذرزسشصضطظعغفقكلمنهويىةءؤئأإآ".chars()
        {
            assert!(letter_index(c) > 0, "{c} missing from the model");
        }
    }

    #[test]
    fn dictionary_keys_are_folded_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for (k, _) in arabic_names::NAMES {
            assert_eq!(&fold(k), k, "dictionary key {k} is not folded");
            assert!(seen.insert(k), "dictionary key {k} twice");
        }
        let mut seen = std::collections::HashSet::new();
        for (w, _) in arabic_words::WORDS {
            assert!(seen.insert(fold(w)), "{w} folds like another word");
        }
    }

    #[test]
    fn chunks_split_around_the_consonant() {
        assert_eq!(split_chunk("mu"), ("", "m", "u"));
        assert_eq!(split_chunk("er"), ("e", "r", ""));
        assert_eq!(split_chunk("shsha"), ("", "shsh", "a"));
        assert_eq!(split_chunk(""), ("", "", ""));
    }

    #[test]
    fn harakat_are_used_when_written() {
        // مُحَمَّد fully vowelled: m-u-h-a-mm-a-d.
        assert_eq!(romanize("مُحَمَّد", 1)[0], "muhammad");
        // حُسَيْن: the sukun on yeh makes a diphthong.
        assert_eq!(romanize("حُسَيْن", 1)[0], "husayn");
    }

    #[test]
    fn urdu_aspirates_and_persian_letters() {
        assert!(romanize("بھٹو", 1)[0].starts_with("bh"));
        assert!(romanize("پرویز", 1)[0].starts_with('p'));
        assert!(romanize("چودھری", 1)[0].starts_with("ch"));
    }

    #[test]
    fn rules_only_keeps_the_consonant_skeleton() {
        assert_eq!(romanize_rules_only("محمد"), "mhmd");
    }
}
