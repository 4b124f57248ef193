//! Equality of the short byte strings a request is checked by (origins, methods, header names),
//! compared in place: per request, a call to `memcmp` costs more than the comparison itself.

/// Whether `a` and `b` hold the same bytes: a word at a time, the last word overlapping the one
/// before it.
#[inline]
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let length = a.len();
    if length != b.len() {
        return false;
    }
    match length {
        0..4 => a.iter().zip(b).all(|(x, y)| x == y),
        4..8 => {
            let word = |bytes: &[u8], at: usize| {
                u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap_or([0; 4]))
            };
            word(a, 0) == word(b, 0) && word(a, length - 4) == word(b, length - 4)
        }
        _ => {
            let word = |bytes: &[u8], at: usize| {
                u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap_or([0; 8]))
            };
            let mut at = 0;
            while at + 8 < length {
                if word(a, at) != word(b, at) {
                    return false;
                }
                at += 8;
            }
            word(a, length - 8) == word(b, length - 8)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::same_bytes;

    #[test]
    fn agrees_with_slice_equality_at_every_length_and_position() {
        let base: Vec<u8> = (0..40u8).map(|i| b'a' + i % 26).collect();
        for length in 0..=base.len() {
            let a = &base[..length];
            assert!(same_bytes(a, a), "{length}");
            for position in 0..length {
                let mut b = a.to_vec();
                b[position] ^= 0x20;
                assert!(!same_bytes(a, &b), "{length} {position}");
            }
            assert!(!same_bytes(a, &base[..length.saturating_sub(1)]) || length == 0);
        }
    }
}
