//! A count of the steps the decoder and the text reader take in their inner
//! loops, so that tests can check the work grows linearly with the input
//! without timing anything. Compiled only with the hidden `work-count`
//! feature; without it every call here is empty and inlined away.

#[cfg(feature = "work-count")]
static STEPS: core::sync::atomic::AtomicUsize = core::sync::atomic::AtomicUsize::new(0);

/// One step of an inner loop.
#[inline(always)]
pub(crate) fn step() {
    #[cfg(feature = "work-count")]
    STEPS.fetch_add(1, core::sync::atomic::Ordering::Relaxed);
}

/// `n` steps at once (a scan over `n` octets done by a library call).
#[inline(always)]
pub(crate) fn steps(n: usize) {
    #[cfg(feature = "work-count")]
    STEPS.fetch_add(n, core::sync::atomic::Ordering::Relaxed);
    #[cfg(not(feature = "work-count"))]
    let _ = n;
}

/// The steps counted since the last [`take_steps`], resetting the count. The
/// count is global: callers measuring in parallel threads must serialize.
#[cfg(feature = "work-count")]
#[doc(hidden)]
pub fn take_steps() -> usize {
    STEPS.swap(0, core::sync::atomic::Ordering::Relaxed)
}
