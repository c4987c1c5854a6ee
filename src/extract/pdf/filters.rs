//! Abbreviated filter names on streams.
//!
//! PDF 32000-1 (Table 94) gives filters short names for inline images:
//! `/AHx`, `/A85`, `/LZW`, `/Fl`, `/RL`, `/CCF`, `/DCT`, with `/F` for
//! `/Filter` and `/DP` for `/DecodeParms`. Some producers (pdfFactory)
//! write them on ordinary streams too, and lopdf's decoder knows only the
//! full names, so the text of such pages was lost. [`spell_out`] rewrites
//! a stream dictionary with the full names; lopdf then decodes it within
//! the caller's limit, LZW included (`/EarlyChange`, and the same
//! predictors as Flate).
//!
//! Inline images need nothing here: the content parser does not decode
//! their data but skips to the `EI` that ends it, whatever their filters.

use lopdf::{Dictionary, Object};

/// The full name of filter `name`: an abbreviation spelled out, any other
/// name as it is.
pub fn full_filter_name(name: &[u8]) -> &[u8] {
    match name {
        b"AHx" => b"ASCIIHexDecode",
        b"A85" => b"ASCII85Decode",
        b"LZW" => b"LZWDecode",
        b"Fl" => b"FlateDecode",
        b"RL" => b"RunLengthDecode",
        b"CCF" => b"CCITTFaxDecode",
        b"DCT" => b"DCTDecode",
        other => other,
    }
}

/// True when `dict` names a filter or its parameters in a way lopdf does
/// not read: an abbreviated filter name, `/DP` without `/DecodeParms`, or
/// `/F` holding filter names without `/Filter`.
pub fn has_abbreviations(dict: &Dictionary) -> bool {
    let abbreviated = |object: &Object| match object {
        Object::Name(name) => full_filter_name(name) != name.as_slice(),
        Object::Array(items) => items.iter().any(
            |item| matches!(item, Object::Name(name) if full_filter_name(name) != name.as_slice()),
        ),
        _ => false,
    };
    let filter = match dict.get(b"Filter") {
        Ok(filter) => abbreviated(filter),
        Err(_) => filter_names_under_f(dict).is_some(),
    };
    filter || (dict.has(b"DP") && !dict.has(b"DecodeParms"))
}

/// `/F`'s value when it holds filter names (a name or an array of names).
/// On a stream `/F` is otherwise a file specification, a string or a
/// dictionary, never a name, so the two cannot be confused.
fn filter_names_under_f(dict: &Dictionary) -> Option<&Object> {
    let value = dict.get(b"F").ok()?;
    let names = match value {
        Object::Name(_) => true,
        Object::Array(items) => {
            !items.is_empty() && items.iter().all(|i| matches!(i, Object::Name(_)))
        }
        _ => false,
    };
    names.then_some(value)
}

/// Rewrites `dict` so that lopdf can decode its stream: filter names in
/// full under `/Filter`, parameters under `/DecodeParms`.
pub fn spell_out(dict: &mut Dictionary) {
    let filter = match dict.get(b"Filter") {
        Ok(filter) => Some(filter.clone()),
        Err(_) => filter_names_under_f(dict).cloned(),
    };
    if let Some(filter) = filter {
        dict.set("Filter", full_names(filter));
    }
    if !dict.has(b"DecodeParms")
        && let Ok(params) = dict.get(b"DP")
    {
        dict.set("DecodeParms", params.clone());
    }
}

/// `filter` (a name or an array of names) with each name in full.
fn full_names(filter: Object) -> Object {
    let spell = |object: Object| match object {
        Object::Name(name) => Object::Name(full_filter_name(&name).to_vec()),
        other => other,
    };
    match filter {
        Object::Array(items) => Object::Array(items.into_iter().map(spell).collect()),
        other => spell(other),
    }
}

#[cfg(test)]
mod tests {
    use super::super::objects::stream_data;
    use super::*;
    use lopdf::{Document, Stream, dictionary};

    #[test]
    fn every_abbreviation_has_its_full_name() {
        for (short, full) in [
            ("AHx", "ASCIIHexDecode"),
            ("A85", "ASCII85Decode"),
            ("LZW", "LZWDecode"),
            ("Fl", "FlateDecode"),
            ("RL", "RunLengthDecode"),
            ("CCF", "CCITTFaxDecode"),
            ("DCT", "DCTDecode"),
        ] {
            assert_eq!(full_filter_name(short.as_bytes()), full.as_bytes());
            assert_eq!(full_filter_name(full.as_bytes()), full.as_bytes());
        }
        assert_eq!(full_filter_name(b"JBIG2Decode"), b"JBIG2Decode");
    }

