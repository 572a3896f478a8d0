//! Stable STIX identifiers: UUIDv5 of Vigil's namespace and a name, so the same entity
//! gets the same STIX id on every publication and on every node.

use uuid::Uuid;

/// Vigil's UUIDv5 namespace (a fixed random UUID; never change it: ids would change).
const NAMESPACE: Uuid = Uuid::from_u128(0x3903b77f_e8f3_4f08_ad4d_d008353d24e1);

/// `type--UUIDv5(name)`.
pub fn stable_id(object_type: &str, name: &str) -> String {
    format!(
        "{object_type}--{}",
        Uuid::new_v5(&NAMESPACE, name.as_bytes())
    )
}

/// A fresh random UUID (status ids).
pub fn random_uuid() -> String {
    Uuid::new_v4().to_string()
}

/// True for `type--UUID` with a lowercase type of 3 to 250 letters, digits and hyphens.
pub fn is_valid_stix_id(id: &str, object_type: &str) -> bool {
    id.split_once("--").is_some_and(|(t, uuid)| {
        t == object_type && Uuid::parse_str(uuid).is_ok() && uuid.len() == 36
    })
}

/// STIX type names: 3 to 250 characters, lowercase ASCII letters, digits and hyphens,
/// starting and ending with a letter or digit, no `--`.
pub fn is_valid_type(t: &str) -> bool {
    (3..=250).contains(&t.len())
        && t.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !t.starts_with('-')
        && !t.ends_with('-')
        && !t.contains("--")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_valid() {
        let a = stable_id("identity", "un-sc:QDi.001");
        assert_eq!(a, stable_id("identity", "un-sc:QDi.001"));
        assert_ne!(a, stable_id("identity", "un-sc:QDi.002"));
        assert!(is_valid_stix_id(&a, "identity"));
        assert!(!is_valid_stix_id(&a, "threat-actor"));
        assert!(!is_valid_stix_id("identity--123", "identity"));
        assert!(is_valid_type("threat-actor-individual"));
        assert!(!is_valid_type("Threat-Actor"));
        assert!(!is_valid_type("a--b"));
    }
}
