//! Small helpers over lopdf objects shared by the extractor's modules.

use super::filters;
use lopdf::{Document, Object, Stream};

/// The value of a numeric object, if it is a finite number.
pub fn number(object: &Object) -> Option<f64> {
    match object {
        Object::Integer(n) => Some(*n as f64),
        Object::Real(r) if r.is_finite() => Some(f64::from(*r)),
        _ => None,
    }
}

/// Why a stream's data could not be had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreamError {
    /// It decodes to more than the limit (`--max-inflated-size`).
    OverLimit,
    /// A filter failed or is not supported.
    Undecodable,
}

/// The decoded data of `stream`, at most `limit` bytes.
///
/// `/Filter` and `/DecodeParms` may be indirect objects, which lopdf's
/// decoder does not follow, and may use the abbreviated names of inline
/// images (`/Fl`, `/DP`…), which it does not know, so both are put right
/// here first.
pub fn stream_data(doc: &Document, stream: &Stream, limit: usize) -> Result<Vec<u8>, StreamError> {
    const KEYS: [&[u8]; 4] = [b"Filter", b"DecodeParms", b"F", b"DP"];
    let indirect = KEYS.into_iter().any(|key| match stream.dict.get(key) {
        Ok(Object::Reference(_)) => true,
        Ok(Object::Array(items)) => items.iter().any(|i| matches!(i, Object::Reference(_))),
        _ => false,
    });
    if !indirect && !filters::has_abbreviations(&stream.dict) {
        return stream
            .decompressed_content_with_limit(limit)
            .map_err(stream_error);
    }
    let mut resolved = stream.clone();
    for key in KEYS {
        if let Ok(value) = stream.dict.get(key) {
            resolved.dict.set(key, resolve(doc, value));
        }
    }
    filters::spell_out(&mut resolved.dict);
    resolved
        .decompressed_content_with_limit(limit)
        .map_err(stream_error)
}

fn stream_error(error: lopdf::Error) -> StreamError {
    match error {
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
            StreamError::OverLimit
        }
        _ => StreamError::Undecodable,
    }
}

/// `object` with references at its top level and in a top-level array
/// replaced by what they point to.
fn resolve(doc: &Document, object: &Object) -> Object {
    let deref = |o: &Object| doc.dereference(o).map_or(Object::Null, |(_, o)| o.clone());
    match deref(object) {
        Object::Array(items) => Object::Array(items.iter().map(deref).collect()),
        other => other,
    }
}