    #[test]
    fn names_arrays_and_parameters_are_spelled_out() {
        let mut dict = dictionary! {
            "Filter" => vec![Object::Name(b"AHx".to_vec()), Object::Name(b"Fl".to_vec())],
            "DP" => vec![Object::Null, Object::Dictionary(dictionary! { "Predictor" => 12 })],
        };
        assert!(has_abbreviations(&dict));
        spell_out(&mut dict);
        assert!(!has_abbreviations(&dict));
        let names: Vec<&[u8]> = dict
            .get(b"Filter")
            .and_then(Object::as_array)
            .unwrap()
            .iter()
            .map(|n| n.as_name().unwrap())
            .collect();
        assert_eq!(names, [b"ASCIIHexDecode".as_slice(), b"FlateDecode"]);
        assert!(dict.has(b"DecodeParms"));

        let mut under_f = dictionary! { "F" => "LZW" };
        assert!(has_abbreviations(&under_f));
        spell_out(&mut under_f);
        assert_eq!(
            under_f.get(b"Filter").and_then(Object::as_name).unwrap(),
            b"LZWDecode"
        );

        let file_spec = dictionary! { "F" => Object::string_literal("data.bin") };
        assert!(!has_abbreviations(&file_spec));
        assert!(!has_abbreviations(
            &dictionary! { "Filter" => "FlateDecode" }
        ));
    }

    /// The decoded data of a stream of `content` with dictionary `dict`.
    fn decode(dict: Dictionary, content: Vec<u8>, limit: usize) -> Option<Vec<u8>> {
        stream_data(&Document::new(), &Stream::new(dict, content), limit).ok()
    }

    #[test]
    fn abbreviated_flate_and_hex_streams_decode() {
        let page = b"BT (Hello) Tj ET\n".repeat(20);
        let mut stream = Stream::new(Dictionary::new(), page.clone());
        stream.compress().unwrap();
        assert_eq!(
            stream
                .dict
                .get(b"Filter")
                .and_then(Object::as_name)
                .unwrap(),
            b"FlateDecode"
        );
        let deflated = stream.content;
        let flate = decode(dictionary! { "Filter" => "Fl" }, deflated.clone(), 1 << 20);
        assert_eq!(flate.as_deref(), Some(page.as_slice()));
        let hex: Vec<u8> = deflated
            .iter()
            .flat_map(|b| format!("{b:02X}").into_bytes())
            .collect();
        let chain = dictionary! {
            "Filter" => vec![Object::Name(b"AHx".to_vec()), Object::Name(b"Fl".to_vec())],
        };
        let chained = decode(chain, [hex, b">".to_vec()].concat(), 1 << 20);
        assert_eq!(chained.as_deref(), Some(page.as_slice()));
        let rle = decode(
            dictionary! { "Filter" => "RL" },
            vec![2, b'a', b'b', b'c', 254, b'x', 128],
            64,
        );
        assert_eq!(rle.as_deref(), Some(b"abcxxx".as_slice()));
    }

    /// LZW codes of `data` as PDF 32000-1 7.4.4 writes them, most
    /// significant bit first: a clear code, the codes, the end of data.
    ///
    /// A reader adds each table entry one code after the writer does, so
    /// the writer widens its codes when its next free entry reaches 512
    /// (1024, 2048) with early change, one entry later without. With
    /// `clear_when_full` false the table is never reset: once full, the
    /// writer keeps writing 12-bit codes and adds no entries.
    fn lzw_encode(data: &[u8], early_change: bool, clear_when_full: bool) -> Vec<u8> {
        use std::collections::HashMap;
        let mut out = BitWriter::default();
        let mut table: HashMap<Vec<u8>, u16> = HashMap::new();
        let mut next = 258u16;
        let width = |next: u16| -> u32 {
            let reach = u32::from(next) - 1 + u32::from(early_change);
            (9..=12).find(|w| reach < (1 << w)).unwrap_or(12)
        };
        out.put(256, 9);
        let mut current: Vec<u8> = Vec::new();
        for &byte in data {
            let mut longer = current.clone();
            longer.push(byte);
            if longer.len() == 1 || table.contains_key(&longer) {
                current = longer;
                continue;
            }
            out.put(lzw_code(&table, &current), width(next));
            if next < 4094 {
                table.insert(longer, next);
                next += 1;
            } else if clear_when_full {
                out.put(256, width(next));
                table.clear();
                next = 258;
            }
            current = vec![byte];
        }
        if !current.is_empty() {
            out.put(lzw_code(&table, &current), width(next));
            next += 1;
        }
        out.put(257, width(next));
        out.bytes()
    }

