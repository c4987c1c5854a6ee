//! Opening PDFs: lopdf loads and decrypts (standard security handler: RC4
//! 40/128, AES-128, AES-256 R5/R6); this module chooses the password, maps
//! lopdf's errors to ours and works around one gap.
//!
//! The gap: lopdf only finds an encryption dictionary that the trailer
//! references indirectly, while the specification also allows it inline
//! (`/Encrypt << … >>`, as some producers write it). Such a file is opened by
//! appending an incremental update — the same dictionary as an indirect
//! object and a trailer pointing at it — and loading that instead. The
//! original bytes are not changed, only extended in memory.

use crate::model::{DocError, ErrorKind, Limits};
use lopdf::{Dictionary, Document, LoadOptions, Object};
use std::io::Write;

/// Loads `bytes`, decrypting with the empty user password or else with
/// `password`. Errors: `encrypted` when neither opens the file (the message
/// says whether a password is needed or the one given is wrong), `too_large`
/// when a stream inflates past the limit, `corrupt` when lopdf cannot read it.
pub fn open(bytes: &[u8], limits: &Limits, password: Option<&str>) -> Result<Document, DocError> {
    let doc = load(bytes, limits, None, password)?;
    let inline_encrypt = match doc.trailer.get(b"Encrypt") {
        Ok(Object::Dictionary(dict)) => Some(dict.clone()),
        Ok(_) => None,
        Err(_) => return Ok(doc),
    };
    let doc = match inline_encrypt {
        Some(dict) => {
            let patched = with_indirect_encrypt(bytes, &doc.trailer, &dict)
                .ok_or_else(|| needs_password(password))?;
            match load(&patched, limits, None, password)? {
                doc if !doc.trailer.has(b"Encrypt") => doc,
                _ => load(&patched, limits, password, password)?,
            }
        }
        None if password.is_some() => load(bytes, limits, password, password)?,
        None => doc,
    };
    // lopdf leaves /Encrypt in the trailer when no password opened the file.
    if doc.trailer.has(b"Encrypt") {
        return Err(needs_password(password));
    }
    Ok(doc)
}

fn load(
    bytes: &[u8],
    limits: &Limits,
    try_password: Option<&str>,
    given_password: Option<&str>,
) -> Result<Document, DocError> {
    let options = LoadOptions {
        password: try_password.map(str::to_owned),
        max_decompressed_size: Some(
            usize::try_from(limits.max_inflated_bytes).unwrap_or(usize::MAX),
        ),
        ..LoadOptions::default()
    };
    Document::load_mem_with_options(bytes, options).map_err(|e| match e {
        lopdf::Error::InvalidPassword
        | lopdf::Error::Decryption(_)
        | lopdf::Error::UnsupportedSecurityHandler(_) => needs_password(given_password),
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
            DocError::too_large(format!(
                "PDF has a stream larger than {} bytes when decompressed",
                limits.max_inflated_bytes
            ))
        }
        e => DocError::corrupt(format!("not a readable PDF: {e}")),
    })
}

fn needs_password(given: Option<&str>) -> DocError {
    DocError::new(
        ErrorKind::Encrypted,
        match given {
            None => {
                "PDF is encrypted and needs a password to open (the empty password does not work); give it with --password"
            }
            Some(_) => "PDF is encrypted and the password given does not open it",
        },
    )
}

/// `bytes` followed by an incremental update that stores `encrypt` as a new
/// indirect object and repeats `trailer` with `/Encrypt` pointing at it;
/// `None` when the file has no `startxref` to chain to.
fn with_indirect_encrypt(
    bytes: &[u8],
    trailer: &Dictionary,
    encrypt: &Dictionary,
) -> Option<Vec<u8>> {
    let previous_xref = last_startxref(bytes)?;
    let size = trailer
        .get(b"Size")
        .and_then(Object::as_i64)
        .ok()
        .filter(|&n| (1..=8_388_607).contains(&n))?;
    let mut out = bytes.to_vec();
    out.extend_from_slice(b"\n");
    let object_offset = out.len();
    writeln!(out, "{size} 0 obj").ok()?;
    write_object(&mut out, &Object::Dictionary(encrypt.clone()));
    out.extend_from_slice(b"\nendobj\n");
    let xref_offset = out.len();
    write!(
        out,
        "xref\n{size} 1\n{object_offset:010} 00000 n \ntrailer\n"
    )
    .ok()?;
    let mut new_trailer = trailer.clone();
    new_trailer.set("Encrypt", Object::Reference((size as u32, 0)));
    new_trailer.set("Size", Object::Integer(size + 1));
    new_trailer.set("Prev", Object::Integer(previous_xref as i64));
    new_trailer.remove(b"XRefStm");
    write_object(&mut out, &Object::Dictionary(new_trailer));
    write!(out, "\nstartxref\n{xref_offset}\n%%EOF\n").ok()?;
    Some(out)
}

/// The offset after the last `startxref` keyword.
fn last_startxref(bytes: &[u8]) -> Option<u64> {
    let tail_start = bytes.len().saturating_sub(4096);
    let tail = &bytes[tail_start..];
    let at = memchr::memmem::rfind(tail, b"startxref")? + b"startxref".len();
    let digits: String = tail[at..]
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take_while(|b| b.is_ascii_digit())
        .map(|&b| b as char)
        .collect();
    digits.parse().ok()
}

/// Serializes the direct objects an encryption dictionary and a trailer
/// hold; strings are written in hex so that binary keys survive.
fn write_object(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Integer(n) => out.extend_from_slice(n.to_string().as_bytes()),
        Object::Real(r) => out.extend_from_slice(format!("{r}").as_bytes()),
        Object::Name(name) => write_name(out, name),
        Object::String(bytes, _) => {
            out.push(b'<');
            for b in bytes {
                out.extend_from_slice(format!("{b:02X}").as_bytes());
            }
            out.push(b'>');
        }
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                write_object(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => {
            out.extend_from_slice(b"<<");
            for (key, value) in dict.iter() {
                write_name(out, key);
                out.push(b' ');
                write_object(out, value);
                out.push(b'\n');
            }
            out.extend_from_slice(b">>");
        }
        Object::Reference((number, generation)) => {
            out.extend_from_slice(format!("{number} {generation} R").as_bytes());
        }
        // Encryption dictionaries and trailers hold no streams.
        Object::Stream(_) => out.extend_from_slice(b"null"),
    }
}

fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &b in name {
        if b.is_ascii_alphanumeric() || b"-_.+*'".contains(&b) {
            out.push(b);
        } else {
            out.extend_from_slice(format!("#{b:02X}").as_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn startxref_is_found_at_the_end() {
        assert_eq!(
            last_startxref(b"%PDF\n...\nstartxref\n 1234\n%%EOF\n"),
            Some(1234)
        );
        assert_eq!(last_startxref(b"%PDF no xref"), None);
    }

    #[test]
    fn dictionaries_serialize_with_hex_strings_and_escaped_names() {
        let mut dict = Dictionary::new();
        dict.set("Filter", Object::Name(b"Standard".to_vec()));
        dict.set("O", Object::string_literal(vec![0u8, 0xFF, b')']));
        dict.set(
            "A B",
            Object::Array(vec![Object::Integer(-4), Object::Boolean(true)]),
        );
        let mut out = Vec::new();
        write_object(&mut out, &Object::Dictionary(dict));
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("/Filter /Standard"), "{text}");
        assert!(text.contains("/O <00FF29>"), "{text}");
        assert!(text.contains("/A#20B [-4 true]"), "{text}");
    }
}
