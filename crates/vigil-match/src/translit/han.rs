//! Chinese characters to pinyin without tones, one syllable per character separated by spaces
//! (习近平 → xi jin ping), since names are matched token by token. A second reading joins the
//! given name (xi jinping), the usual Latin form of a three-character name.

fn syllable(c: char) -> String {
    any_ascii::any_ascii_char(c).to_ascii_lowercase()
}

pub(super) fn romanize(text: &str, max: usize) -> Vec<String> {
    let mut spaced = Vec::new();
    let mut joined = Vec::new();
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        let syl: Vec<String> = word.chars().map(syllable).collect();
        spaced.push(syl.join(" "));
        joined.push(match syl.len() {
            2 | 3 => format!("{} {}", syl[0], syl[1..].concat()),
            _ => syl.join(" "),
        });
    }
    let mut out = vec![spaced.join(" ")];
    let j = joined.join(" ");
    if max > 1 && j != out[0] {
        out.push(j);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_names() {
        assert_eq!(romanize("习近平", 4), vec!["xi jin ping", "xi jinping"]);
        assert_eq!(romanize("毛泽东", 1), vec!["mao ze dong"]);
    }
}
