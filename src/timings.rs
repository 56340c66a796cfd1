//! How long each stage of a build took, and the memory in use after it, printed when
//! `TANDEM_TIMINGS` is set (for profiling).

/// Prints how long each stage took, and the memory in use after it, when
/// `TANDEM_TIMINGS` is set (for profiling).
pub(crate) struct Timings(Option<(std::time::Instant, f64)>);

/// CPU time of the process so far, in seconds, all threads (`/proc`, Linux).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // The fields after the command name (which may hold spaces) in parentheses:
    // utime and stime are the 12th and 13th of them, in clock ticks (USER_HZ, 100 on
    // Linux).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let ticks: Vec<f64> = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|f| f.parse().ok())
        .collect();
    ticks.iter().sum::<f64>() / 100.0
}

impl Timings {
    pub(crate) fn start() -> Self {
        Timings(
            std::env::var_os("TANDEM_TIMINGS").map(|_| (std::time::Instant::now(), cpu_seconds())),
        )
    }
    /// Prints the wall time of the stage that just ended, the CPU time all threads
    /// spent in it, and the resident memory after it.
    pub(crate) fn lap(&mut self, stage: &str) {
        if let Some((t, cpu)) = self.0 {
            // Resident memory after the stage, from /proc (Linux).
            let rss = std::fs::read_to_string("/proc/self/statm")
                .ok()
                .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
                .map(|pages| format!("{:>7} MiB", pages * 4096 / (1024 * 1024)))
                .unwrap_or_default();
            let now = cpu_seconds();
            eprintln!(
                "  {stage:<14} {:>8.1} ms {:>8.0} ms CPU {rss}",
                t.elapsed().as_secs_f64() * 1000.0,
                (now - cpu) * 1000.0
            );
            self.0 = Some((std::time::Instant::now(), now));
        }
    }
}
