//! Chinese characters to pinyin without tones, one syllable per character separated by spaces
//! (习近平 → xi jin ping), since names are matched token by token. A second reading joins the
//! given name (xi jinping), the usual Latin form of a three-character name. A firm's name
//! (华信船务有限公司) is read first with its generic words in English and its own name in
//! two-syllable words (huaxin shipping co ltd), as lists write Chinese firms.

/// Generic words of firm names, simplified and traditional, as lists write them in English.
const WORDS: &[(&str, &str)] = &[
    ("股份有限公司", "co ltd"),
    ("有限责任公司", "llc"),
    ("有限責任公司", "llc"),
    ("有限公司", "co ltd"),
    ("公司", "co"),
    ("集团", "group"),
    ("集團", "group"),
    ("国际", "international"),
    ("國際", "international"),
    ("进出口", "import export"),
    ("進出口", "import export"),
    ("贸易", "trading"),
    ("貿易", "trading"),
    ("商贸", "trading"),
    ("商貿", "trading"),
    ("船务", "shipping"),
    ("船務", "shipping"),
    ("海运", "shipping"),
    ("海運", "shipping"),
    ("航运", "shipping"),
    ("航運", "shipping"),
    ("物流", "logistics"),
    ("技术", "technology"),
    ("技術", "technology"),
    ("科技", "technology"),
    ("实业", "industrial"),
    ("實業", "industrial"),
    ("工业", "industrial"),
    ("工業", "industrial"),
    ("投资", "investment"),
    ("投資", "investment"),
    ("控股", "holding"),
    ("银行", "bank"),
    ("銀行", "bank"),
    ("会社", "company"),
    ("會社", "company"),
    ("朝鲜", "korea"),
    ("朝鮮", "korea"),
    ("机械", "machinery"),
    ("機械", "machinery"),
    ("电子", "electronics"),
    ("電子", "electronics"),
    ("能源", "energy"),
    ("石油", "petroleum"),
    ("化工", "chemical"),
    ("矿业", "mining"),
    ("礦業", "mining"),
    ("发展", "development"),
    ("發展", "development"),
    ("工程", "engineering"),
    ("建设", "construction"),
    ("建設", "construction"),
    ("香港", "hong kong"),
];

fn syllable(c: char) -> String {
    any_ascii::any_ascii_char(c).to_ascii_lowercase()
}

pub(super) fn romanize(text: &str, max: usize) -> Vec<String> {
    let mut spaced = Vec::new();
    let mut joined = Vec::new();
    let mut firm = Vec::new();
    let mut is_firm = false;
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
        let (reading, generic) = firm_reading(word);
        is_firm |= generic;
        firm.push(reading);
    }
    let mut out = vec![spaced.join(" ")];
    let j = joined.join(" ");
    if max > 1 && j != out[0] {
        out.push(j);
    }
    if is_firm {
        out.insert(0, firm.join(" "));
        out.truncate(max.max(1));
    }
    out
}

/// A word read as a firm's name: generic words in English, the rest in words of two
/// syllables; and whether it held a generic word.
fn firm_reading(word: &str) -> (String, bool) {
    let mut out: Vec<String> = Vec::new();
    let mut own: Vec<char> = Vec::new();
    let mut generic = false;
    let mut rest = word;
    while let Some(c) = rest.chars().next() {
        let found = WORDS
            .iter()
            .filter(|(w, _)| rest.starts_with(w))
            .max_by_key(|(w, _)| w.len());
        match found {
            Some((w, english)) => {
                push_own(&mut out, &mut own);
                out.push((*english).to_owned());
                generic = true;
                rest = &rest[w.len()..];
            }
            None => {
                own.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    push_own(&mut out, &mut own);
    (out.join(" "), generic)
}

/// The firm's own name, two syllables to a word (大连正华: dalian zhenghua).
fn push_own(out: &mut Vec<String>, own: &mut Vec<char>) {
    for pair in own.chunks(2) {
        out.push(pair.iter().map(|&c| syllable(c)).collect());
    }
    own.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_names() {
        assert_eq!(romanize("习近平", 4), vec!["xi jin ping", "xi jinping"]);
        assert_eq!(romanize("毛泽东", 1), vec!["mao ze dong"]);
    }

    #[test]
    fn firm_names_get_their_generic_words_in_english() {
        let r = romanize("大连正华贸易有限公司", 4);
        assert_eq!(r[0], "dalian zhenghua trading co ltd");
        assert_eq!(r[1], "da lian zheng hua mao yi you xian gong si");
    }
}
