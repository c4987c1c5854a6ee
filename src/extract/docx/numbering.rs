//! List numbering of WordprocessingML (`word/numbering.xml`).
