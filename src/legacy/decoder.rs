//! The per-document decoder: decides, piece by piece, whether text is
//! Unicode or in a legacy encoding, and decodes it.
//!
//! Evidence comes in three layers. A run of text whose words plainly read as
//! one encoding is decoded in it, whatever its font is called. A run too
//! short to tell (a word, a letter) follows its paragraph when the
//! paragraph's other runs tell. When neither tells, its font name decides
//! (`.VnTime` means TCVN3), and failing that, what the document's clear
//! paragraphs were in. Text with letters no legacy byte gives (ơ, ạ, CJK) is
//! Unicode, and so is every run of its paragraph not in a legacy font.

use super::guess::{Evidence, READINGS, SAMPLE_WORDS, is_plainly_unicode, reading_index};
use super::{FontRun, LegacyEncoding, LegacyFont, decode_chars, legacy_font};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

/// A piece of a paragraph: text with its font, or text the decoder must
/// pass through untouched (a note anchor, a tab, text already mapped to
/// Unicode such as a raised digit).
#[derive(Debug, Clone, Copy)]
pub enum Piece<'a> {
    Run(FontRun<'a>),
    Kept(&'a str),
}

/// Decodes the legacy Vietnamese text of one document, run by run and
/// paragraph by paragraph, and remembers what it decoded so that the
/// document's metadata can say so.
///
/// One decoder serves one document, fed in reading order: what its clear
/// paragraphs were in decides the paragraphs that are too short to tell.
/// Deterministic, and linear in the length of the text.
#[derive(Debug, Default)]
pub struct LegacyDecoder {
    fonts: BTreeSet<String>,
    encodings: BTreeSet<&'static str>,
    /// Words of clear paragraphs (at most [`SAMPLE_WORDS`] each), by reading
    /// ([`READINGS`]).
    document: [u32; 5],
}

/// Syllables of clear paragraphs in one legacy reading after which the
/// document is taken to be in it (see [`LegacyDecoder::judge`]).
const CONFIDENT_WORDS: u32 = 40;

/// Runs of one font, decided together.
struct Segment<'a> {
    font: Option<&'a str>,
    text: Cow<'a, str>,
    hint: Option<LegacyFont>,
    evidence: Evidence,
    unicode: bool,
}

