//! Given names that are one name in several languages: Joseph / Yusuf / Iosif, John / Yahya /
//! Ivan, Sergey / Serhiy. Lists and customer files write the form of the language at hand
//! (OFAC gives a Ukrainian both "Serhiy" and "Sergey"; a Lebanese Christian may be "Joseph" in
//! one record and "Yusif" in another), and spelling keys cannot see that "Joseph" and
//! "Yusuf" are the same name. Written from general knowledge of these names, not mined from
//! any list. Names that are also other names (Jan, an Afghan name as much as a Dutch John)
//! are left out.

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// Each group: normalised spellings of one name across languages. Two kinds only, where
/// one person is routinely recorded under both forms: Ukrainian / Belarusian and Russian
/// forms of East Slavic names, and the English (biblical) and Arabic forms of names Arab
/// Christians and Muslims share. Forms that are distinct names side by side in one culture
/// (Spanish Juan and Ivan, Jaime and Diego) are left out.
const GROUPS: &[&[&str]] = &[
    &[
        "joseph", "yusuf", "yousef", "youssef", "yusef", "yousif", "yusif", "youcef", "iosif",
    ],
    &["john", "yahya", "yohannes", "ioann"],
    &[
        "jacob", "yaqub", "yacoub", "yakub", "yaakov", "yakov", "iakov",
    ],
    &["abraham", "ibrahim", "ebrahim", "avraham"],
    &["moses", "musa", "moussa", "mousa", "moshe"],
    &["david", "dawud", "daoud", "dawood", "daud"],
    &[
        "solomon", "suleiman", "sulayman", "sulaiman", "soliman", "suleyman",
    ],
    &["jesus", "isa", "eisa", "issa"],
    &["mary", "maryam", "mariam"],
    &["elijah", "elias", "ilyas"],
    &["zachary", "zakariya", "zakaria", "zacharias"],
    &["job", "ayyub", "ayub", "ayoub"],
    &["aaron", "harun", "haroun", "haroon"],
    &["gabriel", "jibril", "jebril"],
    &["peter", "boutros", "butrus", "pyotr", "petr", "petro"],
    &["paul", "boulos", "bulus", "pavel", "pavlo"],
    &["george", "jirjis", "georgiy", "georgy", "heorhiy"],
    &["michael", "mikhail", "mykhailo", "mykhaylo"],
    &["alexander", "aleksandr", "oleksandr", "iskandar"],
    &["nicholas", "nikolai", "nikolay", "mykola"],
    &["stephen", "stepan"],
    &["andrew", "andrei", "andrey", "andriy"],
    &["sergey", "sergei", "serhiy", "serhii", "sergiy"],
    &["vladimir", "volodymyr", "uladzimir"],
    &[
        "yevgeny", "evgeny", "evgeniy", "yevgeniy", "yevhen", "evgenii", "yevgeni",
    ],
    &["dmitry", "dmitri", "dmitriy", "dmytro", "dmitrii"],
    &[
        "alexey", "alexei", "aleksei", "aleksey", "oleksiy", "oleksii",
    ],
    &["yuri", "yuriy", "yury", "iurii", "yurii"],
    &["oleg", "oleh"],
    &["igor", "ihor"],
    &["grigory", "grigoriy", "hryhoriy"],
    &["olga", "olha"],
    &["tatiana", "tatyana", "tetiana", "tetyana"],
    &["elena", "yelena", "olena"],
    &["ekaterina", "yekaterina", "kateryna"],
];

/// The group of a normalised token: 0 for none, else 1 + its index in [`GROUPS`].
pub fn group_of(token: &str) -> u16 {
    static BY_NAME: OnceLock<FxHashMap<&'static str, u16>> = OnceLock::new();
    let by_name = BY_NAME.get_or_init(|| {
        GROUPS
            .iter()
            .enumerate()
            .flat_map(|(i, g)| g.iter().map(move |&n| (n, i as u16 + 1)))
            .collect()
    });
    by_name.get(token).copied().unwrap_or(0)
}

/// How many groups there are (group ids run 1..=this).
pub fn group_count() -> usize {
    GROUPS.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    #[test]
    fn one_name_across_languages_shares_a_group() {
        assert_ne!(group_of("joseph"), 0);
        assert_eq!(group_of("joseph"), group_of("yusif"));
        assert_eq!(group_of("serhiy"), group_of("sergey"));
        assert_ne!(group_of("joseph"), group_of("john"));
        assert_eq!(group_of("jan"), 0);
        assert_eq!(group_of("juan"), 0);
    }

    #[test]
    fn spellings_are_normalised_and_in_one_group_only() {
        let mut seen = std::collections::HashSet::new();
        for g in GROUPS {
            for &n in *g {
                assert_eq!(normalize(n), n, "{n} is not normalised");
                assert!(seen.insert(n), "{n} is in two groups");
            }
        }
    }
}
