//! The one hash-table layout of the compiled policy, for lookups per request whose cost must not
//! grow with the table: exact origins, and resources by a path's first segment. Open
//! addressing, a power-of-two number of slots at most half full, probed linearly; built once.
//!
//! The keys may come from strangers (tenants' origins registered through a sign-up form), so
//! they could be chosen to collide and make one chosen `Origin` probe the whole table. Two things
//! bound that: the hash is keyed by a random seed drawn for each table, and a table whose longest
//! probe sequence exceeds [`PROBE_BOUND`] is built again with another seed (and, after a few
//! tries, more slots). Keys that collide under every seed fall back to a sorted list searched by
//! halves: whatever the keys, a lookup costs at most a bounded number of comparisons.

use std::cmp::Ordering;

use crate::table::short_bytes::same_bytes;

/// The longest probe sequence a hashed table may need. Random keys need far fewer: 10,000
/// origins at half load probe at most about 15 slots.
const PROBE_BOUND: usize = 32;
/// Seeds tried before falling back to the sorted list; every fourth try doubles the slots.
const ATTEMPTS: u32 = 12;

/// A table from text keys to values.
pub(crate) struct KeyedTable<V> {
    layout: Layout<V>,
}

enum Layout<V> {
    Hashed {
        slots: Box<[Slot<V>]>,
        /// The longest probe sequence any stored key needs: a lookup never probes further.
        max_probes: usize,
        /// The hash's key, random for each table.
        seed: u64,
    },
    /// Keys in byte order, for keys that no seed spreads out.
    Sorted(Box<[(Box<str>, V)]>),
}

/// A key and its value, or vacant.
type Slot<V> = Option<(Box<str>, V)>;

impl<V> KeyedTable<V> {
    /// The table of `entries`, whose keys are distinct.
    pub(crate) fn build(entries: impl IntoIterator<Item = (Box<str>, V)>) -> KeyedTable<V> {
        let entries: Vec<(Box<str>, V)> = entries.into_iter().collect();
        if entries.is_empty() {
            return KeyedTable::hashed(Box::new([]), 0, 0);
        }
        for attempt in 0..ATTEMPTS {
            let capacity = ((entries.len() * 2) << (attempt / 4)).next_power_of_two();
            let seed = random_seed();
            if let Some((places, max_probes)) = placement(&entries, capacity, seed) {
                let mut slots: Vec<Slot<V>> = (0..capacity).map(|_| None).collect();
                for (entry, place) in entries.into_iter().zip(places) {
                    slots[place] = Some(entry);
                }
                return KeyedTable::hashed(slots.into(), max_probes, seed);
            }
        }
        KeyedTable::sorted(entries)
    }

    fn sorted(mut entries: Vec<(Box<str>, V)>) -> KeyedTable<V> {
        entries.sort_unstable_by(|(a, _), (b, _)| sorted_order(a.as_bytes(), b.as_bytes()));
        KeyedTable {
            layout: Layout::Sorted(entries.into()),
        }
    }

    fn hashed(slots: Box<[Slot<V>]>, max_probes: usize, seed: u64) -> KeyedTable<V> {
        KeyedTable {
            layout: Layout::Hashed {
                slots,
                max_probes,
                seed,
            },
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        match &self.layout {
            Layout::Hashed { slots, .. } => slots.is_empty(),
            Layout::Sorted(entries) => entries.is_empty(),
        }
    }

    /// Every key and its value, in no order.
    pub(crate) fn entries(&self) -> Box<dyn Iterator<Item = (&str, &V)> + '_> {
        match &self.layout {
            Layout::Hashed { slots, .. } => {
                Box::new(slots.iter().flatten().map(|(key, value)| (&**key, value)))
            }
            Layout::Sorted(entries) => Box::new(entries.iter().map(|(key, value)| (&**key, value))),
        }
    }

    /// The value stored under `key`.
    #[inline]
    pub(crate) fn get(&self, key: &[u8]) -> Option<&V> {
        let (slots, max_probes, seed) = match &self.layout {
            Layout::Hashed {
                slots,
                max_probes,
                seed,
            } => (slots, *max_probes, *seed),
            Layout::Sorted(entries) => return get_sorted(entries, key),
        };
        if slots.is_empty() {
            return None;
        }
        let mask = slots.len() - 1;
        let mut index = key_hash(seed, key) as usize & mask;
        for _ in 0..max_probes {
            let (stored, value) = slots[index].as_ref()?;
            if same_bytes(stored.as_bytes(), key) {
                return Some(value);
            }
            index = (index + 1) & mask;
        }
        None
    }
}

