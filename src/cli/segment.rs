//! `plangloss segment`: paragraphs in, one sentence per line out.

use super::{Outcome, write_stdout};
use crate::input::{MAX_USER_FILE_BYTES, read_all_limited, read_user_text};
use crate::model::Lang;
use crate::segment::{Segmenter, segment_paragraphs};
use clap::ValueEnum;
use std::path::PathBuf;

#[derive(Clone, Copy, ValueEnum)]
pub enum LangArg {
    Vi,
    Zh,
    Auto,
}

/// Runs `segment`.
pub fn run(lang: LangArg, srx: &[PathBuf], file: Option<PathBuf>) -> Outcome {
    let segmenter = Segmenter::load(srx).map_err(|e| e.to_string())?;
    let input = match &file {
        Some(path) => read_user_text(path)?,
        None => {
            let bytes = read_all_limited(std::io::stdin().lock(), MAX_USER_FILE_BYTES, None)
                .map_err(|e| format!("cannot read stdin: {e}"))?;
            String::from_utf8(bytes)
                .map_err(|_| "cannot read stdin: it is not UTF-8 text".to_string())?
        }
    };
    let lang = match lang {
        LangArg::Vi => Some(Lang::Vi),
        LangArg::Zh => Some(Lang::Zh),
        LangArg::Auto => None,
    };
    write_stdout(&segment_paragraphs(&segmenter, &input, lang))?;
    Ok(super::SUCCESS)
}
