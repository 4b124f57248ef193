//! The exact-origin table: every exact origin of a policy in one open-addressing hash table, so
//! that the lookup cost does not grow with the number of origins. Its one layout is built here,
//! for every front end.

use std::collections::BTreeMap;

/// A power-of-two number of slots, at most half full, probed linearly with [`origin_hash`]; a
/// vacant slot has an empty origin.
pub(crate) struct ExactOrigins {
    slots: Box<[ExactSlot]>,
    /// The longest probe sequence any stored origin needs: a lookup never probes further.
    max_probes: usize,
}

/// One slot: an origin and the blocks (by index, ascending) that list it.
#[derive(Default)]
struct ExactSlot {
    origin: Box<str>,
    blocks: Box<[u16]>,
}

impl ExactOrigins {
    /// The table of `listed`: for each block in order, its exact (serialized) origins.
    pub(crate) fn build<'a>(listed: impl IntoIterator<Item = &'a [String]>) -> ExactOrigins {
        let mut listing: BTreeMap<&str, Vec<u16>> = BTreeMap::new();
        for (index, origins) in listed.into_iter().enumerate() {
            let index = u16::try_from(index).unwrap_or(u16::MAX);
            for origin in origins {
                let blocks = listing.entry(origin).or_default();
                if !blocks.contains(&index) {
                    blocks.push(index);
                }
            }
        }
        if listing.is_empty() {
            return ExactOrigins {
                slots: Box::new([]),
                max_probes: 0,
            };
        }
        let capacity = (listing.len() * 2).next_power_of_two();
        let mut slots: Vec<ExactSlot> = (0..capacity).map(|_| ExactSlot::default()).collect();
        let mut max_probes = 0;
        for (origin, blocks) in listing {
            let mut index = origin_hash(origin.as_bytes()) as usize & (capacity - 1);
            let mut probes = 1;
            while !slots[index].origin.is_empty() {
                index = (index + 1) & (capacity - 1);
                probes += 1;
            }
            slots[index] = ExactSlot {
                origin: origin.into(),
                blocks: blocks.into(),
            };
            max_probes = max_probes.max(probes);
        }
        ExactOrigins {
            slots: slots.into(),
            max_probes,
        }
    }

    /// The blocks that list `origin` exactly, in ascending order.
    pub(crate) fn blocks_listing(&self, origin: &[u8]) -> &[u16] {
        if self.slots.is_empty() {
            return &[];
        }
        let mask = self.slots.len() - 1;
        let mut index = origin_hash(origin) as usize & mask;
        for _ in 0..self.max_probes {
            let slot = &self.slots[index];
            if slot.origin.is_empty() {
                break;
            }
            if slot.origin.as_bytes() == origin {
                return &slot.blocks;
            }
            index = (index + 1) & mask;
        }
        &[]
    }
}

/// The table's hash. Eight bytes at a step (an origin is 20 to 40 bytes); its quality only
/// decides how long probe sequences are, which `build` measures.
fn origin_hash(bytes: &[u8]) -> u64 {
    const MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut hash = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        hash = (hash.rotate_left(5) ^ word).wrapping_mul(MULTIPLIER);
    }
    let mut tail = [0u8; 8];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    hash = (hash.rotate_left(5) ^ u64::from_le_bytes(tail)).wrapping_mul(MULTIPLIER);
    hash ^ (hash >> 29)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origins(list: &[&str]) -> Vec<String> {
        list.iter().map(|o| (*o).to_owned()).collect()
    }

    #[test]
    fn every_listed_origin_is_found_with_its_blocks() {
        let first = origins(&["https://a.example", "https://b.example"]);
        let second = origins(&["https://b.example"]);
        let table = ExactOrigins::build([&first[..], &second[..]]);
        assert_eq!(table.slots.len(), 4);
        assert_eq!(table.blocks_listing(b"https://a.example"), [0]);
        assert_eq!(table.blocks_listing(b"https://b.example"), [0, 1]);
        assert_eq!(table.blocks_listing(b"https://c.example"), [] as [u16; 0]);
        assert_eq!(table.blocks_listing(b""), [] as [u16; 0]);
    }

    #[test]
    fn a_large_table_stays_at_most_half_full_with_short_probes() {
        let many: Vec<String> = (0..10_000)
            .map(|i| format!("https://app{i}.example.com"))
            .collect();
        let table = ExactOrigins::build([&many[..]]);
        assert_eq!(table.slots.len(), 32_768);
        assert!(table.max_probes < 32, "{}", table.max_probes);
        assert!(many
            .iter()
            .all(|origin| table.blocks_listing(origin.as_bytes()) == [0]));
    }
}