/// The value stored under `key` in a sorted list: out of line, as only keys that collide under
/// every seed are stored this way.
#[inline(never)]
fn get_sorted<'a, V>(entries: &'a [(Box<str>, V)], key: &[u8]) -> Option<&'a V> {
    let found = entries.binary_search_by(|(stored, _)| sorted_order(stored.as_bytes(), key));
    found.ok().map(|at| &entries[at].1)
}

/// The sorted list's order. Any total order will do; by length first, most comparisons end at
/// once.
fn sorted_order(a: &[u8], b: &[u8]) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// The slot of each of `entries` in `capacity` slots under `seed`, and the longest probe
/// sequence they need; `None` if some key would need more than [`PROBE_BOUND`].
fn placement<V>(
    entries: &[(Box<str>, V)],
    capacity: usize,
    seed: u64,
) -> Option<(Vec<usize>, usize)> {
    let mut taken = vec![false; capacity];
    let mut places = Vec::with_capacity(entries.len());
    let mut max_probes = 0;
    for (key, _) in entries {
        let mut index = key_hash(seed, key.as_bytes()) as usize & (capacity - 1);
        let mut probes = 1;
        while taken[index] {
            index = (index + 1) & (capacity - 1);
            probes += 1;
            if probes > PROBE_BOUND {
                return None;
            }
        }
        taken[index] = true;
        places.push(index);
        max_probes = max_probes.max(probes);
    }
    Some((places, max_probes))
}

/// A seed no one outside the process can know: std's per-process random keys, through a fresh
/// `RandomState` for each table.
fn random_seed() -> u64 {
    use std::hash::BuildHasher;
    std::collections::hash_map::RandomState::new().hash_one(0u8)
}

/// Eight bytes at a step (an origin is 20 to 40 bytes, a path segment less), keyed by `seed`;
/// its quality only decides how long probe sequences are, which `build` bounds.
fn key_hash(seed: u64, bytes: &[u8]) -> u64 {
    const MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;
    let word = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap_or([0; 8]));
    let mut hash = seed ^ bytes.len() as u64;
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
        let Layout::Hashed { slots, .. } = &table.layout else {
            panic!("three keys are hashed")
        };
        assert_eq!(slots.len(), 8);
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
        let Layout::Hashed {
            slots, max_probes, ..
        } = &table.layout
        else {
            panic!("random keys are hashed")
        };
        assert_eq!(slots.len(), 32_768);
        assert!(*max_probes <= PROBE_BOUND, "{max_probes}");
        assert!(
            (0..10_000)
                .all(|i| table.get(format!("https://app{i}.example.com").as_bytes()) == Some(&i))
        );
    }

    /// Keys chosen to collide under one seed (found by trying the seed the table would have had
    /// if it were fixed) are spread out by another; and keys that collide under every seed fall
    /// back to the sorted list. Either way every key is found, and a lookup stays bounded.
    #[test]
    fn colliding_keys_are_spread_out_or_searched_by_halves() {
        // 4,000 origins that share their bucket under seed 0, as an attacker who knew the seed
        // would register them.
        let colliding: Vec<String> = (0..400_000)
            .map(|i| format!("https://t{i}.example.com"))
            .filter(|key| key_hash(0, key.as_bytes()) & 0x3fff == 0)
            .take(4_000)
            .collect();
        assert!(colliding.len() > 10, "{}", colliding.len());
        let table = KeyedTable::build(colliding.iter().map(|key| (key.as_str().into(), ())));
        let Layout::Hashed { max_probes, .. } = &table.layout else {
            panic!("a random seed spreads these keys out")
        };
        assert!(*max_probes <= PROBE_BOUND);
        assert!(
            colliding
                .iter()
                .all(|key| table.get(key.as_bytes()).is_some())
        );

        // Keys that collide under every seed cannot be made here; the list they would fall
        // back to is built directly.
        let table = KeyedTable::sorted(
            ["k10", "k1", "a", "k2"]
                .iter()
                .enumerate()
                .map(|(i, key)| ((*key).into(), i))
                .collect(),
        );
        assert_eq!(table.get(b"k1"), Some(&1));
        assert_eq!(table.get(b"k10"), Some(&0));
        assert_eq!(table.get(b"a"), Some(&2));
        assert_eq!(table.get(b"k3"), None);
        assert_eq!(table.get(b""), None);
    }
}
