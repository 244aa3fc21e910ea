//! Bytes → text. Back-office exports come as UTF-8 (with or without a BOM) or GBK/GB18030, and
//! sometimes as GBK with a UTF-8 BOM stuck in front by a tool that meant well. The csv crate only
//! reads UTF-8, so files are decoded here first.

use std::borrow::Cow;

use encoding_rs::{DecoderResult, Encoding, GB18030, UTF_8};

use crate::i18n::Msg;
use crate::i18n::import_msg::ImportMsg;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The encoding a file was read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decoded {
    pub encoding: &'static Encoding,
    /// A UTF-8 BOM was found (and dropped) at the start.
    pub had_bom: bool,
}

/// Why the bytes could not be decoded: the 1-based line of the first bad byte and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub line: u64,
    pub message: Msg,
}

/// The encodings `--encoding` accepts (case-insensitive; `utf8`, `utf16le`… also accepted).
pub const ENCODINGS: &[&str] = &["utf-8", "gbk", "gb18030", "utf-16le", "utf-16be"];

/// The encoding of an `--encoding` label: one of [`ENCODINGS`] (GBK reads as GB18030, its superset).
/// Anything else (`latin1`, `big5`, `shift_jis`…) is `None`: back-office exports are never in them.
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    let l = label.trim().to_ascii_lowercase().replace('_', "-");
    match l.as_str() {
        "utf-8" | "utf8" => Some(UTF_8),
        "gbk" => Some(encoding_rs::GBK),
        "gb18030" => Some(GB18030),
        "utf-16le" | "utf16le" => Some(encoding_rs::UTF_16LE),
        "utf-16be" | "utf16be" => Some(encoding_rs::UTF_16BE),
        _ => None,
    }
}

/// [`encoding_for_label`] with the error shown to the user: `unknown encoding "latin1"; use one
/// of utf-8, gbk, gb18030, utf-16le, utf-16be`.
pub fn parse_encoding(label: &str) -> Result<&'static Encoding, Msg> {
    encoding_for_label(label)
        .ok_or_else(|| Msg::UnknownEncoding { text: label.trim().to_string(), accepted: ENCODINGS })
}

/// Decodes `bytes` to text. A leading UTF-8 BOM is always dropped. With `forced`, the rest is decoded
/// with that encoding (GBK and GB2312 read as GB18030, their superset). Otherwise valid UTF-8 is
/// UTF-8 and anything else is GB18030; bytes valid in neither are an error naming the line.
/// UTF-16 files with a BOM (Excel's "Unicode text") are decoded as UTF-16.
pub fn decode<'a>(bytes: &'a [u8], forced: Option<&'static Encoding>) -> Result<(Cow<'a, str>, Decoded), DecodeError> {
    let (had_bom, rest) = match bytes.strip_prefix(UTF8_BOM) {
        Some(rest) => (true, rest),
        None => (false, bytes),
    };
    if let Some(enc) = forced {
        let enc = if enc == encoding_rs::GBK { GB18030 } else { enc };
        if enc == UTF_8 {
            return utf8(rest, bytes.len() - rest.len())
                .map(|t| (Cow::Borrowed(t), Decoded { encoding: UTF_8, had_bom }));
        }
        // a UTF-16 file forced as such may still start with its own BOM
        let rest = match Encoding::for_bom(bytes) {
            Some((e, n)) if e == enc && !had_bom => &bytes[n..],
            _ => rest,
        };
        return strict(rest, enc, bytes.len() - rest.len())
            .map(|t| (Cow::Owned(t), Decoded { encoding: enc, had_bom }));
    }
    if !had_bom && let Some((enc, bom_len)) = Encoding::for_bom(bytes).filter(|(e, _)| *e != UTF_8) {
        return strict(&bytes[bom_len..], enc, bom_len)
            .map(|t| (Cow::Owned(t), Decoded { encoding: enc, had_bom: false }));
    }
    if let Some(le) = utf16_without_bom(rest) {
        return Err(DecodeError { line: 1, message: Msg::Import(ImportMsg::Utf16WithoutBom { le }) });
    }
    match std::str::from_utf8(rest) {
        Ok(text) => Ok((Cow::Borrowed(text), Decoded { encoding: UTF_8, had_bom })),
        Err(_) => {
            if let Some((utf8_line, gbk_line)) = mixed_lines(rest) {
                return Err(DecodeError {
                    line: gbk_line.max(utf8_line),
                    message: Msg::Import(ImportMsg::MixedEncodings { utf8_line, gbk_line }),
                });
            }
            let text = strict(rest, GB18030, bytes.len() - rest.len()).map_err(|e| match e.message {
                Msg::InvalidBytes { encoding, byte } => {
                    DecodeError { message: Msg::NeitherUtf8NorGbk { encoding, byte }, ..e }
                }
                _ => e,
            })?;
            if let Some(line) = mostly_rare_gbk(rest) {
                let sjis = encoding_rs::SHIFT_JIS.decode_without_bom_handling_and_without_replacement(rest);
                let message = match sjis {
                    Some(t) if t.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)) => ImportMsg::LooksShiftJis,
                    _ => ImportMsg::NotChineseText { line },
                };
                return Err(DecodeError { line, message: Msg::Import(message) });
            }
            Ok((Cow::Owned(text), Decoded { encoding: GB18030, had_bom }))
        }
    }
}