impl LegacyDecoder {
    /// A decoder that has seen nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The Unicode text of one paragraph (or cell) made of `runs`: each run
    /// decoded from the legacy encoding its text (and font) shows, if any;
    /// symbol-font codes mapped to the characters they draw.
    pub fn decode_runs(&mut self, runs: &[FontRun<'_>]) -> String {
        let pieces: Vec<Piece> = runs.iter().map(|r| Piece::Run(*r)).collect();
        self.decode_pieces(&pieces)
    }

    /// Like [`decode_runs`](Self::decode_runs), with pieces kept as they are
    /// between the runs.
    pub fn decode_pieces(&mut self, pieces: &[Piece<'_>]) -> String {
        let mut items: Vec<Result<Segment, &str>> = Vec::new();
        for piece in pieces {
            match piece {
                Piece::Kept(text) => items.push(Err(text)),
                Piece::Run(run) => match items.last_mut() {
                    Some(Ok(segment)) if same_font(segment.font, run.font) => {
                        segment.text.to_mut().push_str(run.text)
                    }
                    _ => items.push(Ok(Segment::new(run.font, run.text))),
                },
            }
        }
        for segment in items.iter_mut().filter_map(|i| i.as_mut().ok()) {
            self.judge(segment);
        }
        let segments = || items.iter().filter_map(|i| i.as_ref().ok());
        let unicode_paragraph = segments().any(|s| s.unicode);
        let mut paragraph = Evidence::default();
        segments()
            .filter(|s| !s.unicode)
            .for_each(|s| paragraph.add(s.evidence));
        let paragraph_reading = paragraph.clear_reading();
        let mut out = String::new();
        let mut learned = [0u32; 5];
        for item in &items {
            let segment = match item {
                Err(kept) => {
                    out.push_str(kept);
                    continue;
                }
                Ok(segment) => segment,
            };
            let reading = self.reading(segment, unicode_paragraph, paragraph_reading);
            if let Some(i) = segment.evidence.clear_reading().filter(|&i| i == reading) {
                learned[i] += segment.evidence.syllables[i];
            } else if segment.unicode && reading == 0 {
                // Unicode text weighs as much as legacy text of as many words.
                let words = segment.text.split_whitespace().take(SAMPLE_WORDS).count();
                learned[0] += u32::try_from(words).unwrap_or(u32::MAX);
            }
            self.decode_segment_into(segment, READINGS[reading], &mut out);
        }
        for (total, words) in self.document.iter_mut().zip(learned) {
            *total += words;
        }
        out
    }

    /// The Unicode text of a piece of text no font is known for (a
    /// spreadsheet cell, a metadata field).
    pub fn decode_text(&mut self, text: &str) -> String {
        self.decode_runs(&[FontRun { text, font: None }])
    }

    /// Writes `legacy_fonts` (the legacy font names whose text was decoded)
    /// and `legacy_encodings` (the encodings decoded) into `meta`.
    pub fn report(&self, meta: &mut BTreeMap<String, String>) {
        let join = |items: Vec<&str>| items.join(", ");
        if !self.fonts.is_empty() {
            meta.insert(
                "legacy_fonts".into(),
                join(self.fonts.iter().map(String::as_str).collect()),
            );
        }
        if !self.encodings.is_empty() {
            meta.insert(
                "legacy_encodings".into(),
                join(self.encodings.iter().copied().collect()),
            );
        }
    }

    /// Weighs a segment's text, once all its runs are in. Once the document
    /// plainly reads one way, a segment is first weighed in that reading (and
    /// its font's) only: when that reading is plain there too, the others
    /// need not be tried, which keeps long legacy documents cheap.
    fn judge(&self, segment: &mut Segment) {
        segment.unicode = is_plainly_unicode(&segment.text);
        if segment.font.is_some_and(is_symbol_font) {
            return;
        }
        if segment.unicode {
            // Some files mix Unicode letters into legacy text ("tại QuyÕt
            // ®ịnh sè"): signs among letters tell them, no Unicode text has
            // those.
            if segment.text.chars().any(is_legacy_sign) {
                segment.evidence = Evidence::of(&segment.text);
            }
            return;
        }
        if let Some(document) = self
            .document_reading()
            .filter(|&d| d != 0 && self.document[d] >= CONFIDENT_WORDS)
        {
            let mut readings = [false; 5];
            readings[0] = true;
            readings[document] = true;
            if let Some(hint) = segment.hint {
                readings[reading_index(Some(hint.encoding))] = true;
            }
            let quick = Evidence::of_readings(&segment.text, readings);
            if quick.clear_reading() == Some(document) {
                segment.evidence = quick;
                return;
            }
        }
        segment.evidence = Evidence::of(&segment.text);
    }

    /// The encoding the document's clear paragraphs were mostly in (or
    /// Unicode), if any was clear.
    fn document_reading(&self) -> Option<usize> {
        let (best, words) = self
            .document
            .iter()
            .enumerate()
            .max_by_key(|(i, words)| (**words, std::cmp::Reverse(*i)))?;
        (*words > 0).then_some(best)
    }

    /// Index in [`READINGS`] of the reading a segment is decoded with.
    fn reading(
        &self,
        segment: &Segment,
        unicode_paragraph: bool,
        paragraph_reading: Option<usize>,
    ) -> usize {
        if segment.unicode {
            // Unicode, unless its other words plainly read as TCVN3 or VNI.
            let mixed = segment.evidence.clear_reading().filter(|&r| {
                matches!(
                    READINGS[r],
                    Some(LegacyEncoding::Tcvn3 | LegacyEncoding::Vni)
                )
            });
            return mixed.unwrap_or(0);
        }
        if !segment.evidence.marked {
            return 0;
        }
        let clear = segment.evidence.clear_reading();
        if unicode_paragraph {
            // Legacy text amid Unicode only when its font says so and its
            // words agree.
            return clear.filter(|_| segment.hint.is_some()).unwrap_or(0);
        }
        if let Some(reading) = clear {
            return reading;
        }
        // A short run in a named font that is no legacy font, whose words
        // already read as Vietnamese, stays as it is: "Ghi chú: " typed in
        // Arial before a TCVN3 run. Runs with no font name (cells, metadata)
        // still follow their paragraph and document.
        if segment.font.is_some() && segment.hint.is_none() && segment.evidence.reads_as_it_is() {
            return 0;
        }
        if let Some(reading) = paragraph_reading {
            return reading;
        }
        let named = segment.hint.map(|h| reading_index(Some(h.encoding)));
        segment
            .evidence
            .likely_reading(named, self.document_reading())
    }

    /// Appends a segment's text in `reading` to `out`, recording the font and
    /// encoding when it is decoded. Text left as it is is copied once: most
    /// documents are Unicode, and every paragraph of theirs comes here.
    fn decode_segment_into(
        &mut self,
        segment: &Segment,
        reading: Option<LegacyEncoding>,
        out: &mut String,
    ) {
        let uppercase = segment.hint.is_some_and(|h| h.uppercase);
        let Some(encoding) = reading else {
            let text = symbols_to_unicode(&segment.text, segment.font);
            // A capitals font draws ASCII in capitals too.
            let caps = uppercase && !segment.unicode && !segment.evidence.marked;
            // The soft-hyphen byte is a letter only in TCVN3 (ư); elsewhere
            // it is an invisible hyphenation point.
            let visible = text.split('\u{AD}');
            if caps {
                visible.for_each(|piece| out.push_str(&piece.to_uppercase()));
            } else {
                visible.for_each(|piece| out.push_str(piece));
            }
            return;
        };
        if let Some(font) = segment.font {
            self.fonts.insert(font.trim().to_string());
        }
        self.encodings.insert(encoding.name());
        let font = LegacyFont {
            encoding,
            uppercase: uppercase && encoding == LegacyEncoding::Tcvn3,
        };
        out.push_str(&decode_chars(
            &symbols_to_unicode(&segment.text, None),
            font,
        ));
    }
}

impl<'a> Segment<'a> {
    fn new(font: Option<&'a str>, text: &'a str) -> Self {
        Segment {
            font,
            text: Cow::Borrowed(text),
            hint: font.and_then(legacy_font),
            evidence: Evidence::default(),
            unicode: false,
        }
    }
}

/// Latin-1 signs that TCVN3 uses for letters (`¸` á, `µ` à, `®` đ, `×` ì)
/// and no word in Unicode has among its letters.
fn is_legacy_sign(c: char) -> bool {
    matches!(c, '\u{A1}'..='\u{BF}' | '×' | '÷')
}

fn same_font(a: Option<&str>, b: Option<&str>) -> bool {
    a.map(str::trim) == b.map(str::trim)
}

/// Fonts whose codes draw pictures or signs, not the letters of a code page.
fn is_symbol_font(font: &str) -> bool {
    let font = font.trim();
    let starts = |prefix: &str| {
        font.get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    font.eq_ignore_ascii_case("symbol")
        || starts("wingdings")
        || font.eq_ignore_ascii_case("webdings")
}

/// Text of a symbol font as the characters it draws, and symbol codes
/// (U+F020–U+F0FF) met in other fonts as the Symbol font's characters.
fn symbols_to_unicode<'t>(text: &'t str, font: Option<&str>) -> Cow<'t, str> {
    let symbol_font = font.filter(|f| is_symbol_font(f));
    let pua = |c: char| ('\u{F020}'..='\u{F0FF}').contains(&c);
    if symbol_font.is_none() && !text.chars().any(pua) {
        return Cow::Borrowed(text);
    }
    text.chars()
        .filter_map(|c| {
            let code = u32::from(c);
            let pua = (0xF020..=0xF0FF).contains(&code);
            match symbol_font {
                Some(font) if pua || (c > ' ' && code <= 0xFF) => {
                    crate::symbols::to_unicode(font, code)
                }
                None if pua => crate::symbols::to_unicode("Symbol", code),
                _ => Some(c),
            }
        })
        .collect::<String>()
        .into()
}

/// The Unicode text of the segments decoded so far would be wrong if a
/// segment is ever split from its paragraph: these tests check the layers.
#[cfg(test)]
mod tests {
    use super::*;

