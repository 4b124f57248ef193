//! Where a resource is in a compiled table.

/// Where a resource is in the table: by it the layer finds the resource of a decision again
/// after the inner service answered. Compact, as it travels in every response future (a future
/// of at most 64 bytes is moved with half the instructions of a larger one).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct ResourceIndex {
    block: u16,
    resource: u16,
}

impl ResourceIndex {
    /// The checker allows at most 65535 blocks, and 65535 resources in a block.
    pub(crate) fn new(block: usize, resource: usize) -> ResourceIndex {
        ResourceIndex {
            block: block as u16,
            resource: resource as u16,
        }
    }

    pub(crate) fn block(self) -> usize {
        usize::from(self.block)
    }

    pub(crate) fn resource(self) -> usize {
        usize::from(self.resource)
    }
}
