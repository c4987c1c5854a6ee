//! The bytes of a WARC file as one stream, whether plain or gzipped, and a
//! way back into it after damage.
//!
//! A `.warc.gz` is usually one gzip member per record (the WARC standard's
//! annex D; Common Crawl writes it so), but some writers gzip the whole file
//! once or split a record over members: records are read from the members'
//! concatenated output, never assumed to align with them. When a member is
//! corrupt, [`Source::resync`] goes back to where that member started, one
//! byte on, and looks for the next gzip header. (Junk inside the stream, or
//! in a plain file, is the record reader's to pass over, line by line.)

use flate2::bufread::GzDecoder;
use std::collections::VecDeque;
use std::io::{self, BufRead, Read, Seek, SeekFrom};

/// The first bytes of a gzip member with the deflate method.
const GZIP_MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];
/// Bytes searched at once when looking for a way back in.
const SCAN_WINDOW: usize = 64 * 1024;

/// A buffered reader that knows its position in the file.
pub(crate) struct Positioned<R> {
    inner: R,
    position: u64,
}

impl<R: BufRead + Seek> Positioned<R> {
    pub(crate) fn new(mut inner: R) -> io::Result<Self> {
        let position = inner.stream_position()?;
        Ok(Positioned { inner, position })
    }

    fn seek_to(&mut self, position: u64) -> io::Result<()> {
        self.position = self.inner.seek(SeekFrom::Start(position))?;
        Ok(())
    }

    /// Moves to the first occurrence of `needle` at or after `from` for
    /// which `accept` holds on the bytes from there; `false` at the end of
    /// the file.
    fn find(
        &mut self,
        from: u64,
        needle: &[u8],
        accept: impl Fn(&[u8]) -> bool,
    ) -> io::Result<bool> {
        let mut window = vec![0u8; SCAN_WINDOW];
        let mut at = from;
        loop {
            self.seek_to(at)?;
            let read = read_up_to(&mut self.inner, &mut window)?;
            if read < needle.len() {
                return Ok(false);
            }
            let found = memchr::memmem::find_iter(&window[..read], needle)
                .find(|&i| accept(&window[i..read]));
            if let Some(i) = found {
                return self.seek_to(at + i as u64).map(|_| true);
            }
            if read < window.len() {
                return Ok(false);
            }
            at += (read - needle.len() + 1) as u64;
        }
    }
}

impl<R: BufRead> Read for Positioned<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.position += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Positioned<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.position += amount as u64;
        self.inner.consume(amount);
    }
}

/// Fills `buf` as far as the reader goes.
fn read_up_to(reader: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// Where a gzipped source is: between members, or inside one.
pub(crate) enum Member<R> {
    Between(Positioned<R>),
    Inside(Box<GzDecoder<Positioned<R>>>),
}

/// The decompressed or plain bytes of a WARC file.
pub(crate) enum Source<R> {
    Plain(Positioned<R>),
    Gzip {
        member: Option<Member<R>>,
        /// Where the member being read starts in the file.
        member_start: u64,
        /// Bytes decoded ahead (to reach a member's checksum), given out
        /// before any more.
        ahead: VecDeque<u8>,
    },
}

impl<R: BufRead + Seek> Source<R> {
    /// A source over `inner`, gzipped when it starts with a gzip header.
    pub(crate) fn new(inner: R) -> io::Result<Self> {
        let mut inner = Positioned::new(inner)?;
        let gzipped = inner.fill_buf()?.starts_with(&GZIP_MAGIC);
        Ok(if gzipped {
            Source::Gzip {
                member_start: inner.position,
                member: Some(Member::Between(inner)),
                ahead: VecDeque::new(),
            }
        } else {
            Source::Plain(inner)
        })
    }

    /// Where the reading is in the file (compressed bytes for gzip), for
    /// messages and progress.
    pub(crate) fn position(&self) -> u64 {
        match self {
            Source::Plain(inner) => inner.position,
            Source::Gzip { member, .. } => match member {
                Some(Member::Between(inner)) => inner.position,
                Some(Member::Inside(decoder)) => decoder.get_ref().position,
                None => 0,
            },
        }
    }

    /// Reads on to the end of the gzip member being decoded, when it ends
    /// within `reach` more bytes, keeping what it decodes for later reads:
    /// the member's checksum is checked there, and a mismatch is an error
    /// now. Nothing to do for a plain file or between members.
    pub(crate) fn verify_member(&mut self, reach: usize) -> io::Result<()> {
        let Source::Gzip {
            member: Some(Member::Inside(decoder)),
            ahead,
            ..
        } = self
        else {
            return Ok(());
        };
        let mut chunk = [0u8; 8192];
        while ahead.len() < reach {
            match decoder.read(&mut chunk)? {
                0 => return Ok(()),
                n => ahead.extend(&chunk[..n]),
            }
        }
        Ok(())
    }

    /// After bytes that cannot be read: moves to the next gzip header after
    /// the damaged member's start. `false` when there is none, and for a
    /// plain file (whose read errors are the file system's).
    pub(crate) fn resync(&mut self) -> io::Result<bool> {
        match self {
            Source::Plain(_) => Ok(false),
            Source::Gzip {
                member,
                member_start,
                ahead,
            } => {
                ahead.clear();
                let Some(mut inner) = member.take().map(|m| match m {
                    Member::Between(inner) => inner,
                    Member::Inside(decoder) => decoder.into_inner(),
                }) else {
                    return Ok(false);
                };
                // The damaged member may have eaten bytes of the next one:
                // search again from its own start.
                let from = *member_start + 1;
                let flags_valid = |bytes: &[u8]| bytes.get(3).is_some_and(|f| f & 0xe0 == 0);
                let found = inner.find(from, &GZIP_MAGIC, flags_valid)?;
                *member_start = inner.position;
                *member = Some(Member::Between(inner));
                Ok(found)
            }
        }
    }
}

impl<R: BufRead + Seek> Read for Source<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let (member, member_start) = match self {
            Source::Plain(inner) => return inner.read(buf),
            Source::Gzip { ahead, .. } if !ahead.is_empty() => return ahead.read(buf),
            Source::Gzip {
                member,
                member_start,
                ..
            } => (member, member_start),
        };
        loop {
            match member.take() {
                None => return Ok(0),
                Some(Member::Between(mut inner)) => {
                    if inner.fill_buf()?.is_empty() {
                        *member = Some(Member::Between(inner));
                        return Ok(0);
                    }
                    *member_start = inner.position;
                    *member = Some(Member::Inside(Box::new(GzDecoder::new(inner))));
                }
                Some(Member::Inside(mut decoder)) => match decoder.read(buf) {
                    // The member ended (its checksum was right): go on
                    // with the next one.
                    Ok(0) if !buf.is_empty() => {
                        *member = Some(Member::Between(decoder.into_inner()))
                    }
                    result => {
                        *member = Some(Member::Inside(decoder));
                        return result;
                    }
                },
            }
        }
    }
}