    fn run<'a>(text: &'a str, font: Option<&'a str>) -> FontRun<'a> {
        FontRun { text, font }
    }

    fn decode(text: &str) -> String {
        LegacyDecoder::new().decode_text(text)
    }

    #[test]
    fn fontless_text_is_decoded_by_content() {
        assert_eq!(
            decode("Céng hßa x· héi chñ nghÜa ViÖt Nam"),
            "Cộng hòa xã hội chủ nghĩa Việt Nam"
        );
        assert_eq!(
            decode("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"),
            "Cộng hòa xã hội chủ nghĩa Việt Nam"
        );
        assert_eq!(decode("QuyÕt ®Þnh"), "Quyết định");
        assert_eq!(decode("QUYEÁT ÑÒNH"), "QUYẾT ĐỊNH");
        assert_eq!(decode("®Þnh"), "định");
        assert_eq!(decode("Ñieàu 5"), "Điều 5");
    }

    #[test]
    fn long_passages_in_each_encoding() {
        let tcvn3 = "Uû ban nh©n d©n tØnh cã tr¸ch nhiÖm chØ ®¹o c¸c së, ban, ngµnh \
            thùc hiÖn kÕ ho¹ch n©ng cao chÊt l\u{ad}îng d©n sè vµ søc kháe sinh s¶n.";
        assert_eq!(
            decode(tcvn3),
            "Uỷ ban nhân dân tỉnh có trách nhiệm chỉ đạo các sở, ban, ngành \
             thực hiện kế hoạch nâng cao chất lượng dân số và sức khỏe sinh sản."
        );
        let vni = "UÛy ban nhaân daân tænh coù traùch nhieäm chæ ñaïo caùc sôû, ban, \
            ngaønh thöïc hieän keá hoaïch naâng cao chaát löôïng daân soá.";
        assert_eq!(
            decode(vni),
            "Ủy ban nhân dân tỉnh có trách nhiệm chỉ đạo các sở, ban, \
             ngành thực hiện kế hoạch nâng cao chất lượng dân số."
        );
        // VISCII and VPS bytes as the windows-1252 reading gives them.
        let viscii = "Ch\u{e6} Qu\u{af}c ng\u{e6} l\u{e0} h\u{ae} ch\u{e6} vi\u{aa}t";
        assert_eq!(decode(viscii), "Chữ Quốc ngữ là hệ chữ viết");
        let vps = "K\u{2030} ho\u{e5}ch ph\u{e1}t tri\u{2039}n c\u{fb}a c\u{e1}c huy\u{152}n \
            v\u{160} nh\u{bb}ng ng\u{dc}\u{a9}i d\u{e2}n t\u{b6}c \u{aa} v\u{f9}ng s\u{e2}u";
        assert_eq!(
            decode(vps),
            "Kế hoạch phát triển của các huyện về những người dân tộc ở vùng sâu"
        );
        let viscii = "K\u{aa} ho\u{d5}ch ph\u{e1}t tri\u{ac}n c\u{fc}a c\u{e1}c huy\u{ae}n";
        assert_eq!(decode(viscii), "Kế hoạch phát triển của các huyện");
    }

