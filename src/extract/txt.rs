//! placeholder
use crate::model::{DocError, Extraction, Limits};

/// placeholder
pub fn extract(_bytes: &[u8], _limits: &Limits) -> Result<Extraction, DocError> {
    Err(DocError::unsupported("not yet"))
}
