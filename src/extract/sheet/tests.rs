//! Tests of the sheet extractor on the LibreOffice-made fixtures of
//! `tests/fixtures/sheet/`.