    #[test]
    fn unicode_and_foreign_text_is_left_alone() {
        for text in [
            "Kế hoạch hóa gia đình",
            "Michèle Debonneuil",
            "Études sur le développement",
            "Müller und Söhne, Straße",
            "cœur, où, à côté",
            "计划生育工作",
            "Family planning report 2024",
            "Các bà mẹ",
        ] {
            assert_eq!(decode(text), text);
        }
        // The same words in a legacy-named font: the font is a hint, the
        // Unicode letters decide.
        let mut decoder = LegacyDecoder::new();
        assert_eq!(
            decoder.decode_runs(&[run("Điều 1. Kế hoạch", Some(".VnTime"))]),
            "Điều 1. Kế hoạch"
        );
    }

    #[test]
    fn unknown_font_names_and_capitals() {
        let mut decoder = LegacyDecoder::new();
        let runs = [
            run("C«ng ty ", Some("VnSouthern(Ds)")),
            run("®iÖn lùc", Some("Times New Roman")),
            run(" mét thµnh viªn", None),
        ];
        assert_eq!(
            decoder.decode_runs(&runs),
            "Công ty điện lực một thành viên"
        );
        assert_eq!(
            decoder.decode_runs(&[run("ñy ban nh©n d©n", Some("VnArialH(Ds)"))]),
            "ỦY BAN NHÂN DÂN"
        );
        assert_eq!(
            decoder.decode_runs(&[run("quyÕt ®Þnh", Some(".Vn3DH"))]),
            "QUYẾT ĐỊNH"
        );
        let mut meta = BTreeMap::new();
        decoder.report(&mut meta);
        assert_eq!(meta["legacy_encodings"], "TCVN3");
        assert!(meta["legacy_fonts"].contains("VnArialH(Ds)"));
    }

