//! The generic words of organisation names in Arabic script, translated. Lists write a group
//! by its English name ("ARMED ISLAMIC GROUP") as often as by a romanisation of its Arabic
//! one ("AL-JAMA'AH AL-ISLAMIYAH AL-MUSALLAH"), so a query in Arabic script is also read with
//! these words in English. Written from general knowledge of Arabic, Persian and Urdu (not
//! mined from any sanctions list); proper names are left to the romaniser.

/// Each word (without the article ال; feminine and Persian spellings listed apart) and its
/// English rendering as lists write it.
pub(super) const WORDS: &[(&str, &str)] = &[
    // What an organisation calls itself.
    ("جماعة", "group"),
    ("جماعت", "group"),
    ("حركة", "movement"),
    ("حرکت", "movement"),
    ("تنظيم", "organization"),
    ("منظمة", "organization"),
    ("سازمان", "organization"),
    ("جبهة", "front"),
    ("جيش", "army"),
    ("لشكر", "army"),
    ("كتائب", "brigades"),
    ("كتيبة", "battalion"),
    ("لواء", "brigade"),
    ("شبكة", "network"),
    ("مكتب", "office"),
    ("شركة", "company"),
    ("شركت", "company"),
    ("مؤسسة", "foundation"),
    ("موسسة", "foundation"),
    ("بنياد", "foundation"),
    ("جمعية", "society"),
    ("جمعيت", "society"),
    ("هيئة", "commission"),
    ("مجلس", "council"),
    ("اتحاد", "union"),
    ("حزب", "party"),
    ("دولة", "state"),
    ("بنك", "bank"),
    ("بانك", "bank"),
    ("صرافة", "exchange"),
    ("صرافي", "exchange"),
    ("خدمات", "services"),
    ("تجارة", "trading"),
    ("تجارية", "trading"),
    ("شعبة", "branch"),
    ("فرع", "branch"),
    // What it says of itself.
    ("اسلامية", "islamic"),
    ("اسلامي", "islamic"),
    ("اسلام", "islam"),
    ("مسلمين", "muslims"),
    ("مسلحة", "armed"),
    ("مقاتلة", "fighting"),
    ("مجاهدين", "mujahidin"),
    ("مهاجرين", "emigrants"),
    ("انصار", "supporters"),
    ("مقاومة", "resistance"),
    ("تحرير", "liberation"),
    ("وطنية", "national"),
    ("وطني", "national"),
    ("شعبية", "popular"),
    ("دولية", "international"),
    ("دولي", "international"),
    ("خيرية", "charitable"),
    ("اغاثة", "relief"),
    ("عالمية", "world"),
    ("عالمي", "world"),
    ("عامة", "general"),
    ("متحدة", "united"),
    ("احمر", "red"),
    ("هلال", "crescent"),
    ("غرب", "west"),
    ("شرق", "east"),
    ("شمال", "north"),
    ("جنوب", "south"),
    ("جزيرة", "peninsula"),
    ("عرب", "arabian"),
    // Places, and the people of them.
    ("ليبية", "libyan"),
    ("ليبي", "libyan"),
    ("ليبيا", "libya"),
    ("مغربية", "moroccan"),
    ("مغربي", "moroccan"),
    ("مغرب", "maghreb"),
    ("مصرية", "egyptian"),
    ("مصري", "egyptian"),
    ("مصر", "egypt"),
    ("تونسية", "tunisian"),
    ("تونسي", "tunisian"),
    ("تونس", "tunisia"),
    ("جزائرية", "algerian"),
    ("جزائري", "algerian"),
    ("جزائر", "algeria"),
    ("عراق", "iraq"),
    ("عراقية", "iraqi"),
    ("شام", "levant"),
    ("سوريا", "syria"),
    ("سورية", "syria"),
    ("يمن", "yemen"),
    ("يمنية", "yemeni"),
    ("صومال", "somalia"),
    ("افريقيا", "africa"),
    ("افغانستان", "afghanistan"),
    ("باكستان", "pakistan"),
    ("هند", "india"),
    ("ايران", "iran"),
    ("خراسان", "khorasan"),
    ("سيناء", "sinai"),
    // Little words between the others.
    ("و", "and"),
    ("في", "in"),
    ("من", "of"),
];

use super::arabic::fold;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The English rendering of one word of an Arabic-script name (its letters folded:
/// [`fold`]), if it is a generic word: the article ال, a joined و (and) and the prepositions
/// ب and ل before the article are looked through.
pub(super) fn translate(folded: &str) -> Option<String> {
    static BY_KEY: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    let by_key = BY_KEY.get_or_init(|| WORDS.iter().map(|&(w, e)| (fold(w), e)).collect());
    // (prefix, what it adds in English)
    const PREFIXES: &[(&str, &str)] = &[
        ("", ""),
        ("ال", ""),
        ("وال", "and "),
        ("و", "and "),
        ("بال", ""),
        ("لل", ""),
    ];
    PREFIXES.iter().find_map(|(prefix, and)| {
        let stem = folded.strip_prefix(prefix).filter(|s| !s.is_empty())?;
        by_key.get(stem).map(|e| format!("{and}{e}"))
    })
}
