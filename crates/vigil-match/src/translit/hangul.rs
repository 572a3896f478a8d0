//! Korean Hangul to Latin by decomposing each syllable (Revised Romanisation), one syllable per
//! token as names are usually written (김정은 → kim jeong eun). Surnames take their customary
//! spellings (김 Kim, 이 Lee, 박 Park). A second reading uses the older, McCune–Reischauer-like
//! vowels still common in lists (kim jong un).

const INITIALS: [&str; 19] = [
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p",
    "h",
];
const VOWELS_RR: [&str; 21] = [
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
    "wi", "yu", "eu", "ui", "i",
];
const VOWELS_OLD: [&str; 21] = [
    "a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
    "wi", "yu", "u", "ui", "i",
];
const FINALS: [&str; 28] = [
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
    "t", "t", "ng", "t", "t", "k", "t", "p", "t",
];

fn surname(c: char) -> Option<&'static str> {
    Some(match c {
        '김' => "kim",
        '이' => "lee",
        '리' => "ri",
        '박' => "park",
        '최' => "choi",
        '정' => "jung",
        '강' => "kang",
        '조' => "cho",
        '윤' => "yoon",
        '장' => "jang",
        '임' => "lim",
        '한' => "han",
        '오' => "oh",
        '서' => "seo",
        '신' => "shin",
        '권' => "kwon",
        '황' => "hwang",
        '안' => "ahn",
        '송' => "song",
        '류' => "ryu",
        '유' => "yoo",
        '홍' => "hong",
        '전' => "jeon",
        '고' => "ko",
        '문' => "moon",
        '손' => "son",
        '양' => "yang",
        '배' => "bae",
        '백' => "baek",
        '허' => "heo",
        '노' => "noh",
        '남' => "nam",
        '심' => "shim",
        '곽' => "kwak",
        '성' => "sung",
        '차' => "cha",
        '주' => "joo",
        '우' => "woo",
        '구' => "koo",
        '민' => "min",
        '진' => "jin",
        '지' => "ji",
        '현' => "hyun",
        '변' => "byun",
        '추' => "choo",
        '도' => "do",
        '석' => "seok",
        '선' => "sun",
        '길' => "gil",
        '표' => "pyo",
        '명' => "myung",
        '기' => "ki",
        '방' => "bang",
        '공' => "kong",
        '함' => "ham",
        '염' => "yeom",
        '여' => "yeo",
        '천' => "cheon",
        '원' => "won",
        '채' => "chae",
        '엄' => "eom",
        _ => return None,
    })
}

fn syllable(c: char, vowels: &[&str; 21]) -> String {
    let s = c as u32 - 0xAC00;
    let (i, v, f) = (s / 588, (s % 588) / 28, s % 28);
    let mut out = String::with_capacity(6);
    out.push_str(INITIALS[i as usize]);
    out.push_str(vowels[v as usize]);
    out.push_str(FINALS[f as usize]);
    out
}

fn word(w: &str, vowels: &[&str; 21]) -> String {
    let chars: Vec<char> = w.chars().collect();
    // A two- to four-syllable word is a full name with the surname first.
    let has_surname = (2..=4).contains(&chars.len());
    chars
        .iter()
        .enumerate()
        .map(|(k, &c)| match surname(c) {
            Some(s) if k == 0 && has_surname => s.to_owned(),
            _ => syllable(c, vowels),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn romanize(text: &str, max: usize) -> Vec<String> {
    let words = || {
        text.split(|c: char| !('\u{AC00}'..='\u{D7A3}').contains(&c))
            .filter(|w| !w.is_empty())
    };
    let rr: Vec<String> = words().map(|w| word(w, &VOWELS_RR)).collect();
    let mut out = vec![rr.join(" ")];
    if max > 1 {
        let old: Vec<String> = words().map(|w| word(w, &VOWELS_OLD)).collect();
        let old = old.join(" ");
        if old != out[0] {
            out.push(old);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn korean_names() {
        assert_eq!(romanize("김정은", 4), vec!["kim jeong eun", "kim jong un"]);
        assert_eq!(romanize("박근혜", 1), vec!["park geun hye"]);
        assert_eq!(romanize("서울", 1), vec!["seo ul"]);
    }
}
