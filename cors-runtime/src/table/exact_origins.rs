//! The exact-origin table: every exact origin of a policy in one [`KeyedTable`], so that the
//! lookup cost does not grow with the number of origins.

use std::collections::BTreeMap;

use crate::table::keyed_table::KeyedTable;

/// Each exact origin, with the blocks (by index, ascending) that list it.
pub(crate) struct ExactOrigins(KeyedTable<Box<[u16]>>);

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
        ExactOrigins(KeyedTable::build(
            listing
                .into_iter()
                .map(|(origin, blocks)| (origin.into(), blocks.into())),
        ))
    }

    /// The blocks that list `origin` exactly, in ascending order.
    pub(crate) fn blocks_listing(&self, origin: &[u8]) -> &[u16] {
        self.0.get(origin).map_or(&[], |blocks| blocks)
    }
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
        assert_eq!(table.blocks_listing(b"https://a.example"), [0]);
        assert_eq!(table.blocks_listing(b"https://b.example"), [0, 1]);
        assert_eq!(table.blocks_listing(b"https://c.example"), [] as [u16; 0]);
        assert_eq!(table.blocks_listing(b""), [] as [u16; 0]);
    }
}
