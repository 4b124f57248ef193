//! The one hash-table layout of the compiled policy, for lookups per request whose cost must not
//! grow with the table: exact origins, and resources by a path's first segment. Open
//! addressing, a power-of-two number of slots at most half full, probed linearly; built once.

use crate::short_bytes::same_bytes;

/// A table from text keys to values.
pub(crate) struct KeyedTable<V> {
    slots: Box<[Slot<V>]>,
    /// The longest probe sequence any stored key needs: a lookup never probes further.
    max_probes: usize,
}

/// A key and its value, or vacant.
type Slot<V> = Option<(Box<str>, V)>;

impl<V> KeyedTable<V> {
    /// The table of `entries`, whose keys are distinct.
    pub(crate) fn build(entries: impl IntoIterator<Item = (Box<str>, V)>) -> KeyedTable<V> {
        let entries: Vec<(Box<str>, V)> = entries.into_iter().collect();
        if entries.is_empty() {
            return KeyedTable {
                slots: Box::new([]),
                max_probes: 0,
            };
        }
        let capacity = (entries.len() * 2).next_power_of_two();
        let mut slots: Vec<Slot<V>> = (0..capacity).map(|_| None).collect();
        let mut max_probes = 0;
        for (key, value) in entries {
            let mut index = key_hash(key.as_bytes()) as usize & (capacity - 1);
            let mut probes = 1;
            while slots[index].is_some() {
                index = (index + 1) & (capacity - 1);
                probes += 1;
            }
            slots[index] = Some((key, value));
            max_probes = max_probes.max(probes);
        }
        KeyedTable {
            slots: slots.into(),
            max_probes,
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// The value stored under `key`.
    #[inline]
    pub(crate) fn get(&self, key: &[u8]) -> Option<&V> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut index = key_hash(key) as usize & mask;
        for _ in 0..self.max_probes {
            let (stored, value) = self.slots[index].as_ref()?;
            if same_bytes(stored.as_bytes(), key) {
                return Some(value);
            }
            index = (index + 1) & mask;
        }
        None
    }
}

/// Eight bytes at a step (an origin is 20 to 40 bytes, a path segment less); its quality only
/// decides how long probe sequences are, which `build` measures.
fn key_hash(bytes: &[u8]) -> u64 {
    const MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;
    let word = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap_or([0; 8]));
    let mut hash = bytes.len() as u64;
    let tail = if bytes.len() >= 8 {
        let mut at = 0;
        while at + 8 < bytes.len() {
            hash = (hash.rotate_left(5) ^ word(at)).wrapping_mul(MULTIPLIER);
            at += 8;
        }
        // The last eight bytes, overlapping the previous word: no copy for the remainder.
        word(bytes.len() - 8)
    } else {
        bytes
            .iter()
            .rev()
            .fold(0, |tail, &byte| tail << 8 | u64::from(byte))
    };
    hash = (hash.rotate_left(5) ^ tail).wrapping_mul(MULTIPLIER);
    hash ^ (hash >> 29)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_found_and_the_empty_key_is_a_key() {
        let table = KeyedTable::build([("a".into(), 1), ("".into(), 2), ("bb".into(), 3)]);
        assert_eq!(table.slots.len(), 8);
        assert_eq!(table.get(b"a"), Some(&1));
        assert_eq!(table.get(b""), Some(&2));
        assert_eq!(table.get(b"bb"), Some(&3));
        assert_eq!(table.get(b"c"), None);
        assert_eq!(KeyedTable::<u8>::build([]).get(b""), None);
    }

    #[test]
    fn a_large_table_stays_at_most_half_full_with_short_probes() {
        let table = KeyedTable::build(
            (0..10_000).map(|i| (format!("https://app{i}.example.com").into(), i)),
        );
        assert_eq!(table.slots.len(), 32_768);
        assert!(table.max_probes < 32, "{}", table.max_probes);
        assert!((0..10_000)
            .all(|i| table.get(format!("https://app{i}.example.com").as_bytes()) == Some(&i)));
    }
}
