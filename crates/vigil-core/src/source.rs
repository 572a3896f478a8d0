//! List source names (`un-sc`, `ofac-sdn`, `own`): they prefix entity ids, name store
//! rows and appear in URLs and file names, so only a small documented character set is
//! accepted wherever a name enters (CLI, API, store).

use std::fmt;

/// The rule, as error messages and help texts state it.
pub const SOURCE_NAME_RULE: &str = "1 to 64 characters from a-z, 0-9, '-' and '_', \
starting with a letter or digit (e.g. un-sc, ofac-sdn, own_list)";

/// Prefix of the lists Vigil keeps for partners' shared designations (`partner:NAME`),
/// named by Vigil itself, never by a user.
pub const PARTNER_SOURCE_PREFIX: &str = "partner:";

/// A source name outside [`SOURCE_NAME_RULE`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceNameError(pub String);

impl fmt::Display for SourceNameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "list name {:?} is not allowed: use {SOURCE_NAME_RULE}",
            self.0
        )
    }
}

impl std::error::Error for SourceNameError {}

/// Accepts `[a-z0-9][a-z0-9_-]{0,63}`: what a user may call a list.
pub fn check_source_name(name: &str) -> Result<(), SourceNameError> {
    let bytes = name.as_bytes();
    let lead_ok = bytes
        .first()
        .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    let rest_ok = bytes
        .iter()
        .all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if lead_ok && rest_ok && bytes.len() <= 64 {
        Ok(())
    } else {
        Err(SourceNameError(name.to_owned()))
    }
}

/// Accepts a user's list name or a partner list (`partner:` and a partner name of letters,
/// digits, '-', '_' and '.'): what the store may hold.
pub fn check_stored_source_name(name: &str) -> Result<(), SourceNameError> {
    let Some(partner) = name.strip_prefix(PARTNER_SOURCE_PREFIX) else {
        return check_source_name(name);
    };
    let ok = (1..=64).contains(&partner.len())
        && partner
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if ok {
        Ok(())
    } else {
        Err(SourceNameError(name.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn list_names_keep_to_the_documented_set() {
        for good in [
            "un-sc",
            "ofac-sdn",
            "own",
            "own_list",
            "l2",
            "9",
            &"a".repeat(64),
        ] {
            assert_eq!(check_source_name(good), Ok(()), "{good}");
        }
        let long = "a".repeat(65);
        for bad in [
            "",
            "../../etc/passwd",
            "a/b",
            "a%00",
            "a\0b",
            "-x",
            "_x",
            "UN",
            "un sc",
            "é",
            "partner:b",
            &long,
        ] {
            let err = check_source_name(bad).unwrap_err();
            assert!(err.to_string().contains("a-z, 0-9"), "{bad}: {err}");
        }
        assert_eq!(check_stored_source_name("partner:Agency-B.1"), Ok(()));
        assert!(check_stored_source_name("partner:").is_err());
        assert!(check_stored_source_name("partner:../x").is_err());
        assert!(check_stored_source_name("../x").is_err());
    }

    proptest! {
        #[test]
        fn accepted_names_are_safe_in_paths_and_ids(name in "\\PC{0,80}") {
            if check_source_name(&name).is_ok() {
                prop_assert!(!name.contains(['/', '\\', '.', ':', '%', '\0']));
                prop_assert!((1..=64).contains(&name.len()));
            }
        }
    }
}
