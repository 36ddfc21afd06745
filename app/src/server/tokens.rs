//! Secrets sent by email: registration codes people type, and invitation tokens they click.
//! Codes are stored readable (an admin may view one); tokens only as their SHA-256.
use rand::{distributions::Uniform, Rng, RngCore};
use sha2::{Digest, Sha256};

/// No 0/O, 1/I/L: a code read aloud or copied by hand comes out right.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/// A fresh registration code such as `7KQ4-MX2P` (31^8 ≈ 8.5 × 10^11 possibilities).
pub fn registration_code() -> String {
    let pick = Uniform::from(0..CODE_ALPHABET.len());
    let mut rng = rand::thread_rng();
    let chars: String = (0..8)
        .map(|_| char::from(CODE_ALPHABET[rng.sample(pick)]))
        .collect();
    format!("{}-{}", &chars[..4], &chars[4..])
}

/// A code as a person typed it (any case, spaces, with or without the dash) in stored form.
pub fn normalize_code(raw: &str) -> String {
    let chars: String = raw
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .take(8)
        .collect();
    if chars.len() == 8 {
        format!("{}-{}", &chars[..4], &chars[4..])
    } else {
        chars
    }
}

/// A new invitation token: 32 random bytes as 64 hex characters. Only its hash is stored.
pub fn invitation_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex(&bytes)
}

/// The stored form of a token.
pub fn hash_token(token: &str) -> String {
    hex(&Sha256::digest(token.trim().as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_have_two_groups_of_unambiguous_characters() {
        for _ in 0..50 {
            let code = registration_code();
            assert_eq!(code.len(), 9);
            assert_eq!(&code[4..5], "-");
            assert!(code
                .bytes()
                .filter(|b| *b != b'-')
                .all(|b| CODE_ALPHABET.contains(&b)));
        }
    }

    #[test]
    fn typed_codes_are_normalized_to_the_stored_form() {
        assert_eq!(normalize_code(" 7kq4 mx2p "), "7KQ4-MX2P");
        assert_eq!(normalize_code("7KQ4-MX2P"), "7KQ4-MX2P");
        assert_eq!(normalize_code("short"), "SHORT");
    }

    #[test]
    fn tokens_are_long_random_and_stored_only_as_a_hash() {
        let (a, b) = (invitation_token(), invitation_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(hash_token(&a), hash_token(&a));
        assert_ne!(hash_token(&a), a);
    }
}