    fn lzw_code(table: &std::collections::HashMap<Vec<u8>, u16>, string: &[u8]) -> u16 {
        match string {
            [byte] => u16::from(*byte),
            _ => table[string],
        }
    }

    #[derive(Default)]
    struct BitWriter {
        bytes: Vec<u8>,
        bits: u32,
        count: u32,
    }

    impl BitWriter {
        fn put(&mut self, code: u16, width: u32) {
            self.bits = (self.bits << width) | u32::from(code);
            self.count += width;
            while self.count >= 8 {
                self.count -= 8;
                self.bytes.push((self.bits >> self.count) as u8);
                self.bits &= (1 << self.count) - 1;
            }
        }

        fn bytes(mut self) -> Vec<u8> {
            if self.count > 0 {
                self.bytes.push((self.bits << (8 - self.count)) as u8);
            }
            self.bytes
        }
    }

    /// Text long and varied enough to fill the code table several times.
    fn sample_text() -> Vec<u8> {
        let alphabet = b"BT /F1 12 Tf (Ke hoach) Tj ET 0123456789";
        let mut state = 12345u32;
        (0..40_000)
            .map(|_| {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
                alphabet[(state >> 16) as usize % alphabet.len()]
            })
            .collect()
    }

    #[test]
    fn lzw_decodes_the_example_of_the_pdf_specification() {
        // PDF 32000-1 7.4.4.2: 45 45 45 45 45 65 45 45 45 66.
        let encoded = vec![0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85, 0x01];
        let decoded = decode(dictionary! { "Filter" => "LZW" }, encoded.clone(), 1 << 10);
        let expected = [0x2D, 0x2D, 0x2D, 0x2D, 0x2D, 0x41, 0x2D, 0x2D, 0x2D, 0x42];
        assert_eq!(decoded.as_deref(), Some(expected.as_slice()));
        assert_eq!(lzw_encode(&expected, true, true), encoded);
    }

    #[test]
    fn lzw_follows_early_change_both_ways() {
        let text = sample_text();
        for early in [true, false] {
            let encoded = lzw_encode(&text, early, true);
            let params = dictionary! { "EarlyChange" => i64::from(early) };
            let dict = dictionary! { "Filter" => "LZW", "DecodeParms" => params };
            let decoded = decode(dict, encoded, 1 << 20);
            assert!(
                decoded.as_deref() == Some(text.as_slice()),
                "early change {early}: {:?} bytes",
                decoded.map(|d| d.len())
            );
        }
        // The default is early change.
        let decoded = decode(
            dictionary! { "Filter" => "LZW" },
            lzw_encode(&text, true, true),
            1 << 20,
        );
        assert!(decoded.as_deref() == Some(text.as_slice()));
    }

    #[test]
    fn lzw_with_a_predictor_and_abbreviated_parameters() {
        // PNG Up predictor, rows of 4 bytes: each row adds 1 to the one above.
        let rows: Vec<u8> = [[2u8, 1, 2, 3, 4], [2, 1, 1, 1, 1], [2, 1, 1, 1, 1]].concat();
        let dict = dictionary! {
            "Filter" => "LZW",
            "DP" => dictionary! { "Predictor" => 12, "Columns" => 4 },
        };
        let decoded = decode(dict, lzw_encode(&rows, true, true), 1 << 10);
        assert_eq!(
            decoded.as_deref(),
            Some([1u8, 2, 3, 4, 2, 3, 4, 5, 3, 4, 5, 6].as_slice())
        );
    }

    #[test]
    fn lzw_damage_and_bombs_stay_bounded() {
        let lzw = || dictionary! { "Filter" => "LZW" };
        let text = sample_text();
        // A writer that never clears its full table goes on with 12-bit
        // codes and no new entries; readers follow it.
        let overflowing = decode(lzw(), lzw_encode(&text, true, false), 1 << 20);
        assert!(overflowing.as_deref() == Some(text.as_slice()));
        // Data cut short gives what it holds: a prefix of the text.
        let encoded = lzw_encode(&text, true, true);
        for cut in [0, 1, encoded.len() / 3, encoded.len() - 1] {
            let data = decode(lzw(), encoded[..cut].to_vec(), 1 << 20).unwrap_or_default();
            assert!(text.starts_with(&data), "cut at {cut}");
            if cut == encoded.len() / 3 {
                assert!(
                    data.len() > text.len() / 4,
                    "cut at {cut}: {} bytes",
                    data.len()
                );
            }
        }
        // Past the limit, nothing.
        let zeros = lzw_encode(&vec![0; 1 << 16], true, true);
        assert_eq!(decode(lzw(), zeros, 1000), None);
    }
}
