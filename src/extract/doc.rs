//! Word 97–2003 binary documents (`.doc`, [MS-DOC]) read natively.

use crate::model::{DocError, Extraction, Limits};

/// Extracts the text of a Word 97–2003 document.
pub fn extract(_bytes: &[u8], _limits: &Limits) -> Result<Extraction, DocError> {
    Err(DocError::unsupported(
        "Word 97-2003 .doc is not supported yet; save it as .docx",
    ))
}
