//! The end-to-end tests: one test binary (each file a module) so that the
//! suite links the library once, not once per file.

mod bad_input;
mod commands;
mod common;
mod doc;
mod docx;
mod encodings;
mod facts;
mod fuzz_regressions;
mod glossary;
mod html;
mod html_pages;
mod ingest_corpora;
mod lang;
mod limits;
mod listing;
mod matching;
mod ocr;
mod ocr_codecs;
mod ocr_docx;
mod ocr_render;
mod omegat;
mod pdf;
mod pdf_filters;
mod qa;
mod rtf;
mod scraped_text;
mod segment;
mod sheet;
mod warc;
mod xliff;