/// Whether `bytes` (no BOM) look like UTF-16 text: NUL bytes on one parity of position (the high
/// bytes of ASCII characters) and hardly any on the other. `Some(true)` for little-endian.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let head = &bytes[..bytes.len().min(8192)];
    if head.len() < 8 {
        return None;
    }
    let zeros = |parity: usize| head.iter().skip(parity).step_by(2).filter(|b| **b == 0).count();
    let (even, odd) = (zeros(0), zeros(1));
    let half = head.len() / 2;
    if odd * 5 >= half && even * 50 <= half {
        Some(true)
    } else if even * 5 >= half && odd * 50 <= half {
        Some(false)
    } else {
        None
    }
}

/// For a file that is not UTF-8 as a whole: the first line that is UTF-8 Chinese and the first
/// line that is not UTF-8, when the file has both (two files pasted together).
fn mixed_lines(bytes: &[u8]) -> Option<(u64, u64)> {
    let (mut utf8, mut other) = (None, None);
    for (i, line) in bytes.split(|b| *b == b'\n').enumerate() {
        if line.is_ascii() {
            continue;
        }
        match std::str::from_utf8(line) {
            Ok(t) if t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) => {
                utf8.get_or_insert(i as u64 + 1);
            }
            Ok(_) => {}
            Err(_) => {
                other.get_or_insert(i as u64 + 1);
            }
        }
        if let (Some(u), Some(g)) = (utf8, other) {
            return Some((u, g));
        }
    }
    None
}

/// For bytes that decode as GB18030: the first line of a rare double-byte character when fewer
/// than half of the double-byte characters are in the common GB2312 area (hanzi A1–A9/B0–F7 lead
/// bytes, A1–FE trail bytes). Real GBK Chinese (names, headers, branches) is almost all common;
/// Shift-JIS or another encoding read as GBK is mostly rare.
fn mostly_rare_gbk(bytes: &[u8]) -> Option<u64> {
    let (mut common, mut rare, mut first_rare, mut line) = (0usize, 0usize, None, 1u64);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            line += 1;
        }
        if b < 0x80 {
            i += 1;
            continue;
        }
        let n = bytes.get(i + 1).copied().unwrap_or(0);
        if (0x30..=0x39).contains(&n) {
            rare += 1; // a four-byte GB18030 sequence
            first_rare.get_or_insert(line);
            i += 4;
            continue;
        }
        if ((0xA1..=0xA9).contains(&b) || (0xB0..=0xF7).contains(&b)) && n >= 0xA1 {
            common += 1;
        } else {
            rare += 1;
            first_rare.get_or_insert(line);
        }
        i += 2;
    }
    (common + rare >= 4 && rare > common).then(|| first_rare.unwrap_or(1))
}

fn utf8(bytes: &[u8], offset: usize) -> Result<&str, DecodeError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        DecodeError { line: line_of(bytes, at), message: Msg::NotUtf8 { byte: at + offset + 1 } }
    })
}

/// Decodes without replacement: a malformed sequence is an error with its line.
fn strict(bytes: &[u8], enc: &'static Encoding, offset: usize) -> Result<String, DecodeError> {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2 + 16);
    let mut pos = 0;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(&bytes[pos..], &mut out, true);
        pos += read;
        match result {
            DecoderResult::InputEmpty => return Ok(out),
            DecoderResult::OutputFull => out.reserve(bytes.len() - pos + 16),
            DecoderResult::Malformed(bad, extra) => {
                let at = pos.saturating_sub(bad as usize + extra as usize);
                return Err(DecodeError {
                    line: line_of(bytes, at),
                    message: Msg::InvalidBytes { encoding: enc.name(), byte: at + offset + 1 },
                });
            }
        }
    }
}

