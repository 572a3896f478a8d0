//! Partner credentials. A password is `vgp_<key id>_<secret>`: the key id (public) lets a
//! `Bearer PASSWORD` find its partner with one lookup; the whole password is stored only
//! as an argon2id hash (PHC string, random salt).

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

/// A new password and its hash, to show once and to store.
pub struct NewCredentials {
    pub key_id: String,
    pub password: String,
    pub password_hash: String,
}

fn random_hex(bytes: usize) -> Result<String, String> {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).map_err(|e| format!("no randomness for a password: {e}"))?;
    Ok(hex::encode(buf))
}

/// Generates a password (256 random bits of secret) and hashes it.
pub fn generate() -> Result<NewCredentials, String> {
    let key_id = random_hex(8)?;
    let password = format!("vgp_{key_id}_{}", random_hex(32)?);
    let password_hash = hash(&password)?;
    Ok(NewCredentials {
        key_id,
        password,
        password_hash,
    })
}

pub fn hash(password: &str) -> Result<String, String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| format!("no randomness for a salt: {e}"))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| format!("cannot hash the password: {e}"))
}

/// True when `password` matches the stored hash (false for a damaged hash).
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// The key id of a Vigil partner password.
pub fn key_id(password: &str) -> Option<&str> {
    let rest = password.strip_prefix("vgp_")?;
    let (key_id, secret) = rest.split_once('_')?;
    (key_id.len() == 16 && !secret.is_empty()).then_some(key_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_passwords_verify_and_carry_their_key_id() {
        let c = generate().unwrap();
        assert!(c.password_hash.starts_with("$argon2id$"));
        assert!(!c.password_hash.contains(&c.password));
        assert!(verify(&c.password, &c.password_hash));
        assert!(!verify("vgp_0000000000000000_wrong", &c.password_hash));
        assert!(!verify(&c.password, "not a hash"));
        assert_eq!(key_id(&c.password), Some(c.key_id.as_str()));
        assert_eq!(key_id("hunter2"), None);
    }
}