    #[test]
    fn mixed_encodings_in_one_document_and_paragraph() {
        let mut decoder = LegacyDecoder::new();
        assert_eq!(
            decoder.decode_text("Céng hßa x· héi chñ nghÜa ViÖt Nam"),
            "Cộng hòa xã hội chủ nghĩa Việt Nam"
        );
        assert_eq!(
            decoder.decode_text("Ñoäc laäp - Töï do - Haïnh phuùc"),
            "Độc lập - Tự do - Hạnh phúc"
        );
        let runs = [
            run("Thµnh phè CÇn Th¬, ", Some("Arial")),
            run("ngaøy 15 thaùng 3 naêm 2008", Some("Tahoma")),
        ];
        assert_eq!(
            decoder.decode_runs(&runs),
            "Thành phố Cần Thơ, ngày 15 tháng 3 năm 2008"
        );
    }

    #[test]
    fn short_paragraphs_follow_the_document() {
        let mut decoder = LegacyDecoder::new();
        decoder.decode_text("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam");
        // "hoùa" is a syllable only in VNI, "chó" reads as itself too.
        assert_eq!(decoder.decode_text("chuù yù"), "chú ý");
        let mut tcvn3 = LegacyDecoder::new();
        tcvn3.decode_text("Céng hßa x· héi chñ nghÜa ViÖt Nam");
        assert_eq!(tcvn3.decode_text("Chó ý"), "Chú ý");
        assert_eq!(tcvn3.decode_text("xim¨ng poãcl¨ng"), "ximăng poóclăng");
        let mut unicode = LegacyDecoder::new();
        unicode.decode_text("Cộng hòa xã hội chủ nghĩa Việt Nam");
        assert_eq!(unicode.decode_text("Chó ý"), "Chó ý");
        // A quoted legacy paragraph does not turn a Unicode document.
        let mut mostly_unicode = LegacyDecoder::new();
        for _ in 0..3 {
            mostly_unicode.decode_text("Kế hoạch phát triển kinh tế xã hội của tỉnh năm 2025");
        }
        mostly_unicode.decode_text("Céng hßa x· héi chñ nghÜa ViÖt Nam");
        assert_eq!(mostly_unicode.decode_text("Chó ý"), "Chó ý");
    }

