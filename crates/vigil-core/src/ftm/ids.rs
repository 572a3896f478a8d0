//! FtM-clean identifiers. FollowTheMoney entity ids allow only `[0-9A-Za-z.-]` (starting and
//! ending with a letter or digit) and dataset names only `[a-z0-9_]`, while Vigil ids are
//! `<source>:<source id>` (`un-sc:QDi.1`) and sources are free text (`partner:acme`).

/// The FtM id of a Vigil entity id: the `:` separators written as `-` (`un-sc:QDi.1` is
/// `un-sc-QDi.1`). An id with any other character FtM refuses has those characters written
/// as `-` and a hash of the whole Vigil id appended, so distinct ids stay distinct. Callers
/// map back through the ids they serve (see `vigil-server`'s served index).
pub fn ftm_id(vigil_id: &str) -> String {
    let readable: String = vigil_id
        .chars()
        .map(|c| if c == ':' { '-' } else { c })
        .collect();
    if is_ftm_id(&readable) {
        return readable;
    }
    let cleaned: String = vigil_id
        .chars()
        .map(|c| if is_id_char(c) { c } else { '-' })
        .collect();
    let cleaned: String = cleaned
        .trim_matches(|c| c == '-' || c == '.')
        .chars()
        .take(64)
        .collect();
    if cleaned.is_empty() {
        format!("x-{:016x}", fnv1a(vigil_id))
    } else {
        format!("{cleaned}-{:016x}", fnv1a(vigil_id))
    }
}

/// Whether FtM's entity id validator accepts `id`.
pub fn is_ftm_id(id: &str) -> bool {
    let edge_ok = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    !id.is_empty()
        && id.len() <= super::max_length("entity")
        && id.chars().all(is_id_char)
        && edge_ok(id.chars().next())
        && edge_ok(id.chars().last())
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '.' || c == '-'
}

/// The FtM dataset name of a Vigil source: lower case, every other character `_`
/// (`un-sc` is `un_sc`, `partner:acme` is `partner_acme`).
pub fn dataset_name(source: &str) -> String {
    source
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect()
}

/// 64-bit FNV-1a: a stable hash (unlike `std`'s, the same across builds and releases).
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn official_ids_stay_readable() {
        assert_eq!(ftm_id("un-sc:QDi.1"), "un-sc-QDi.1");
        assert_eq!(ftm_id("ofac-sdn:7140"), "ofac-sdn-7140");
        assert_eq!(ftm_id("partner:acme:X1"), "partner-acme-X1");
        assert_eq!(dataset_name("un-sc"), "un_sc");
        assert_eq!(dataset_name("partner:Acme"), "partner_acme");
    }

    #[test]
    fn awkward_ids_get_a_hash() {
        let a = ftm_id("own:OWN 1");
        let b = ftm_id("own:OWN_1");
        assert!(a.starts_with("own-OWN-1-"), "{a}");
        assert_ne!(a, b);
        assert!(is_ftm_id(&ftm_id(":::")));
    }

    #[test]
    fn long_ids_are_shortened() {
        let id = format!("own:{}", "a".repeat(300));
        assert!(is_ftm_id(&ftm_id(&id)));
    }

    proptest! {
        #[test]
        fn every_id_is_ftm_clean(id in "\\PC{1,40}") {
            prop_assert!(is_ftm_id(&ftm_id(&id)), "{id:?} -> {}", ftm_id(&id));
        }

        #[test]
        fn dataset_names_are_ftm_clean(source in "\\PC{1,20}") {
            let name = dataset_name(&source);
            prop_assert!(name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'));
        }
    }
}
