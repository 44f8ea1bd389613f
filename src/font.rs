//! The one font every text taktline draws uses, compiled into the binary:
//! DejaVu Sans with Droid Sans Fallback's CJK glyphs (assets/fonts), so
//! names such as 温州 read the same in charts and in the viewer.

/// The font file's bytes (TrueType).
pub const FONT: &[u8] = include_bytes!("../assets/fonts/TaktlineSans.ttf");
