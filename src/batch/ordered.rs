//! Parallel map with results delivered in input order, without a barrier between groups.
//!
//! Batch runs used to process a chunk of documents in parallel, wait for the slowest of them,
//! then write the chunk's outputs: every chunk ended with idle threads, and reading and writing
//! never overlapped processing. [`ordered_map`] keeps a window of items in flight while the
//! calling thread reads the next inputs and consumes finished results in order, so memory stays
//! bounded by the window and no thread waits for a straggler it does not need.
//!
//! The calling thread is one of the [`Workers`]: between reading inputs and consuming results
//! it processes the oldest waiting group itself, and blocks only when every group in flight is
//! already being processed. A pool of `N` threads beside a calling thread that only waited
//! would put `N + 1` busy threads on `N` cores, and every hand-over would wake a sleeping
//! thread (docs/batch.md measures what that cost).

use std::collections::{BTreeMap, VecDeque};
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Mutex, mpsc};

/// Items in flight per worker: enough to keep every thread busy while the calling thread
/// waits for the oldest result, few enough to keep memory small.
pub const WINDOW_PER_THREAD: usize = 16;

/// The threads a batch run works on: the calling thread, and for more than one worker a pool of
/// the others.
#[derive(Debug)]
pub struct Workers {
    pool: Option<rayon::ThreadPool>,
}

impl Workers {
    /// `threads` workers in all, the calling thread included (at least 1); `None`: one per
    /// core.
    ///
    /// ```
    /// use textmend::batch::ordered::Workers;
    /// assert_eq!(Workers::new(Some(3)).unwrap().threads(), 3);
    /// assert_eq!(Workers::new(Some(0)).unwrap().threads(), 1);
    /// ```
    pub fn new(threads: Option<usize>) -> Result<Workers, rayon::ThreadPoolBuildError> {
        let n = threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .max(1);
        let pool = match n {
            1 => None,
            _ => Some(rayon::ThreadPoolBuilder::new().num_threads(n - 1).build()?),
        };
        Ok(Workers { pool })
    }

    /// How many threads work, the calling thread included.
    pub fn threads(&self) -> usize {
        self.pool
            .as_ref()
            .map_or(1, |p| p.current_num_threads() + 1)
    }
}

/// Run `f` on every item of `inputs` on `workers`, and pass each result to `sink` in the order
/// of `inputs`. At most `window` items are in flight (read but not yet consumed). The calling
/// thread reads `inputs`, runs `sink`, and runs `f` on items no other worker has taken yet;
/// with one worker it runs `f` on every item, in order. When `sink` returns an error, no
/// further item is started and the error is returned once the items in flight have finished.
///
/// ```
/// use textmend::batch::ordered::{Workers, ordered_map};
/// let workers = Workers::new(Some(2)).unwrap();
/// let mut out = Vec::new();
/// ordered_map::<_, _, _, ()>(&workers, 1..=100u64, 8, |n| n * n, |sq| {
///     out.push(sq);
///     Ok(())
/// })
/// .unwrap();
/// assert_eq!(out, (1..=100u64).map(|n| n * n).collect::<Vec<_>>());
/// ```
pub fn ordered_map<T, R, F, E>(
    workers: &Workers,
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
    ordered_map_grouped(workers, inputs, window, 1, f, sink)
}

