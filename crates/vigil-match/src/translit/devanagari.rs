//! Devanagari (Hindi, Marathi, Nepali) to Latin, name-style: the inherent vowel a, and the
//! schwa deleted where Hindi speakers drop it (word end; between a vowel and a
//! consonant-plus-vowel: अहमद → ahmad, not ahamad), so names meet their usual spellings.

#[derive(Clone, Copy, PartialEq)]
enum Vowel {
    /// The consonant's unwritten a.
    Inherent,
    /// Virama, or a deleted schwa.
    Silent,
    Written(&'static str),
}

struct Syllable {
    consonant: &'static str,
    vowel: Vowel,
    /// Anusvara, candrabindu or visarga after the vowel.
    coda: &'static str,
}

fn consonant(c: char) -> Option<&'static str> {
    Some(match c {
        'क' => "k",
        'ख' => "kh",
        'ग' => "g",
        'घ' => "gh",
        'ङ' => "ng",
        'च' => "ch",
        'छ' => "chh",
        'ज' => "j",
        'झ' => "jh",
        'ञ' => "ny",
        'ट' | 'त' => "t",
        'ठ' | 'थ' => "th",
        'ड' | 'द' => "d",
        'ढ' | 'ध' => "dh",
        'ण' | 'न' | '\u{0929}' => "n",
        'प' => "p",
        'फ' => "ph",
        'ब' => "b",
        'भ' => "bh",
        'म' => "m",
        'य' | '\u{095F}' => "y",
        'र' | '\u{0931}' => "r",
        'ल' | 'ळ' | '\u{0934}' => "l",
        'व' => "v",
        'श' | 'ष' => "sh",
        'स' => "s",
        'ह' => "h",
        // Precomposed nukta letters.
        '\u{0958}' => "q",
        '\u{0959}' => "kh",
        '\u{095A}' => "gh",
        '\u{095B}' => "z",
        '\u{095C}' => "r",
        '\u{095D}' => "rh",
        '\u{095E}' => "f",
        _ => return None,
    })
}

/// Consonant + nukta (़) gives the Perso-Arabic sounds: क़ q, ज़ z, फ़ f.
fn with_nukta(spelling: &'static str) -> &'static str {
    match spelling {
        "k" => "q",
        "j" => "z",
        "ph" => "f",
        "d" => "r",
        "dh" => "rh",
        "g" => "gh",
        other => other,
    }
}

fn independent_vowel(c: char) -> Option<&'static str> {
    Some(match c {
        'अ' | 'आ' => "a",
        'इ' | 'ई' => "i",
        'उ' | 'ऊ' => "u",
        'ऋ' => "ri",
        'ए' | 'ऎ' => "e",
        'ऐ' => "ai",
        'ओ' | 'ऑ' | 'ऒ' => "o",
        'औ' => "au",
        _ => return None,
    })
}

fn vowel_sign(c: char) -> Option<&'static str> {
    Some(match c {
        'ा' => "a",
        'ि' | 'ी' => "i",
        'ु' | 'ू' => "u",
        'ृ' => "ri",
        'े' | 'ॆ' => "e",
        'ै' => "ai",
        'ो' | 'ॉ' | 'ॊ' => "o",
        'ौ' => "au",
        _ => return None,
    })
}

fn syllables(word: &str) -> Vec<Syllable> {
    let mut out: Vec<Syllable> = Vec::with_capacity(word.len() / 3);
    for c in word.chars() {
        if let Some(cons) = consonant(c) {
            out.push(Syllable {
                consonant: cons,
                vowel: Vowel::Inherent,
                coda: "",
            });
        } else if let Some(v) = independent_vowel(c) {
            out.push(Syllable {
                consonant: "",
                vowel: Vowel::Written(v),
                coda: "",
            });
        } else if let Some(last) = out.last_mut() {
            match c {
                '्' => last.vowel = Vowel::Silent,
                '़' => last.consonant = with_nukta(last.consonant),
                'ं' | 'ँ' => last.coda = "n",
                'ः' => last.coda = "h",
                _ => {
                    if let Some(v) = vowel_sign(c) {
                        last.vowel = Vowel::Written(v);
                    }
                }
            }
        }
    }
    out
}

fn has_vowel(s: &Syllable) -> bool {
    s.vowel != Vowel::Silent
}

fn word(w: &str) -> String {
    let mut syl = syllables(w);
    let n = syl.len();
    // Final schwa goes, except after a cluster (नरेन्द्र → narendra).
    if n > 1
        && syl[n - 1].vowel == Vowel::Inherent
        && syl[n - 1].coda.is_empty()
        && has_vowel(&syl[n - 2])
    {
        syl[n - 1].vowel = Vowel::Silent;
    }
    // Medial schwa deletion: V C(a) C V → V C C V.
    for i in 1..n.saturating_sub(1) {
        let deletable = syl[i].vowel == Vowel::Inherent
            && syl[i].coda.is_empty()
            && !syl[i].consonant.is_empty()
            && has_vowel(&syl[i - 1])
            && !syl[i + 1].consonant.is_empty()
            && has_vowel(&syl[i + 1]);
        if deletable {
            syl[i].vowel = Vowel::Silent;
        }
    }
    let mut out = String::with_capacity(n * 3);
    for s in &syl {
        out.push_str(s.consonant);
        match s.vowel {
            Vowel::Inherent => out.push('a'),
            Vowel::Written(v) => out.push_str(v),
            Vowel::Silent => {}
        }
        out.push_str(s.coda);
    }
    out
}

pub(super) fn romanize(text: &str) -> String {
    text.split(|c: char| !c.is_alphabetic() && !super::is_mark(c))
        .filter(|w| !w.is_empty())
        .map(word)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_drop_the_schwa_like_speakers_do() {
        assert_eq!(romanize("अहमद"), "ahmad");
        assert_eq!(romanize("मोहम्मद"), "mohammad");
        assert_eq!(romanize("कमल"), "kamal");
        assert_eq!(romanize("नरेन्द्र मोदी"), "narendra modi");
        assert_eq!(romanize("लश्कर"), "lashkar");
    }

    #[test]
    fn nukta_letters() {
        assert_eq!(romanize("क़ादिर"), "qadir");
        assert_eq!(romanize("फ़ारूक़"), "faruq");
    }
}
