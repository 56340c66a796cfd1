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
            tandem::memory::keep_freed_memory();
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
