//! Splits RTF bytes into tokens: group delimiters, control words with their
//! optional parameter, control symbols, `\'hh` bytes, `\binN` data and runs of
//! plain text. The tokenizer knows no destination or state beyond `\binN`,
//! whose data it must step over so that braces inside it are not read.

use crate::model::DocError;

/// Longest control word name the specification allows.
const MAX_WORD_LEN: usize = 32;
/// Digits kept of a numeric parameter; more would overflow an `i32`, and the
/// specification allows no more than a signed 16-bit value anyway.
const MAX_PARAM_DIGITS: usize = 10;

/// One lexical unit of an RTF file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token<'a> {
    /// `{`
    GroupStart,
    /// `}`
    GroupEnd,
    /// `\name` or `\nameN`: the name (ASCII letters) and the parameter, if any.
    Word { name: &'a str, param: Option<i32> },
    /// `\` followed by one character that is not a letter: `\~`, `\-`, `\*`,
    /// `\{`… (a line break after `\` is `\par`, and is given as that word).
    Symbol(u8),
    /// `\'hh`: one byte in the current font's code page.
    Byte(u8),
    /// The data of `\binN`, never text.
    Binary(&'a [u8]),
    /// Plain text bytes, without the line breaks the file is wrapped with.
    Text(&'a [u8]),
}

/// Iterates over the tokens of an RTF file; yields an error once when the
/// file ends inside `\binN` data, and then nothing.
pub struct Tokenizer<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Tokenizer<'a> {
    /// A tokenizer at the start of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        Tokenizer { bytes, at: 0 }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// The token after a backslash.
    fn control(&mut self) -> Result<Token<'a>, DocError> {
        let Some(first) = self.peek() else {
            // A lone backslash at the end of the file: nothing to read.
            return Ok(Token::Text(&[]));
        };
        if !first.is_ascii_alphabetic() {
            self.at += 1;
            return Ok(match first {
                b'\'' => self.hex_byte(),
                // `\` before a line break is an old spelling of `\par`.
                b'\r' | b'\n' => Token::Word {
                    name: "par",
                    param: None,
                },
                other => Token::Symbol(other),
            });
        }
        let start = self.at;
        while self.peek().is_some_and(|b| b.is_ascii_alphabetic()) && self.at - start < MAX_WORD_LEN
        {
            self.at += 1;
        }
        // Only ASCII letters were taken, so this is valid UTF-8.
        let name = std::str::from_utf8(&self.bytes[start..self.at]).unwrap_or_default();
        let param = self.parameter();
        if self.peek() == Some(b' ') {
            self.at += 1;
        }
        if name == "bin" {
            return self.binary(param.unwrap_or(0));
        }
        Ok(Token::Word { name, param })
    }

    /// The optional signed decimal parameter of a control word.
    fn parameter(&mut self) -> Option<i32> {
        let negative = self.peek() == Some(b'-')
            && self
                .bytes
                .get(self.at + 1)
                .is_some_and(|b| b.is_ascii_digit());
        if negative {
            self.at += 1;
        }
        let start = self.at;
        let mut value: i64 = 0;
        while let Some(digit) = self.peek().filter(u8::is_ascii_digit) {
            if self.at - start < MAX_PARAM_DIGITS {
                value = value * 10 + i64::from(digit - b'0');
            }
            self.at += 1;
        }
        if self.at == start {
            return None;
        }
        let value = if negative { -value } else { value };
        Some(value.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32)
    }

    /// `\'hh`; a malformed escape gives the byte of whatever hex digits there
    /// are (none: 0x3F, a question mark, as readers show an unknown char).
    fn hex_byte(&mut self) -> Token<'a> {
        let mut value: u8 = 0;
        let mut digits = 0;
        while digits < 2 {
            let Some(digit) = self.peek().and_then(|b| (b as char).to_digit(16)) else {
                break;
            };
            value = value * 16 + digit as u8;
            digits += 1;
            self.at += 1;
        }
        Token::Byte(if digits == 0 { b'?' } else { value })
    }

    /// The `count` bytes of `\binN` data.
    fn binary(&mut self, count: i32) -> Result<Token<'a>, DocError> {
        let count = usize::try_from(count).unwrap_or(0);
        let end = self
            .at
            .checked_add(count)
            .filter(|end| *end <= self.bytes.len())
            .ok_or_else(|| {
                DocError::corrupt(format!(
                    "RTF \\bin{count} at byte {} runs past the end of the file",
                    self.at
                ))
            })?;
        let data = &self.bytes[self.at..end];
        self.at = end;
        Ok(Token::Binary(data))
    }

    /// Plain text up to the next special byte.
    fn text(&mut self) -> Token<'a> {
        let start = self.at;
        while self
            .peek()
            .is_some_and(|b| !matches!(b, b'\\' | b'{' | b'}' | b'\r' | b'\n'))
        {
            self.at += 1;
        }
        Token::Text(&self.bytes[start..self.at])
    }
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Result<Token<'a>, DocError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let byte = self.peek()?;
            self.at += 1;
            return Some(match byte {
                b'{' => Ok(Token::GroupStart),
                b'}' => Ok(Token::GroupEnd),
                b'\\' => {
                    let token = self.control();
                    if token.is_err() {
                        // Nothing after broken binary data can be trusted.
                        self.at = self.bytes.len();
                    }
                    token
                }
                b'\r' | b'\n' => continue,
                _ => {
                    self.at -= 1;
                    Ok(self.text())
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(rtf: &str) -> Vec<Token<'_>> {
        Tokenizer::new(rtf.as_bytes())
            .collect::<Result<_, _>>()
            .unwrap()
    }

    fn word(name: &str, param: Option<i32>) -> Token<'_> {
        Token::Word { name, param }
    }

    #[test]
    fn control_words_take_a_parameter_and_one_delimiting_space() {
        assert_eq!(
            tokens(r"{\rtf1\b0 x\fs-24  y\par}"),
            [
                Token::GroupStart,
                word("rtf", Some(1)),
                word("b", Some(0)),
                Token::Text(b"x"),
                word("fs", Some(-24)),
                Token::Text(b" y"),
                word("par", None),
                Token::GroupEnd,
            ]
        );
    }

    #[test]
    fn a_word_ends_at_a_non_letter_and_a_hyphen_needs_a_digit() {
        assert_eq!(
            tokens(r"\tab;\li-x"),
            [
                word("tab", None),
                Token::Text(b";"),
                word("li", None),
                Token::Text(b"-x")
            ]
        );
    }

    #[test]
    fn symbols_hex_bytes_and_line_breaks() {
        assert_eq!(
            tokens("\\~\\'e9\\'A\\{a\r\nb\\\nc"),
            [
                Token::Symbol(b'~'),
                Token::Byte(0xE9),
                Token::Byte(0x0A),
                Token::Symbol(b'{'),
                Token::Text(b"a"),
                Token::Text(b"b"),
                word("par", None),
                Token::Text(b"c"),
            ]
        );
    }

    #[test]
    fn huge_parameters_saturate() {
        assert_eq!(
            tokens(r"\u99999999999999 \u-99999999999"),
            [word("u", Some(i32::MAX)), word("u", Some(i32::MIN))]
        );
    }

    #[test]
    fn binary_data_is_stepped_over_even_with_braces_in_it() {
        assert_eq!(
            tokens(r"{\bin3 }{\x}"),
            [
                Token::GroupStart,
                Token::Binary(b"}{\\"),
                Token::Text(b"x"),
                Token::GroupEnd,
            ]
        );
    }

    #[test]
    fn binary_data_past_the_end_is_an_error_and_stops_the_tokens() {
        let mut tokenizer = Tokenizer::new(br"{\bin99 abc}");
        assert_eq!(tokenizer.next(), Some(Ok(Token::GroupStart)));
        assert!(matches!(tokenizer.next(), Some(Err(e)) if e.message.contains("bin99")));
        assert_eq!(tokenizer.next(), None);
    }

    #[test]
    fn a_trailing_backslash_or_overlong_word_does_not_panic() {
        assert_eq!(tokens("a\\"), [Token::Text(b"a"), Token::Text(b"")]);
        let long = format!("\\{}", "x".repeat(40));
        assert_eq!(
            tokens(&long),
            [word(&"x".repeat(32), None), Token::Text(b"xxxxxxxx")]
        );
    }
}
