//! The event queue: a binary min-heap on (time, sequence number). Cancelling an event does
//! not search the heap; the engine leaves it there and skips it when it comes up, because
//! a stale entry is easy to recognise (its key no longer matches what it points to) and
//! cancellations (timer resets on every heartbeat) are far more frequent than they are costly.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use super::time::Time;

/// When an event happens, and in which order among events at the same time.
pub type Key = (Time, u64);

#[derive(Clone, Debug)]
struct Entry<E> {
    key: Key,
    event: E,
}

impl<E> PartialEq for Entry<E> {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}
impl<E> Eq for Entry<E> {}
impl<E> PartialOrd for Entry<E> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<E> Ord for Entry<E> {
    fn cmp(&self, other: &Self) -> Ordering {
        // The same order as the tuples', as one wide comparison without branches: the heap
        // compares on every level of every push and pop.
        let wide = |(t, seq): Key| (t as u128) << 64 | seq as u128;
        wide(self.key).cmp(&wide(other.key))
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Queue<E> {
    heap: BinaryHeap<Reverse<Entry<E>>>,
    /// The next sequence number; keys are unique because every push takes one.
    seq: u64,
}

impl<E> Queue<E> {
    /// A queue whose sequence numbers start at `seq` (numbers below it are taken elsewhere).
    pub fn starting_at(seq: u64) -> Self {
        Queue { heap: BinaryHeap::new(), seq }
    }

    pub fn push(&mut self, at: Time, event: E) -> Key {
        let key = (at, self.seq);
        self.seq += 1;
        self.heap.push(Reverse(Entry { key, event }));
        key
    }

    pub fn peek(&self) -> Option<(Key, &E)> {
        self.heap.peek().map(|Reverse(e)| (e.key, &e.event))
    }

    pub fn pop(&mut self) -> Option<(Key, E)> {
        self.heap.pop().map(|Reverse(e)| (e.key, e.event))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pops_by_time_then_push_order() {
        let mut q = Queue::starting_at(10);
        q.push(5, 'a');
        q.push(3, 'b');
        q.push(5, 'c');
        q.push(3, 'd');
        let order: Vec<_> = std::iter::from_fn(|| q.pop()).collect();
        assert_eq!(order, vec![((3, 11), 'b'), ((3, 13), 'd'), ((5, 10), 'a'), ((5, 12), 'c')]);
    }
}
