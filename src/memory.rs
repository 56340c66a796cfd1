//! How a run of tandem uses its memory: large values are freed aside, and a single
//! build keeps what it frees for a while.

/// Frees a large value on a thread of its own: freeing the 10,000 entries of a site
/// takes longer than making an entry's page, and a command that ends after its last
/// output need not wait for it.
pub(crate) fn drop_aside<T: Send + 'static>(value: T) {
    std::thread::spawn(move || drop(value));
}

/// A single build keeps the memory it frees for half a second before giving it back
/// (mimalloc's default is 10 ms): memory freed by one step is mostly taken again by
/// the next, which would otherwise find it given back and have every page zeroed
/// afresh by the kernel (at 10,000 entries, 0.3 s more system time with 25 ms). Memory
/// nothing takes again within half a second is given back: keeping it for the whole
/// build made the peak at 10,000 entries 10–37 MiB higher (3–7 %) for 0.05–0.15 s
/// less system time. The preview (`serve`), which runs for hours, keeps mimalloc's
/// default. Nor does a build use transparent huge pages: they made its peak 40 MiB
/// higher at 10,000 entries and saved no time.
pub(crate) fn keep_freed_memory() {
    /// `mi_option_purge_delay` in mimalloc 3's `mimalloc.h`: milliseconds before freed
    /// memory is given back, -1 for never.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: called before any other thread is started; the option is a number.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 500) };
    // mimalloc asked for huge pages when it reserved its memory, before `main`; the
    // process-wide switch applies to the pages it touches from now on.
    #[cfg(target_os = "linux")]
    // SAFETY: a plain system call that changes a flag of this process only.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
