//! What writing a finished site costs on this machine, with nothing else to do: reads
//! the folder SRC into memory, then writes the same folders and files into DST (which
//! must not exist) the way `tandem build` writes its output (the folders first, then
//! the files on all cores), and prints the seconds the writing took.
//!
//!   cargo run --release --example write_floor -- SRC DST
//!
//! `bench/compare.sh` runs it on both tools' outputs: the time a build cannot go below
//! on this machine's file system, whatever generator made the files.

use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [src, dst] = args.as_slice() else {
        eprintln!("usage: write_floor SRC DST   (DST must not exist)");
        std::process::exit(2);
    };
    let (src, dst) = (Path::new(src), Path::new(dst));
    if dst.exists() {
        eprintln!("error: `{}` exists already", dst.display());
        std::process::exit(2);
    }
    let mut dirs: Vec<PathBuf> = Vec::new();
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for entry in walkdir::WalkDir::new(src).sort_by_file_name() {
        let entry = entry.unwrap_or_else(|e| fail(&e));
        let rel = entry
            .path()
            .strip_prefix(src)
            .unwrap_or(entry.path())
            .to_path_buf();
        if entry.file_type().is_dir() {
            dirs.push(rel);
        } else if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).unwrap_or_else(|e| fail(&e));
            files.push((rel, bytes));
        }
    }
    let start = Instant::now();
    for d in &dirs {
        std::fs::create_dir_all(dst.join(d)).unwrap_or_else(|e| fail(&e));
    }
    files
        .par_iter()
        .try_for_each(|(rel, bytes)| std::fs::write(dst.join(rel), bytes))
        .unwrap_or_else(|e| fail(&e));
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "wrote {} folders and {} files ({:.0} MiB) in {secs:.2} s",
        dirs.len(),
        files.len(),
        files.iter().map(|(_, b)| b.len()).sum::<usize>() as f64 / 1048576.0
    );
    println!("{secs:.4}");
}

fn fail(e: &dyn std::fmt::Display) -> ! {
    eprintln!("error: {e}");
    std::process::exit(1);
}
