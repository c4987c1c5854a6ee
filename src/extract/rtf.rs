//! Rich Text Format documents.

use crate::model::{DocError, Extraction, Limits};

/// Extracts the text of an RTF document.
pub fn extract(_bytes: &[u8], _limits: &Limits) -> Result<Extraction, DocError> {
    Err(DocError::unsupported(
        "RTF is not supported yet; save it as .docx",
    ))
}
