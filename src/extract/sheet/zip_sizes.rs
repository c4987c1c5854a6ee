//! The inflate budget of an `.xlsx` or `.ods` package, checked from its
//! central directory before calamine opens it: calamine reads whole XML
//! members into memory and offers no limit of its own. The `zip` crate stops
//! a member at its declared size, so the declared sizes are a bound.

use crate::model::{DocError, Limits};
use std::io::Cursor;

/// Checks that each XML member calamine may read, and all of them together
/// (those read twice, `twice`, counted twice), inflate to at most
/// `limits.max_inflated_bytes`; `too_large` otherwise, `corrupt` when the
/// ZIP cannot be read.
pub(super) fn check(
    bytes: &[u8],
    limits: &Limits,
    twice: impl Fn(&str) -> bool,
) -> Result<(), DocError> {
    let limit = limits.max_inflated_bytes;
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| DocError::corrupt(format!("the ZIP container cannot be opened: {e}")))?;
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let member = archive
            .by_index_raw(index)
            .map_err(|e| DocError::corrupt(format!("the ZIP container cannot be read: {e}")))?;
        let shown = member.name().map(|n| n.into_owned()).unwrap_or_default();
        let name = shown.to_ascii_lowercase();
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let size = member.size();
        let counted = if twice(&name) {
            size.saturating_mul(2)
        } else {
            size
        };
        total = total.saturating_add(counted);
        if size > limit || total > limit {
            return Err(DocError::too_large(format!(
                "the XML of this workbook inflates past the limit of {} MiB \
                 (at {}; a zip bomb?); raise --max-inflated-size if the file is genuine",
                limit.div_ceil(1 << 20),
                shown
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ErrorKind;
    use std::io::Write;

    fn zip_of(members: &[(&str, usize)]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, size) in members {
            writer.start_file(*name, options).unwrap();
            writer.write_all(&vec![b' '; *size]).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn members_are_counted_alone_together_and_twice() {
        let limits = Limits {
            max_inflated_bytes: 1000,
            ..Limits::default()
        };
        let never = |_: &str| false;
        let ok = zip_of(&[("a.xml", 400), ("b.xml", 500), ("pic.png", 5000)]);
        assert!(check(&ok, &limits, never).is_ok());
        let sheet = |name: &str| name == "b.xml";
        assert_eq!(
            check(&ok, &limits, sheet).unwrap_err().kind,
            ErrorKind::TooLarge
        );
        let bomb = zip_of(&[("content.xml", 1001)]);
        assert_eq!(
            check(&bomb, &limits, never).unwrap_err().kind,
            ErrorKind::TooLarge
        );
        assert_eq!(
            check(b"PK\x03\x04 not a zip", &limits, never)
                .unwrap_err()
                .kind,
            ErrorKind::Corrupt
        );
    }
}
