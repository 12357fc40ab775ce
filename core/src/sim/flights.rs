//! The messages in the network, by id. Ids are handed out in send order and a message lives
//! for about one latency, so the live ids form a short window: a deque of slots indexed by
//! `id - first` finds, removes and lists them in id order without a tree or a hash.

use std::collections::VecDeque;

#[derive(Clone, Debug)]
pub(crate) struct Flights<T> {
    /// Id of `slots[0]`; every id below it has arrived or died.
    first: u64,
    slots: VecDeque<Option<T>>,
    live: usize,
}

impl<T> Flights<T> {
    pub fn new() -> Self {
        Flights { first: 0, slots: VecDeque::new(), live: 0 }
    }

    /// Add message `id`, which must be the next id (one more than the last one added).
    #[inline]
    pub fn push(&mut self, id: u64, value: T) {
        assert_eq!(id, self.first + self.slots.len() as u64, "message ids are handed out in order");
        self.slots.push_back(Some(value));
        self.live += 1;
    }

    #[inline]
    fn slot(&self, id: u64) -> Option<usize> {
        id.checked_sub(self.first).map(|i| i as usize).filter(|&i| i < self.slots.len())
    }

    #[inline]
    pub fn get(&self, id: u64) -> Option<&T> {
        self.slot(id).and_then(|i| self.slots[i].as_ref())
    }

    #[inline]
    pub fn get_mut(&mut self, id: u64) -> Option<&mut T> {
        self.slot(id).and_then(|i| self.slots[i].as_mut())
    }

    #[inline]
    pub fn remove(&mut self, id: u64) -> Option<T> {
        let value = self.slots.get_mut(self.slot(id)?)?.take()?;
        self.live -= 1;
        // Slide the window past the ids that are gone.
        while let Some(None) = self.slots.front() {
            self.slots.pop_front();
            self.first += 1;
        }
        Some(value)
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.live
    }

    /// How many ids the window spans, from the oldest live one to the last one added.
    #[inline]
    pub fn span(&self) -> usize {
        self.slots.len()
    }

    /// Live messages in id order.
    pub fn iter(&self) -> impl Iterator<Item = (u64, &T)> + '_ {
        let first = self.first;
        self.slots.iter().enumerate().filter_map(move |(i, s)| s.as_ref().map(|v| (first + i as u64, v)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_slides_and_keeps_id_order() {
        let mut f = Flights::new();
        for id in 0..5 {
            f.push(id, id * 10);
        }
        assert_eq!(f.remove(2), Some(20));
        assert_eq!(f.remove(2), None);
        assert_eq!(f.remove(0), Some(0));
        assert_eq!(f.iter().collect::<Vec<_>>(), vec![(1, &10), (3, &30), (4, &40)]);
        assert_eq!((f.len(), f.get(0), f.get(9)), (3, None, None));
        f.remove(1);
        f.remove(3);
        f.remove(4);
        assert_eq!(f.len(), 0);
        f.push(5, 50);
        *f.get_mut(5).unwrap() += 1;
        assert_eq!(f.iter().collect::<Vec<_>>(), vec![(5, &51)]);
    }
}
