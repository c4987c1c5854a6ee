//! Tests of the whole reader on fixture files.
