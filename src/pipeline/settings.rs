//! Everything that configures a [`Pipeline`], as plain values: what the
//! command line's options and the Python package's keyword arguments say.
//!
//! Promise: [`Settings`] carries the text of the user's files (glossaries,
//! SRX rules, document-type rules), never their paths, so the same pipeline
//! can be rebuilt from its serialized settings where those files do not
//! exist (a Spark or Ray worker), and gives the same records there.

use super::Pipeline;
use crate::encoding::ForcedEncoding;
use crate::extract::{MainText, ReadOptions};
use crate::facts::DocTypes;
use crate::glossary::Glossary;
use crate::input::UserFile;
use crate::model::Limits;
use crate::normalize::ToneStyle;
use crate::ocr::{DEFAULT_PAGE_TIME_LIMIT, Language, OcrMode, OcrOptions};
use crate::segment::Segmenter;
use crate::zh_variant::ZhVariant;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// A pipeline's configuration; [`Settings::default`] is the command line's
/// defaults. Sizes are in MiB, as the command line takes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Glossary TSV files; earlier files win on shared terms (`--glossary`).
    pub glossaries: Vec<UserFile>,
    /// SRX 2.0 files tried before the shipped rules (`--srx`).
    pub srx: Vec<UserFile>,
    /// Document-type rules extending the shipped ones (`--doc-types`).
    pub doc_types: Vec<UserFile>,
    pub vi_tone: ToneStyle,
    pub zh_variant: ZhVariant,
    pub whole_page: bool,
    pub main_text: MainText,
    /// An encoding label (`--encoding`): WHATWG or tcvn3, vni, viscii, vps.
    pub encoding: Option<String>,
    pub password: Option<String>,
    /// A regular expression on WARC record URLs (`--url-filter`).
    pub url_filter: Option<String>,
    pub max_file_mib: u64,
    pub max_inflated_mib: u64,
    pub max_record_mib: u64,
    /// When scanned pages are read by OCR (`--ocr`).
    pub ocr: OcrMode,
    /// The language of scanned pages (`--ocr-lang`); else found per page.
    pub ocr_lang: Option<Language>,
    /// The most seconds OCR may spend on one page (`--ocr-timeout`).
    pub ocr_timeout_s: u64,
}

impl Default for Settings {
    fn default() -> Self {
        let limits = Limits::default();
        Settings {
            glossaries: Vec::new(),
            srx: Vec::new(),
            doc_types: Vec::new(),
            vi_tone: ToneStyle::default(),
            zh_variant: ZhVariant::default(),
            whole_page: false,
            main_text: MainText::default(),
            encoding: None,
            password: None,
            url_filter: None,
            max_file_mib: limits.max_file_bytes >> 20,
            max_inflated_mib: limits.max_inflated_bytes >> 20,
            max_record_mib: limits.max_record_bytes >> 20,
            ocr: OcrMode::default(),
            ocr_lang: None,
            ocr_timeout_s: DEFAULT_PAGE_TIME_LIMIT.as_secs(),
        }
    }
}

impl Settings {
    /// The pipeline these settings describe; the error says which setting
    /// or file is wrong.
    pub fn pipeline(&self) -> Result<Pipeline, String> {
        let glossary = Glossary::from_files(&self.glossaries).map_err(|e| e.to_string())?;
        let srx: Vec<(String, String)> = self
            .srx
            .iter()
            .map(|file| (file.name.clone(), file.text.clone()))
            .collect();
        let segmenter = Segmenter::with_files(&srx).map_err(|e| e.to_string())?;
        self.pipeline_with(glossary, segmenter)
    }

    /// The pipeline these settings describe, with a glossary and sentence
    /// rules already compiled (their files in these settings are not read).
    pub fn pipeline_with(
        &self,
        glossary: Glossary,
        segmenter: Segmenter,
    ) -> Result<Pipeline, String> {
        let mut doc_types = DocTypes::default();
        for file in &self.doc_types {
            let extra = DocTypes::parse(&file.text).map_err(|e| format!("{}: {e}", file.name))?;
            doc_types.extend(extra);
        }
        let encoding = match &self.encoding {
            Some(label) => Some(label.parse::<ForcedEncoding>()?),
            None => None,
        };
        let url_filter = match &self.url_filter {
            Some(pattern) => Some(
                regex::Regex::new(pattern)
                    .map_err(|e| format!("url filter: not a regular expression: {e}"))?,
            ),
            None => None,
        };
        let mib = |size: u64| size.saturating_mul(1 << 20);
        Ok(Pipeline {
            glossary: if self.zh_variant.matches_across() {
                glossary.across_zh_variants()
            } else {
                glossary
            },
            limits: Limits {
                max_file_bytes: mib(self.max_file_mib),
                max_inflated_bytes: mib(self.max_inflated_mib),
                max_record_bytes: mib(self.max_record_mib),
                ..Limits::default()
            },
            read: ReadOptions {
                password: self.password.clone(),
                whole_page: self.whole_page,
                encoding,
                url_filter,
                main_text: self.main_text,
                ocr: OcrOptions {
                    mode: self.ocr,
                    language: self.ocr_lang,
                    page_time_limit: Duration::from_secs(self.ocr_timeout_s.max(1)),
                },
            },
            vi_tone: self.vi_tone,
            zh_variant: self.zh_variant,
            segmenter,
            doc_types,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_survive_serialization_and_build_the_same_pipeline() {
        let settings = Settings {
            glossaries: vec![UserFile {
                name: "g.tsv".into(),
                text: "id\tvi\tzh\nt1\tdân số\t人口\n".into(),
            }],
            vi_tone: ToneStyle::Old,
            zh_variant: ZhVariant::Match,
            encoding: Some("tcvn3".into()),
            max_file_mib: 3,
            ..Settings::default()
        };
        let json = serde_json::to_string(&settings).unwrap();
        let back: Settings = serde_json::from_str(&json).unwrap();
        assert_eq!(back, settings);
        let pipeline = back.pipeline().unwrap();
        assert_eq!(pipeline.limits.max_file_bytes, 3 << 20);
        assert_eq!(pipeline.glossary.len(), 1);
        let text = "Dân số và phát triển.".as_bytes();
        let a = settings.pipeline().unwrap().process_bytes(text, "a.txt");
        let b = pipeline.process_bytes(text, "a.txt");
        assert_eq!(a.to_json_line(), b.to_json_line());
    }

    #[test]
    fn a_wrong_setting_is_named() {
        let wrong = |settings: Settings| settings.pipeline().unwrap_err();
        let encoding = wrong(Settings {
            encoding: Some("klingon".into()),
            ..Settings::default()
        });
        assert!(encoding.contains("klingon"), "{encoding}");
        let filter = wrong(Settings {
            url_filter: Some("(".into()),
            ..Settings::default()
        });
        assert!(filter.contains("url filter"), "{filter}");
        let glossary = wrong(Settings {
            glossaries: vec![UserFile {
                name: "bad.tsv".into(),
                text: "no header here".into(),
            }],
            ..Settings::default()
        });
        assert!(glossary.contains("bad.tsv"), "{glossary}");
        assert!("sideways".parse::<ToneStyle>().is_err());
        assert_eq!("match".parse::<ZhVariant>(), Ok(ZhVariant::Match));
        assert_eq!("off".parse::<MainText>(), Ok(MainText::Off));
    }
}
