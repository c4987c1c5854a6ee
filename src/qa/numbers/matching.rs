//! Matching the quantities of the two sides as multisets, surest matches first.

use rustc_hash::FxHashMap;

use super::value::{Date, Decimal, Quantity, Unit, Value};

/// Above this many source × target leftovers the pairwise matching passes
/// are skipped, so that a hostile unit with thousands of numbers stays
/// linear; the exact pass has matched what it could by then.
const PAIRWISE_BUDGET: usize = 250_000;

// ---------------------------------------------------------------- matching

/// How a reported pair differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pairing {
    Changed,
    Swapped,
}

/// What each quantity of either side was matched with.
pub(super) struct Matching<'q> {
    source: &'q [Quantity],
    target: &'q [Quantity],
    pub(super) source_done: Vec<bool>,
    pub(super) target_done: Vec<bool>,
    /// Source and target quantities reported together.
    pub(super) pairs: Vec<(usize, usize, Pairing)>,
}

/// What must be equal for an exact match.
#[derive(PartialEq, Eq, Hash)]
enum Key<'a> {
    Number(Unit, Decimal),
    Date(Date),
    Doc(&'a str),
}

fn key(quantity: &Quantity) -> Key<'_> {
    match &quantity.value {
        Value::Number(n) => Key::Number(n.unit, n.value),
        Value::Date { date, .. } => Key::Date(*date),
        Value::Doc(doc) => Key::Doc(&doc.key),
    }
}

/// The kinds that a lone leftover on each side is paired within.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Number,
    Date,
    Doc,
}

fn class(quantity: &Quantity) -> Class {
    match &quantity.value {
        Value::Number(_) => Class::Number,
        Value::Date { date, .. } if date.year_only().is_some() => Class::Number,
        Value::Date { .. } => Class::Date,
        Value::Doc(_) => Class::Doc,
    }
}

impl<'q> Matching<'q> {
    pub(super) fn run(source: &'q [Quantity], target: &'q [Quantity]) -> Matching<'q> {
        let mut matching = Matching {
            source,
            target,
            source_done: vec![false; source.len()],
            target_done: vec![false; target.len()],
            pairs: Vec::new(),
        };
        matching.match_exact();
        let left = |done: &[bool]| done.iter().filter(|&&d| !d).count();
        let pairs_to_try = left(&matching.source_done).saturating_mul(left(&matching.target_done));
        if pairs_to_try <= PAIRWISE_BUDGET {
            matching.match_where(|s, t| !s.weak && !t.weak && agree(s, t));
            matching.match_where(|s, t| s.weak != t.weak && agree(s, t));
            matching.match_where(|s, t| !s.weak && !t.weak && same_value_other_unit(s, t));
            matching.pair_swapped_dates();
            matching.match_parts();
            matching.pair_lone_leftovers();
        }
        matching
    }

    /// Strong quantities with equal values, in order of appearance.
    fn match_exact(&mut self) {
        let mut waiting: FxHashMap<Key<'q>, Vec<usize>> = FxHashMap::default();
        let target = self.target;
        for (t, quantity) in target.iter().enumerate().rev() {
            if !quantity.weak {
                waiting.entry(key(quantity)).or_default().push(t);
            }
        }
        for (s, quantity) in self.source.iter().enumerate() {
            if quantity.weak {
                continue;
            }
            if let Some(t) = waiting.get_mut(&key(quantity)).and_then(Vec::pop) {
                self.source_done[s] = true;
                self.target_done[t] = true;
            }
        }
    }

    fn first_open_target(
        &self,
        source: &Quantity,
        accept: &impl Fn(&Quantity, &Quantity) -> bool,
    ) -> Option<usize> {
        (0..self.target.len()).find(|&t| !self.target_done[t] && accept(source, &self.target[t]))
    }

    fn match_where(&mut self, accept: impl Fn(&Quantity, &Quantity) -> bool) {
        for s in 0..self.source.len() {
            if self.source_done[s] {
                continue;
            }
            if let Some(t) = self.first_open_target(&self.source[s], &accept) {
                self.source_done[s] = true;
                self.target_done[t] = true;
            }
        }
    }

    fn pair_swapped_dates(&mut self) {
        let accept = |s: &Quantity, t: &Quantity| !s.weak && !t.weak && swapped(s, t);
        for s in 0..self.source.len() {
            if self.source_done[s] {
                continue;
            }
            if let Some(t) = self.first_open_target(&self.source[s], &accept) {
                self.source_done[s] = true;
                self.target_done[t] = true;
                self.pairs.push((s, t, Pairing::Swapped));
            }
        }
    }

    /// A date or document number left on one side whose parts are all
    /// among the numbers left on the other (`ngày 25/4` against `4·25`).
    fn match_parts(&mut self) {
        parts_one_way(
            self.source,
            &mut self.source_done,
            self.target,
            &mut self.target_done,
        );
        parts_one_way(
            self.target,
            &mut self.target_done,
            self.source,
            &mut self.source_done,
        );
    }

    /// One strong leftover of a kind on each side: the same thing, changed.
    fn pair_lone_leftovers(&mut self) {
        for kind in [Class::Number, Class::Date, Class::Doc] {
            let s = lone_leftover(self.source, &self.source_done, kind);
            let t = lone_leftover(self.target, &self.target_done, kind);
            if let (Some(s), Some(t)) = (s, t) {
                self.source_done[s] = true;
                self.target_done[t] = true;
                self.pairs.push((s, t, Pairing::Changed));
            }
        }
    }
}

