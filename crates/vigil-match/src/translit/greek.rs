//! Greek to Latin, close to the passport (ELOT 743) spelling: digraphs first (ου ou, μπ b at
//! the start of a word, ντ d at the start), accents dropped.

use unicode_normalization::UnicodeNormalization;

fn pair(a: char, b: char, at_start: bool) -> Option<&'static str> {
    Some(match (a, b) {
        ('ο', 'υ') => "ou",
        ('α', 'ι') => "ai",
        ('ε', 'ι') => "ei",
        ('ο', 'ι') => "oi",
        ('α', 'υ') => "av",
        ('ε', 'υ') => "ev",
        ('μ', 'π') if at_start => "b",
        ('μ', 'π') => "mp",
        ('ν', 'τ') if at_start => "d",
        ('ν', 'τ') => "nt",
        ('γ', 'κ') if at_start => "g",
        ('γ', 'κ') => "ng",
        ('γ', 'γ') => "ng",
        ('τ', 'σ') => "ts",
        ('τ', 'ζ') => "tz",
        _ => return None,
    })
}

fn letter(c: char) -> &'static str {
    match c {
        'α' => "a",
        'β' => "v",
        'γ' => "g",
        'δ' => "d",
        'ε' => "e",
        'ζ' => "z",
        'η' | 'ι' => "i",
        'θ' => "th",
        'κ' => "k",
        'λ' => "l",
        'μ' => "m",
        'ν' => "n",
        'ξ' => "x",
        'ο' | 'ω' => "o",
        'π' => "p",
        'ρ' => "r",
        'σ' | 'ς' | 'ϲ' => "s",
        'τ' => "t",
        'υ' => "y",
        'φ' => "f",
        'χ' => "ch",
        'ψ' => "ps",
        _ => "",
    }
}

fn word(w: &str) -> String {
    // Lower case without accents or diaeresis.
    let chars: Vec<char> = w
        .nfd()
        .filter(|c| !super::is_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    let mut out = String::with_capacity(chars.len() * 2);
    let mut i = 0;
    while i < chars.len() {
        if let Some(p) = chars.get(i + 1).and_then(|&b| pair(chars[i], b, i == 0)) {
            out.push_str(p);
            i += 2;
        } else {
            out.push_str(letter(chars[i]));
            i += 1;
        }
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
    fn greek_names() {
        assert_eq!(romanize("Γιώργος Παπαδόπουλος"), "giorgos papadopoulos");
        assert_eq!(romanize("Μπακογιάννη"), "bakogianni");
        assert_eq!(romanize("Χριστοδουλίδης"), "christodoulidis");
    }
}
