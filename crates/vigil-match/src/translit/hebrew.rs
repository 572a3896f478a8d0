//! Hebrew script to Latin. Like Arabic it leaves most vowels unwritten; names are read with
//! two habits: reading A suits Arabic names in Hebrew (ח h, ו u, כ k — חמאס → hamas),
//! reading B suits Hebrew names (ח kh, ו o, ב/כ/פ after a vowel v/kh/f). Between two
//! consonants an a is supplied. Very common names come from a small table.

fn known(word: &str) -> Option<&'static [&'static str]> {
    Some(match word {
        "כהן" => &["cohen", "kohen"],
        "לוי" => &["levi", "levy"],
        "משה" => &["moshe"],
        "דוד" => &["david"],
        "יוסף" => &["yosef", "yusuf", "joseph"],
        "אברהם" => &["avraham", "ibrahim", "abraham"],
        "יצחק" => &["yitzhak", "isaac"],
        "יעקב" => &["yaakov", "jacob"],
        "שמואל" => &["shmuel", "samuel"],
        "מוחמד" | "מחמד" | "מוחמאד" => &["muhammad", "mohammed", "mohammad"],
        "אחמד" => &["ahmad", "ahmed"],
        "עלי" => &["ali"],
        "חסן" => &["hasan", "hassan"],
        "חוסיין" | "חוסין" => &["husayn", "hussein"],
        "חמאס" => &["hamas"],
        "חיזבאללה" | "חזבאללה" => &["hezbollah", "hizballah"],
        "נסראללה" => &["nasrallah"],
        "אבו" => &["abu"],
        "בן" => &["ben", "bin"],
        "בין" => &["bin"],
        "אל" => &["al"],
        _ => return None,
    })
}

#[derive(Clone, Copy)]
enum Habit {
    Arabic,
    Hebrew,
}

fn is_vowel_letter(c: char) -> bool {
    matches!(c, 'א' | 'ע' | 'ו' | 'י')
}

fn consonant(c: char, after_vowel: bool, habit: Habit) -> &'static str {
    let hebrew = matches!(habit, Habit::Hebrew);
    match c {
        'ב' if hebrew && after_vowel => "v",
        'ב' => "b",
        'ג' => "g",
        'ד' => "d",
        'ה' => "h",
        'ז' => "z",
        'ח' if hebrew => "kh",
        'ח' => "h",
        'ט' | 'ת' => "t",
        'כ' if hebrew && after_vowel => "kh",
        'כ' => "k",
        'ך' if hebrew => "kh",
        'ך' => "k",
        'ל' => "l",
        'מ' | 'ם' => "m",
        'נ' | 'ן' => "n",
        'ס' => "s",
        'פ' if after_vowel => "f",
        'פ' => "p",
        'ף' => "f",
        'צ' | 'ץ' => "ts",
        'ק' => "k",
        'ר' => "r",
        'ש' => "sh",
        _ => "",
    }
}

/// ג׳ j, ז׳ zh, צ׳ ch: the geresh marks sounds Hebrew borrowed.
fn with_geresh(c: char) -> Option<&'static str> {
    match c {
        'ג' => Some("j"),
        'ז' => Some("zh"),
        'צ' | 'ץ' => Some("ch"),
        'ת' => Some("th"),
        'ד' => Some("dh"),
        'ח' => Some("kh"),
        _ => None,
    }
}

fn word(letters: &[char], habit: Habit) -> String {
    let n = letters.len();
    let mut out = String::with_capacity(n * 2);
    let mut i = 0;
    // Whether the last sound written was a vowel (drives ב/כ/פ softening and glides).
    let mut after_vowel = false;
    while i < n {
        let c = letters[i];
        let next = letters.get(i + 1).copied();
        let last = i + 1 == n;
        let geresh = matches!(next, Some('׳' | '\''));
        let piece: &str = match c {
            'א' | 'ע' => match next {
                Some('ו') if i == 0 => {
                    i += 1;
                    if matches!(habit, Habit::Arabic) {
                        "u"
                    } else {
                        "o"
                    }
                }
                Some('י') if i == 0 => {
                    i += 1;
                    "i"
                }
                _ => "a",
            },
            'ו' if next == Some('ו') => {
                i += 1;
                if matches!(habit, Habit::Arabic) {
                    "w"
                } else {
                    "v"
                }
            }
            'ו' if i == 0 || after_vowel => {
                if matches!(habit, Habit::Arabic) {
                    "w"
                } else {
                    "v"
                }
            }
            'ו' => {
                if matches!(habit, Habit::Arabic) {
                    "u"
                } else {
                    "o"
                }
            }
            'י' if next == Some('י') => {
                i += 1;
                "y"
            }
            'י' if i == 0 || after_vowel => "y",
            'י' => "i",
            'ה' if last && i > 0 => "a",
            _ => {
                let sound = if geresh {
                    with_geresh(c).unwrap_or_else(|| consonant(c, after_vowel, habit))
                } else {
                    consonant(c, after_vowel, habit)
                };
                if geresh {
                    i += 1;
                }
                sound
            }
        };
        out.push_str(piece);
        after_vowel = piece.ends_with(['a', 'e', 'i', 'o', 'u']);
        // Two consonants in a row: supply the unwritten vowel between them.
        let following = letters.get(i + 1).copied();
        if !after_vowel && !piece.is_empty() {
            if let Some(f) = following {
                let final_he = f == 'ה' && i + 2 == n;
                if !is_vowel_letter(f) && !final_he && f != '׳' && f != '\'' {
                    out.push('a');
                    after_vowel = true;
                }
            }
        }
        i += 1;
    }
    out
}

pub(super) fn romanize(text: &str, max: usize) -> Vec<String> {
    let words: Vec<Vec<char>> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '־'))
        .map(|w| {
            w.chars()
                .filter(|c| !super::is_mark(*c) && !matches!(c, '"' | '״'))
                .collect::<Vec<char>>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let per_word: Vec<Vec<String>> = words
        .iter()
        .map(|w| {
            let s: String = w.iter().collect();
            if let Some(k) = known(&s) {
                return k.iter().take(max).map(|x| (*x).to_owned()).collect();
            }
            let mut v = vec![word(w, Habit::Arabic)];
            let b = word(w, Habit::Hebrew);
            if max > 1 && b != v[0] {
                v.push(b);
            }
            v
        })
        .collect();
    super::combine_words(&per_word, max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_names_in_hebrew() {
        assert!(romanize("אוסמה", 4).contains(&"usama".to_owned()));
        assert!(romanize("אוסמה", 4).contains(&"osama".to_owned()));
        assert_eq!(romanize("חמאס", 1), vec!["hamas"]);
        assert_eq!(romanize("ג׳מאל", 1), vec!["jamal"]);
    }

    #[test]
    fn hebrew_names() {
        assert_eq!(romanize("משה כהן", 1), vec!["moshe cohen"]);
        // Unwritten vowels are guessed, not known: the consonants must come out right.
        assert_eq!(romanize("נתניהו", 1), vec!["natanihu"]);
    }
}
