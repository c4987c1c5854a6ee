//! plangloss: turns folders of plan documents (DOCX, DOC, RTF, spreadsheets,
//! PDF, HTML, text) into
//! clean, segmented, glossary-annotated JSON Lines.
//!
//! Data flows one way: bytes → [`detect`] → [`extract`] → [`normalize`] →
//! [`lang`] → [`segment`] → [`glossary`] → [`output`]. [`pipeline`] runs those
//! stages for one document; [`batch`] walks folders and runs documents in
//! parallel while writing results in path order.

pub mod encoding;
pub mod extract;
pub mod facts;
pub mod legacy;
pub mod model;

pub mod atomic;
pub mod batch;
pub mod budget;
#[cfg(feature = "cli")]
pub mod cli;
pub mod detect;
pub mod glossary;
pub mod input;
pub mod lang;
pub mod normalize;
pub mod ocr;
pub mod omegat;
pub mod output;
pub mod pipeline;
pub mod qa;
pub mod review;
pub mod script;
pub mod segment;
pub mod symbols;
pub mod tmx;
pub mod warc;
pub mod xliff;
pub mod zh_variant;

#[cfg(test)]
mod test_support;
