//! Parallel map with results delivered in input order, without a barrier between groups.
//!
//! Batch runs used to process a chunk of documents in parallel, wait for the slowest of them,
//! then write the chunk's outputs: every chunk ended with idle threads, and reading and writing
//! never overlapped processing. [`ordered_map`] keeps a window of items in flight on the pool
//! while the calling thread reads the next inputs and consumes finished results in order, so
//! memory stays bounded by the window and no thread waits for a straggler it does not need.

use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc;

/// Items in flight per pool thread: enough to keep every thread busy while the calling thread
/// waits for the oldest result, few enough to keep memory small.
pub const WINDOW_PER_THREAD: usize = 16;

/// Run `f` on every item of `inputs` on `pool`, and pass each result to `sink` in the order of
/// `inputs`. At most `window` items are in flight (read but not yet consumed). The calling
/// thread reads `inputs` and runs `sink`; it must not be a thread of `pool`. On a pool of one
/// thread the calling thread runs `f` itself, item after item. When `sink`
/// returns an error, no further item is started and the error is returned once the items in
/// flight have finished.
///
/// ```
/// use textmend::batch::ordered::ordered_map;
/// let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
/// let mut out = Vec::new();
/// ordered_map::<_, _, _, ()>(&pool, 1..=100u64, 8, |n| n * n, |sq| {
///     out.push(sq);
///     Ok(())
/// })
/// .unwrap();
/// assert_eq!(out, (1..=100u64).map(|n| n * n).collect::<Vec<_>>());
/// ```
pub fn ordered_map<T, R, F, E>(
    pool: &rayon::ThreadPool,
    inputs: impl IntoIterator<Item = T>,
    window: usize,
    f: F,
    sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Send,
    R: Send,
    F: Fn(T) -> R + Sync,
{
    ordered_map_grouped(pool, inputs, window, 1, f, sink)
}

/// [`ordered_map`] with the items handed to the pool in groups of up to `group` consecutive
/// items, one task per group: fewer thread wake-ups per item where items are many and small
/// (files of a directory, JSON Lines records). A group is started only once all its items are
/// read (or the input ends): items that arrive slowly through a pipe wait for their group.
///
/// ```
/// use textmend::batch::ordered::ordered_map_grouped;
/// let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
/// let mut out = Vec::new();
/// ordered_map_grouped::<_, _, _, ()>(&pool, 1..=100u64, 16, 4, |n| n + 1, |x| {
///     out.push(x);
///     Ok(())
/// })
/// .unwrap();
/// assert_eq!(out, (2..=101u64).collect::<Vec<_>>());
/// ```
pub fn ordered_map_grouped<T, R, F, E>(
    pool: &rayon::ThreadPool,
    inputs: impl IntoIterator<Item = T>,
    window: usize,
    group: usize,
    f: F,
    mut sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Send,
    R: Send,
    F: Fn(T) -> R + Sync,
{
    let window = window.max(1);
    let group = group.clamp(1, window);
    // One worker: the calling thread does the work itself, in order. Handing each item to the
    // worker and waiting for it would only add two thread wake-ups per item.
    if pool.current_num_threads() == 1 {
        for item in inputs {
            sink(f(item))?;
        }
        return Ok(());
    }
    type Outcome<R> = std::thread::Result<Vec<R>>;
    let (tx, rx) = mpsc::channel::<(u64, Outcome<R>)>();
    let f = &f;
    pool.in_place_scope(|scope| {
        let mut inputs = inputs.into_iter();
        let mut started: u64 = 0;
        let mut next: u64 = 0;
        let mut done: BTreeMap<u64, R> = BTreeMap::new();
        let mut result = Ok(());
        let mut exhausted = false;
        loop {
            while !exhausted && result.is_ok() && started - next < window as u64 {
                let room = (window as u64 - (started - next)).min(group as u64) as usize;
                let items: Vec<T> = inputs.by_ref().take(room).collect();
                exhausted = items.len() < room;
                if items.is_empty() {
                    break;
                }
                let tx = tx.clone();
                let first = started;
                started += items.len() as u64;
                scope.spawn(move |_| {
                    // A panic is sent back and resumed on the calling thread, which would
                    // otherwise wait for this result forever.
                    let r = panic::catch_unwind(AssertUnwindSafe(|| {
                        items.into_iter().map(f).collect::<Vec<R>>()
                    }));
                    // The receiver outlives the scope; a send cannot fail.
                    let _ = tx.send((first, r));
                });
            }
            if next == started {
                break;
            }
            let (first, r) = rx.recv().expect("the calling thread holds a sender");
            let results = r.unwrap_or_else(|p| panic::resume_unwind(p));
            for (k, r) in results.into_iter().enumerate() {
                done.insert(first + k as u64, r);
            }
            while let Some(r) = done.remove(&next) {
                next += 1;
                if result.is_ok() {
                    result = sink(r);
                }
            }
        }
        result
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    #[test]
    fn keeps_order_when_later_items_finish_first() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .unwrap();
        let mut out = Vec::new();
        ordered_map::<_, _, _, ()>(
            &pool,
            0..200u64,
            7,
            |i| {
                // Early items are slow, so later ones finish first.
                std::thread::sleep(std::time::Duration::from_micros((200 - i) * 20));
                i
            },
            |i| {
                out.push(i);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(out, (0..200).collect::<Vec<_>>());
    }

    #[test]
    fn an_error_stops_starting_new_items() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let started = std::sync::atomic::AtomicUsize::new(0);
        let mut seen = 0;
        let r = ordered_map(
            &pool,
            0..10_000u32,
            4,
            |i| {
                started.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                i
            },
            |i| {
                seen += 1;
                if i == 10 { Err("stop") } else { Ok(()) }
            },
        );
        assert_eq!(r, Err("stop"));
        assert_eq!(seen, 11);
        assert!(started.load(std::sync::atomic::Ordering::SeqCst) <= 11 + 4);
    }

    #[test]
    #[should_panic(expected = "item 3")]
    fn a_panic_in_a_worker_reaches_the_caller() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let _ = ordered_map::<_, _, _, ()>(
            &pool,
            0..10u32,
            4,
            |i| {
                if i == 3 {
                    panic!("item 3");
                }
                i
            },
            |_| Ok(()),
        );
    }

    #[test]
    fn one_thread_and_empty_input() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let mut n = 0;
        ordered_map::<u8, u8, _, ()>(
            &pool,
            [],
            4,
            |x| x,
            |_| {
                n += 1;
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(n, 0);
    }

    #[test]
    fn one_thread_runs_in_order_and_stops_at_an_error() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let started = std::sync::atomic::AtomicUsize::new(0);
        let mut out = Vec::new();
        let r = ordered_map(
            &pool,
            1..=100u32,
            8,
            |n| {
                started.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                n * 2
            },
            |x| {
                out.push(x);
                if x == 10 { Err(x) } else { Ok(()) }
            },
        );
        assert_eq!(r, Err(10));
        assert_eq!(out, [2, 4, 6, 8, 10]);
        // Nothing past the failing item was started.
        assert_eq!(started.into_inner(), 5);
    }

    #[test]
    fn groups_keep_order_and_stop_at_an_error() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .unwrap();
        for group in [1, 2, 3, 5, 16, 100] {
            let mut out = Vec::new();
            ordered_map_grouped::<_, _, _, ()>(
                &pool,
                0..200u64,
                12,
                group,
                |i| {
                    // Later items often finish first.
                    std::thread::sleep(Duration::from_micros((200 - i) % 7 * 50));
                    i
                },
                |i| {
                    out.push(i);
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(out, (0..200).collect::<Vec<_>>(), "group {group}");
            let started = AtomicUsize::new(0);
            let r = ordered_map_grouped(
                &pool,
                0..200u64,
                12,
                group,
                |i| {
                    started.fetch_add(1, Ordering::Relaxed);
                    i
                },
                |i| if i == 50 { Err(i) } else { Ok(()) },
            );
            assert_eq!(r, Err(50));
            // What was in flight at the error finishes; nothing is started after it.
            assert!(started.into_inner() <= 51 + 12, "group {group}");
        }
    }
}