/// [`ordered_map`] with the items handed out in groups of up to `group` consecutive items, one
/// task per group: fewer thread wake-ups per item where items are many and small (files of a
/// directory, JSON Lines records). A group is started only once all its items are read (or the
/// input ends): items that arrive slowly through a pipe wait for their group.
///
/// ```
/// use textmend::batch::ordered::{Workers, ordered_map_grouped};
/// let workers = Workers::new(Some(2)).unwrap();
/// let mut out = Vec::new();
/// ordered_map_grouped::<_, _, _, ()>(&workers, 1..=100u64, 16, 4, |n| n + 1, |x| {
///     out.push(x);
///     Ok(())
/// })
/// .unwrap();
/// assert_eq!(out, (2..=101u64).collect::<Vec<_>>());
/// ```
pub fn ordered_map_grouped<T, R, F, E>(
    workers: &Workers,
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
    // One worker: the calling thread does the work itself, in order.
    let Some(pool) = &workers.pool else {
        for item in inputs {
            sink(f(item))?;
        }
        return Ok(());
    };
    type Outcome<R> = std::thread::Result<Vec<R>>;
    // Groups read but not yet taken by a worker, oldest first. Every group gets one pool task,
    // which takes the oldest waiting group (not necessarily its own: the calling thread may
    // have taken that one) or, finding none, does nothing.
    let waiting: Mutex<VecDeque<(u64, Vec<T>)>> = Mutex::new(VecDeque::new());
    let take = || {
        waiting
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .pop_front()
    };
    // A panic is sent back and resumed on the calling thread, which would otherwise wait for
    // this result forever.
    let run = |items: Vec<T>| -> Outcome<R> {
        panic::catch_unwind(AssertUnwindSafe(|| {
            items.into_iter().map(&f).collect::<Vec<R>>()
        }))
    };
    let (tx, rx) = mpsc::channel::<(u64, Outcome<R>)>();
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
                let first = started;
                started += items.len() as u64;
                waiting
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push_back((first, items));
                let tx = tx.clone();
                let (take, run) = (&take, &run);
                scope.spawn(move |_| {
                    if let Some((first, items)) = take() {
                        // The receiver outlives the scope; a send cannot fail.
                        let _ = tx.send((first, run(items)));
                    }
                });
            }
            if next == started {
                break;
            }
            // A finished group if there is one; else the oldest waiting group, processed here;
            // else wait for a worker.
            let (first, r) = match rx.try_recv() {
                Ok(m) => m,
                Err(_) => match take() {
                    Some((first, items)) => (first, run(items)),
                    None => rx.recv().expect("the calling thread holds a sender"),
                },
            };
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
        let workers = Workers::new(Some(3)).unwrap();
        let mut out = Vec::new();
        ordered_map::<_, _, _, ()>(
            &workers,
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
        let workers = Workers::new(Some(2)).unwrap();
        let started = std::sync::atomic::AtomicUsize::new(0);
        let mut seen = 0;
        let r = ordered_map(
            &workers,
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
        let workers = Workers::new(Some(2)).unwrap();
        let _ = ordered_map::<_, _, _, ()>(
            &workers,
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
    fn work_runs_on_as_many_threads_as_there_are_workers() {
        for n in [1, 2, 3] {
            let workers = Workers::new(Some(n)).unwrap();
            let threads = std::sync::Mutex::new(std::collections::HashSet::new());
            ordered_map_grouped::<_, _, _, ()>(
                &workers,
                0..300u64,
                24,
                3,
                |i| {
                    threads.lock().unwrap().insert(std::thread::current().id());
                    std::thread::sleep(Duration::from_micros(200));
                    i
                },
                |_| Ok(()),
            )
            .unwrap();
            let threads = threads.into_inner().unwrap();
            assert!(threads.len() <= n, "{n} workers, {} threads", threads.len());
            if n == 1 {
                assert!(threads.contains(&std::thread::current().id()));
            }
        }
    }

    #[test]
    fn one_thread_and_empty_input() {
        let workers = Workers::new(Some(1)).unwrap();
        let mut n = 0;
        ordered_map::<u8, u8, _, ()>(
            &workers,
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
        let workers = Workers::new(Some(1)).unwrap();
        let started = std::sync::atomic::AtomicUsize::new(0);
        let mut out = Vec::new();
        let r = ordered_map(
            &workers,
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
        let workers = Workers::new(Some(3)).unwrap();
        for group in [1, 2, 3, 5, 16, 100] {
            let mut out = Vec::new();
            ordered_map_grouped::<_, _, _, ()>(
                &workers,
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
                &workers,
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
