use clap::Parser;
use tandem::cli::{Cli, Command};
use tandem::commands;

fn main() {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() {
                commands::USAGE_ERROR
            } else {
                commands::OK
            };
            let _ = e.print();
            std::process::exit(code);
        }
    };
    let code = match &cli.command {
        Command::Build(a) => {
            keep_freed_memory();
            commands::build::run(a)
        }
        Command::Check(a) => commands::check::run(a),
        Command::Serve(a) => commands::serve::run(a),
        Command::Watch(a) => commands::watch::run(a),
        Command::New(n) => commands::new::run_new(n),
        Command::Init(a) => commands::new::run_init(a),
    };
    std::process::exit(code);
}

/// mimalloc instead of the system's allocator: a build allocates millions of small
/// strings and vectors, and glibc's allocator spent a fifth of the time on them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A single build keeps the memory it frees until it exits. By default mimalloc gives
/// freed memory back to the system, and the build's next steps take it again, each
/// page zeroed afresh by the kernel. The peak is the same either way; the preview
/// (`serve`), which runs for hours, keeps the default. Nor does a build use
/// transparent huge pages: they made its peak 40 MiB higher at 10,000 entries and
/// saved no time.
fn keep_freed_memory() {
    /// `mi_option_purge_delay` in mimalloc 3's `mimalloc.h`: milliseconds before freed
    /// memory is given back, -1 for never.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: called before any other thread is started; the option is a number.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) };
    // mimalloc asked for huge pages when it reserved its memory, before `main`; the
    // process-wide switch applies to the pages it touches from now on.
    #[cfg(target_os = "linux")]
    // SAFETY: a plain system call that changes a flag of this process only.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
