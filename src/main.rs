use clap::Parser;
use tandem::cli::Cli;
use tandem::commands;
use tandem::error::{OK, USAGE_ERROR};

/// Runs the command; prints the error that stopped it, if any, once, and ends with its
/// exit status.
fn main() {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { USAGE_ERROR } else { OK };
            let _ = e.print();
            std::process::exit(code);
        }
    };
    let result = commands::run(&cli);
    let code = match result {
        Ok(()) => OK,
        Err(e) => {
            if let Some(text) = e.report() {
                eprintln!("{text}");
            }
            e.exit_code()
        }
    };
    std::process::exit(code);
}

/// mimalloc instead of the system's allocator: a build allocates millions of small
/// strings and vectors, and glibc's allocator spent a fifth of the time on them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