/// Whether two quantities may stand for the same thing.
fn agree(a: &Quantity, b: &Quantity) -> bool {
    match (&a.value, &b.value) {
        (Value::Number(x), Value::Number(y)) => {
            x.unit == y.unit && x.readings().any(|r| y.readings().any(|q| q == r))
        }
        (Value::Date { date: x, alt: xa }, Value::Date { date: y, alt: ya }) => {
            let ys = [Some(*y), *ya];
            [Some(*x), *xa]
                .into_iter()
                .flatten()
                .any(|d| ys.into_iter().flatten().any(|e| d.agrees(e)))
        }
        (Value::Date { date, .. }, Value::Number(n))
        | (Value::Number(n), Value::Date { date, .. }) => date
            .year_only()
            .is_some_and(|year| n.reads_as_integer(u128::from(year))),
        (Value::Doc(x), Value::Doc(y)) => {
            x.key == y.key || (x.chinese != y.chinese && numbers_nest(&x.numbers, &y.numbers))
        }
        _ => false,
    }
}

/// Whether the shorter list is a non-empty sub-multiset of the longer.
fn numbers_nest(a: &[u128], b: &[u128]) -> bool {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut left = large.to_vec();
    !small.is_empty()
        && small
            .iter()
            .all(|n| match left.iter().position(|m| m == n) {
                Some(i) => {
                    left.swap_remove(i);
                    true
                }
                None => false,
            })
}

/// `2.5%` against `2.5`: a dropped sign is not worth an alarm.
fn same_value_other_unit(a: &Quantity, b: &Quantity) -> bool {
    match (&a.value, &b.value) {
        (Value::Number(x), Value::Number(y)) => {
            x.unit != y.unit && x.readings().any(|r| y.readings().any(|q| q == r))
        }
        _ => false,
    }
}

fn swapped(a: &Quantity, b: &Quantity) -> bool {
    let (Value::Date { date: x, .. }, Value::Date { date: y, .. }) = (&a.value, &b.value) else {
        return false;
    };
    x.swapped().is_some_and(|s| {
        s.month == y.month
            && s.day == y.day
            && (s.year == y.year || s.year.is_none() || y.year.is_none())
    })
}

/// The open plain numbers of `others` that hold every part of `whole`.
fn parts_among(whole: &Quantity, others: &[Quantity], done: &[bool]) -> Option<Vec<usize>> {
    let parts = match &whole.value {
        Value::Date { date, .. } => date.parts(),
        Value::Doc(doc) => doc.numbers.clone(),
        Value::Number(_) => return None,
    };
    if parts.is_empty() {
        return None;
    }
    let mut picked: Vec<usize> = Vec::with_capacity(parts.len());
    for part in parts {
        let found = (0..others.len()).find(|&i| {
            !done[i]
                && !picked.contains(&i)
                && matches!(&others[i].value, Value::Number(n) if n.reads_as_integer(part))
        })?;
        picked.push(found);
    }
    Some(picked)
}

fn lone_leftover(quantities: &[Quantity], done: &[bool], kind: Class) -> Option<usize> {
    let mut open = (0..quantities.len())
        .filter(|&i| !done[i] && !quantities[i].weak && class(&quantities[i]) == kind);
    let first = open.next()?;
    open.next().is_none().then_some(first)
}

/// Marks each unmatched, strong quantity of `wholes` whose parts are all
/// among the unmatched `parts`, and those parts, as matched.
fn parts_one_way(
    wholes: &[Quantity],
    wholes_done: &mut [bool],
    parts: &[Quantity],
    parts_done: &mut [bool],
) {
    for w in 0..wholes.len() {
        if wholes_done[w] || wholes[w].weak {
            continue;
        }
        if let Some(found) = parts_among(&wholes[w], parts, parts_done) {
            wholes_done[w] = true;
            for p in found {
                parts_done[p] = true;
            }
        }
    }
}
