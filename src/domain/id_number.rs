//! Identity numbers: the 18-digit resident ID (居民身份证号码, GB 11643-1999) and the 18-character
//! unified social credit code of organisations (统一社会信用代码, GB 32100-2015), with their check characters.

use chrono::NaiveDate;

/// What is wrong with an identity number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("must be 18 characters, found {0}")]
    Length(usize),
    #[error("illegal character {0:?} at position {1}")]
    Character(char, usize),
    #[error("check character is {found}, expected {expected}")]
    Checksum { found: char, expected: char },
    #[error("birth date {0} in the number is not a real date")]
    BirthDate(String),
}

/// Gender as coded in the 17th digit of a resident ID (odd = male).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Gender {
    /// 男
    Male,
    /// 女
    Female,
}

impl Gender {
    /// `M` / `F`.
    pub fn code(self) -> &'static str {
        match self {
            Gender::Male => "M",
            Gender::Female => "F",
        }
    }
    /// Parses `M`, `F`, `男`, `女` (case-insensitive for the letters).
    pub fn parse(s: &str) -> Option<Gender> {
        match s.trim() {
            "M" | "m" | "男" | "male" | "Male" => Some(Gender::Male),
            "F" | "f" | "女" | "female" | "Female" => Some(Gender::Female),
            _ => None,
        }
    }
    /// 男 / 女.
    pub fn label_zh(self) -> &'static str {
        match self {
            Gender::Male => "男",
            Gender::Female => "女",
        }
    }
}

/// A validated 18-digit resident ID with the facts it encodes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResidentId {
    /// The number, upper-case `X` for a check value of 10.
    pub number: String,
    /// Birth date from digits 7–14.
    pub birth_date: NaiveDate,
    /// Gender from digit 17.
    pub gender: Gender,
}

const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// The GB 11643 check character for the first 17 digits (ISO 7064 MOD 11-2).
/// `None` if `first17` is not 17 ASCII digits.
pub fn resident_check_char(first17: &str) -> Option<char> {
    if first17.len() != 17 || !first17.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = first17.bytes().zip(ID_WEIGHTS).map(|(b, w)| (b - b'0') as u32 * w).sum();
    Some(ID_CHECK[(sum % 11) as usize])
}

/// Validates a resident ID: 18 characters, 17 digits then a digit or `X`, valid check character and a
/// real birth date. Lower-case `x` is accepted and normalised.
pub fn parse_resident_id(text: &str) -> Result<ResidentId, IdError> {
    let number = text.trim().to_ascii_uppercase();
    let n = number.chars().count();
    if n != 18 {
        return Err(IdError::Length(n));
    }
    for (i, c) in number.chars().enumerate() {
        let ok = c.is_ascii_digit() || (i == 17 && c == 'X');
        if !ok {
            return Err(IdError::Character(c, i + 1));
        }
    }
    let expected = resident_check_char(&number[..17]).ok_or(IdError::Length(n))?;
    let found = number.chars().nth(17).unwrap_or('?');
    if found != expected {
        return Err(IdError::Checksum { found, expected });
    }
    let birth = &number[6..14];
    let birth_date = NaiveDate::parse_from_str(birth, "%Y%m%d")
        .ok()
        .filter(|d| d.year_ce().1 >= 1900)
        .ok_or_else(|| IdError::BirthDate(birth.to_string()))?;
    let gender = if (number.as_bytes()[16] - b'0') % 2 == 1 { Gender::Male } else { Gender::Female };
    Ok(ResidentId { number, birth_date, gender })
}

use chrono::Datelike;

/// Characters of the unified social credit code, in value order (no I, O, Z, S, V).
const USCC_CHARS: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// The GB 32100 check character for the first 17 characters; `None` on a character outside the code's alphabet.
pub fn uscc_check_char(first17: &str) -> Option<char> {
    if first17.chars().count() != 17 {
        return None;
    }
    let mut sum = 0u32;
    for (c, w) in first17.chars().zip(USCC_WEIGHTS) {
        sum += USCC_CHARS.find(c)? as u32 * w;
    }
    let check = (31 - sum % 31) % 31;
    USCC_CHARS.chars().nth(check as usize)
}

/// Validates an 18-character unified social credit code (upper-cased first).
pub fn parse_uscc(text: &str) -> Result<String, IdError> {
    let code = text.trim().to_ascii_uppercase();
    let n = code.chars().count();
    if n != 18 {
        return Err(IdError::Length(n));
    }
    for (i, c) in code.chars().enumerate() {
        if !USCC_CHARS.contains(c) {
            return Err(IdError::Character(c, i + 1));
        }
    }
    let expected = uscc_check_char(&code[..17]).ok_or(IdError::Length(n))?;
    let found = code.chars().nth(17).unwrap_or('?');
    if found != expected {
        return Err(IdError::Checksum { found, expected });
    }
    Ok(code)
}

/// Whole years of age on `on` for someone born on `birth` (0 before the first birthday).
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> u32 {
    on.years_since(birth).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_example_check_digit() {
        // The worked example of GB 11643-1999: 11010519491231002X.
        assert_eq!(resident_check_char("11010519491231002"), Some('X'));
        let id = parse_resident_id("11010519491231002x").unwrap();
        assert_eq!(id.number, "11010519491231002X");
        assert_eq!(id.birth_date, NaiveDate::from_ymd_opt(1949, 12, 31).unwrap());
        assert_eq!(id.gender, Gender::Female); // 17th digit 2 is even
        // 44052419800101001: sum = 4*7+4*9+0*10+5*5+2*8+4*4+1*2+9*1+8*6+0*3+0*7+1*9+0*10+1*5+0*8+0*4+1*2
        //  = 28+36+0+25+16+16+2+9+48+0+0+9+0+5+0+0+2 = 196; 196 % 11 = 9 → '3'.
        assert_eq!(resident_check_char("44052419800101001"), Some('3'));
        assert_eq!(parse_resident_id("440524198001010013").unwrap().gender, Gender::Male);
    }

    #[test]
    fn rejects_bad_resident_ids() {
        assert_eq!(parse_resident_id("110105194912310021"), Err(IdError::Checksum { found: '1', expected: 'X' }));
        assert_eq!(parse_resident_id("1101051949123100"), Err(IdError::Length(16)));
        assert_eq!(parse_resident_id("11010519491231002Y"), Err(IdError::Character('Y', 18)));
        // 1949-02-30 is no date: build a number with a correct check character around it.
        let first = "11010519490230002";
        let full = format!("{first}{}", resident_check_char(first).unwrap());
        assert_eq!(parse_resident_id(&full), Err(IdError::BirthDate("19490230".into())));
    }

    #[test]
    fn uscc_check() {
        // 91350100M000100Y43 is the code published in GB 32100 examples (check char 3).
        assert_eq!(uscc_check_char("91350100M000100Y4"), Some('3'));
        assert_eq!(parse_uscc("91350100M000100Y43").unwrap(), "91350100M000100Y43");
        assert!(matches!(parse_uscc("91350100M000100Y44"), Err(IdError::Checksum { .. })));
        assert_eq!(parse_uscc("91350100M000100I43"), Err(IdError::Character('I', 16)));
    }

    #[test]
    fn ages() {
        let b = NaiveDate::from_ymd_opt(1966, 11, 30).unwrap();
        assert_eq!(age_on(b, NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()), 59);
        assert_eq!(age_on(b, NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()), 60);
    }
}