    #[test]
    fn symbol_codes_become_characters() {
        let mut decoder = LegacyDecoder::new();
        assert_eq!(
            decoder.decode_runs(&[run("\u{F0B7}", Some("Symbol")), run(" Muïc tieâu", None)]),
            "• Mục tiêu"
        );
        assert_eq!(decoder.decode_runs(&[run("\u{F053}", Some("Symbol"))]), "Σ");
        assert_eq!(
            decoder.decode_text("\u{F0B7} item \u{F0AE} next"),
            "• item → next"
        );
        assert_eq!(
            decoder.decode_runs(&[run("\u{F0FC}", Some("Wingdings"))]),
            "✓"
        );
    }

    #[test]
    fn runs_of_one_font_are_weighed_together() {
        let mut decoder = LegacyDecoder::new();
        let runs = [
            run("C", Some("Times New Roman")),
            run("éng hßa x· héi chñ nghÜa", Some("Times New Roman")),
        ];
        assert_eq!(decoder.decode_runs(&runs), "Cộng hòa xã hội chủ nghĩa");
    }

    #[test]
    fn a_vni_paragraph_in_a_long_tcvn3_document_is_still_found() {
        let mut decoder = LegacyDecoder::new();
        let tcvn3 = "Uû ban nh©n d©n tØnh cã tr¸ch nhiÖm chØ ®¹o c¸c së, ban, ngµnh \
            thùc hiÖn kÕ ho¹ch n©ng cao chÊt l\u{ad}îng d©n sè vµ søc kháe sinh s¶n.";
        for _ in 0..5 {
            decoder.decode_text(tcvn3);
        }
        assert_eq!(
            decoder.decode_text("Ñoäc laäp - Töï do - Haïnh phuùc"),
            "Độc lập - Tự do - Hạnh phúc"
        );
        assert_eq!(decoder.decode_text("Chó ý"), "Chú ý");
    }

    #[test]
    fn unicode_letters_typed_among_legacy_ones() {
        let mut decoder = LegacyDecoder::new();
        assert_eq!(
            decoder.decode_text("Phô lôc 3a tại QuyÕt ®ịnh sè 477/2004/Q§-NHNN ngµy 28/4/2004"),
            "Phụ lục 3a tại Quyết định số 477/2004/QĐ-NHNN ngày 28/4/2004"
        );
        // Unicode text with signs stays Unicode.
        assert_eq!(
            decoder.decode_text("Nhiệt độ 25° ± 2, tỷ lệ ½ «các bà mẹ»"),
            "Nhiệt độ 25° ± 2, tỷ lệ ½ «các bà mẹ»"
        );
    }

    #[test]
    fn kept_pieces_pass_through() {
        let mut decoder = LegacyDecoder::new();
        let pieces = [
            Piece::Run(run("Céng hßa", None)),
            Piece::Kept("¹"),
            Piece::Run(run(" x· héi", None)),
        ];
        assert_eq!(decoder.decode_pieces(&pieces), "Cộng hòa¹ xã hội");
    }

    #[test]
    fn a_unicode_run_in_a_named_font_keeps_its_words_beside_a_legacy_run() {
        let mut decoder = LegacyDecoder::new();
        let tcvn3 = run("Céng hßa x· héi chñ nghÜa ViÖt Nam", Some(".VnTime"));
        let runs = [run("Ghi chú: ", Some("Arial")), tcvn3];
        assert_eq!(
            decoder.decode_runs(&runs),
            "Ghi chú: Cộng hòa xã hội chủ nghĩa Việt Nam"
        );
        // With no font name, a word that reads either way follows the paragraph.
        let runs = [run("sè ", None), tcvn3];
        assert_eq!(
            decoder.decode_runs(&runs),
            "số Cộng hòa xã hội chủ nghĩa Việt Nam"
        );
    }
}
