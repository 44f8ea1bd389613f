//! A fingerprint of bytes, for digests of scenarios and seals of what a
//! batch keeps on disk.

/// FNV-1a (64 bits) of `bytes` as 16 hex digits: stable across versions and
/// machines; it finds edits and damage, it is no defence against forgery.
pub(crate) fn fingerprint(bytes: &[u8]) -> String {
    let h = bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    format!("{h:016x}")
}
