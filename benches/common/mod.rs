//! What the benches share.

use std::time::Instant;

/// CPU time of this thread in seconds (`clock_gettime(CLOCK_THREAD_CPUTIME_ID)`), so that
/// figures stay comparable on a machine shared with other work; wall-clock time if unavailable.
/// (`/proc/thread-self/schedstat`, used before, advances in 4 ms ticks on some machines: a
/// 24 ms run read as 24 or 28 ms.)
pub fn cpu_time(wall: Instant) -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec for the duration of the call.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0;
    if ok {
        ts.tv_sec as f64 + ts.tv_nsec as f64 / 1e9
    } else {
        wall.elapsed().as_secs_f64()
    }
}
