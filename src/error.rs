//! The one error type of the crate.

use std::fmt;

/// What can go wrong. Converted to a JavaScript `Error` at the wasm boundary.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The input bytes are not UTF-8; `offset` is where the first bad byte sits.
    InvalidUtf8 {
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// The input exceeds [`crate::input::MAX_INPUT_BYTES`].
    TooLarge {
        /// The size that was offered.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// A phrase list or model file could not be parsed.
    Data {
        /// Which file or source.
        source: String,
        /// 1-based line, 0 when not line-specific.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// An option has a value that is not allowed.
    InvalidOption(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidUtf8 { offset } => write!(
                f,
                "input is not valid UTF-8 (first invalid byte at offset {offset}); convert it to UTF-8 first"
            ),
            Error::TooLarge { len, max } => {
                write!(f, "input is {len} bytes; the limit is {max} bytes")
            }
            Error::Data {
                source,
                line,
                message,
            } => {
                if *line > 0 {
                    write!(f, "{source}:{line}: {message}")
                } else {
                    write!(f, "{source}: {message}")
                }
            }
            Error::InvalidOption(m) => write!(f, "invalid option: {m}"),
        }
    }
}

impl std::error::Error for Error {}