fn line_of(bytes: &[u8], at: usize) -> u64 {
    bytes[..at.min(bytes.len())].iter().filter(|b| **b == b'\n').count() as u64 + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let (t, d) = decode("资金账号,x\n".as_bytes(), None).unwrap();
        assert_eq!((t.as_ref(), d.encoding, d.had_bom), ("资金账号,x\n", UTF_8, false));
        let mut b = UTF8_BOM.to_vec();
        b.extend_from_slice("资金账号\n".as_bytes());
        let (t, d) = decode(&b, None).unwrap();
        assert_eq!((t.as_ref(), d.had_bom), ("资金账号\n", true));
    }

    #[test]
    fn gbk_with_and_without_bom() {
        let (gbk, _, _) = encoding_rs::GBK.encode("资金账号,客户姓名\n1,张三\n");
        let (t, d) = decode(&gbk, None).unwrap();
        assert_eq!((t.as_ref(), d.encoding), ("资金账号,客户姓名\n1,张三\n", GB18030));
        let mut b = UTF8_BOM.to_vec();
        b.extend_from_slice(&gbk);
        let (t, d) = decode(&b, None).unwrap();
        assert_eq!((t.as_ref(), d.encoding, d.had_bom), ("资金账号,客户姓名\n1,张三\n", GB18030, true));
    }

    #[test]
    fn forced_encoding_and_errors_name_the_line() {
        let (gbk, _, _) = encoding_rs::GBK.encode("a\n张三\n");
        let err = decode(&gbk, Some(UTF_8)).unwrap_err();
        assert_eq!(err.line, 2);
        let (t, _) = decode(&gbk, encoding_for_label("gbk")).unwrap();
        assert_eq!(t, "a\n张三\n");
        // 0x80 0xFF is valid in neither encoding (GB18030 reads 0x80 as €: byte 8, the 0xFF, is bad).
        let err = decode(b"a,b\nc\n\x80\xFF\n", None).unwrap_err();
        assert_eq!(err.line, 3);
        let en = err.message.render(crate::i18n::Lang::En);
        assert_eq!(en, "neither UTF-8 nor GBK/GB18030: bytes not valid in gb18030 at byte 8");
        assert_eq!(
            err.message.render(crate::i18n::Lang::Zh),
            "既不是 UTF-8 也不是 GBK/GB18030：第 8 字节在 gb18030 编码中无效"
        );
    }

    #[test]
    fn only_known_encodings_are_accepted() {
        assert_eq!(encoding_for_label(" GBK "), Some(encoding_rs::GBK));
        assert_eq!(encoding_for_label("UTF8"), Some(UTF_8));
        assert_eq!(encoding_for_label("gb18030"), Some(GB18030));
        assert_eq!(encoding_for_label("utf_16le"), Some(encoding_rs::UTF_16LE));
        for other in ["latin1", "big5", "shift_jis", "gb2312", "windows-1252", "utf-7", ""] {
            assert_eq!(encoding_for_label(other), None, "{other}");
        }
        assert_eq!(
            parse_encoding("latin1").map_err(|m| m.render(crate::i18n::Lang::En)),
            Err("unknown encoding \"latin1\"; use one of utf-8, gbk, gb18030, utf-16le, utf-16be".into())
        );
        assert_eq!(
            parse_encoding("latin1").unwrap_err().render(crate::i18n::Lang::Zh),
            "未知编码 \"latin1\"；可用：utf-8、gbk、gb18030、utf-16le、utf-16be"
        );
        // forced UTF-16 with its BOM
        let mut b = vec![0xFF, 0xFE];
        for u in "代码\n".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&b, encoding_for_label("utf-16le")).unwrap().0, "代码\n");
    }

    #[test]
    fn utf16_without_bom_is_told() {
        let mut le = Vec::new();
        let mut be = Vec::new();
        for u in "资金账号,统计日期\n310800100001,2025-08-26\n".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&le, None).unwrap_err().message, Msg::Import(ImportMsg::Utf16WithoutBom { le: true }));
        assert_eq!(decode(&be, None).unwrap_err().message, Msg::Import(ImportMsg::Utf16WithoutBom { le: false }));
        // forced, it reads
        assert_eq!(
            decode(&le, encoding_for_label("utf-16le")).unwrap().0,
            "资金账号,统计日期\n310800100001,2025-08-26\n"
        );
    }

    #[test]
    fn shift_jis_and_mixed_files_are_refused() {
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("顧客番号,氏名\n1,テスト太郎\n2,スズキ花子\n");
        let err = decode(&sjis, None).unwrap_err();
        assert_eq!(err.message, Msg::Import(ImportMsg::LooksShiftJis));
        let (gbk, _, _) = encoding_rs::GBK.encode("2,李四\n");
        let mut mixed = "资金账号,客户姓名\n1,张三\n".as_bytes().to_vec();
        mixed.extend_from_slice(&gbk);
        let err = decode(&mixed, None).unwrap_err();
        assert_eq!(err.message, Msg::Import(ImportMsg::MixedEncodings { utf8_line: 1, gbk_line: 3 }));
        assert_eq!(err.line, 3);
    }

    #[test]
    fn utf16_with_bom() {
        let mut b = vec![0xFF, 0xFE];
        for u in "代码\n".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&b, None).unwrap().0, "代码\n");
    }
}
