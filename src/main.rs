use clap::Parser;
use tandem::cli::Cli;
use tandem::commands;
use tandem::error::{OK, USAGE_ERROR};

/// Runs the command; prints the error that stopped it, if any, once, and ends with its
/// exit status.
fn main() {
    if commands::start::double_clicked() {
        match commands::start::preview_beside_the_program() {
            Some(cli) => finish(commands::run(&cli), commands::language(&cli)),
            None => {
                commands::start::explain_in_browser();
                std::process::exit(USAGE_ERROR);
            }
        }
    }
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { USAGE_ERROR } else { OK };
            let _ = e.print();
            std::process::exit(code);
        }
    };
    finish(commands::run(&cli), commands::language(&cli))
}

/// Prints the error that stopped the command, if any, in `lang`, and exits with its
/// status.
fn finish(result: Result<(), tandem::error::Error>, lang: tandem::language::Language) -> ! {
    let code = match result {
        Ok(()) => OK,
        Err(e) => {
            if let Some(text) = e.report(lang) {
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
