//! Masking of personal data for lists and exports (SPEC §5: `110101********1234`, `138****5678`).

/// Masks an identity number: the first 6 and last 4 characters stay, the rest become `*`.
/// Shorter texts (≤ 10 chars) keep only their last 2.
pub fn mask_id_number(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    let n = chars.len();
    if n <= 10 {
        return chars.iter().enumerate().map(|(i, c)| if i + 2 >= n { *c } else { '*' }).collect();
    }
    chars.iter().enumerate().map(|(i, c)| if i < 6 || i + 4 >= n { *c } else { '*' }).collect()
}

/// Masks a mobile number: first 3 and last 4 digits stay, the middle 4 become `*` (`138****5678`).
/// Other lengths keep the last 4 only.
pub fn mask_mobile(mobile: &str) -> String {
    let chars: Vec<char> = mobile.chars().collect();
    let n = chars.len();
    if n == 11 {
        return chars.iter().enumerate().map(|(i, c)| if (3..7).contains(&i) { '*' } else { *c }).collect();
    }
    chars.iter().enumerate().map(|(i, c)| if i + 4 >= n { *c } else { '*' }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn masks() {
        assert_eq!(mask_id_number("110101199001011234"), "110101********1234");
        assert_eq!(mask_mobile("13812345678"), "138****5678");
        assert_eq!(mask_mobile("5678"), "5678");
        assert_eq!(mask_id_number("1234"), "**34");
    }
}
