//! Where a layer reads its policy from: a `cors!` static, read in place, or a [`Live`] handle,
//! whose current table is held for each request until its response is decorated.

use std::ops::Deref;

use crate::layer::cors::Cors;
use crate::layer::live::Live;
use crate::table::CompiledPolicy;

/// A policy a [`CorsService`](crate::CorsService) can apply: [`Cors`] or [`Live`]. Sealed.
pub trait PolicySource: Clone + sealed::Sealed {
    /// The table one request is decided and decorated with.
    #[doc(hidden)]
    type Loaded: Deref<Target = CompiledPolicy> + Send + Sync + 'static;

    /// The current table.
    #[doc(hidden)]
    fn load(&self) -> Self::Loaded;

    /// The table of the policy evaluated beside `loaded` without being enforced, if any.
    #[doc(hidden)]
    #[inline]
    fn report_only(loaded: &Self::Loaded) -> Option<&CompiledPolicy> {
        let _ = loaded;
        None
    }
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for crate::layer::cors::Cors {}
    impl Sealed for crate::layer::live::Live {}
}

impl PolicySource for Cors {
    type Loaded = &'static CompiledPolicy;

    fn load(&self) -> &'static CompiledPolicy {
        self.compiled()
    }
}

impl PolicySource for Live {
    type Loaded = crate::layer::live::Loaded;

    fn load(&self) -> crate::layer::live::Loaded {
        self.load_current()
    }

    #[inline]
    fn report_only(loaded: &crate::layer::live::Loaded) -> Option<&CompiledPolicy> {
        loaded.report_only()
    }
}
