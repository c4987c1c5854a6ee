//! Finding many terms in text a token at a time.
//!
//! Text is cut into tokens: a run of letters and digits of a spaced script
//! (a Vietnamese syllable, an English word, a number) is one token, and
//! every other char except whitespace (a Han character, a punctuation mark)
//! is a token of its own. A term is the sequence of its tokens, each marked
//! with whether whitespace comes before it. Terms live in a trie over token
//! numbers, so a match always starts and ends on token edges: "SKSS" never
//! matches inside "CSSKSS", nor "dân số" inside "dân sống", while Chinese
//! terms, one token per character, match anywhere.
//!
//! Tokens are folded before lookup (see [`super::fold`]), so matching is
//! as insensitive as the fold.

use super::fold::{Class, classify, fold, fold_into};
use crate::normalize::{ToneStyle, place_vi_tone_pair};
use rustc_hash::FxHashMap;
use std::cell::RefCell;

/// No node, no value, or a token the trie does not know.
const NONE: u32 = u32::MAX;
/// Set on a child as an edge stores it when a term ends at that child, so
/// that a search reads `values` only for those.
const TERMINAL: u32 = 1 << 31;
/// Node indexes stay below this, clear of `TERMINAL` and `NONE`.
const MAX_NODES: usize = (TERMINAL - 1) as usize;

/// Terms, each with a value, compiled for leftmost-longest search.
///
/// Invariant: node 0 is the root; `values[node]` is the value of the term
/// that ends at `node`, or `NONE`; `first[token]` is the root's child for
/// that token number, or `NONE`; the children of `node` other than the root
/// are `children[offsets[node]..offsets[node + 1]]`, sorted by `label`;
/// every stored child carries `TERMINAL` exactly when its value is not
/// `NONE`.
#[derive(Clone, Debug, Default)]
pub(super) struct TokenTrie {
    vocabulary: Vocabulary,
    first: Vec<u32>,
    offsets: Vec<u32>,
    /// (`label`, child) pairs, grouped by parent.
    children: Vec<(u32, u32)>,
    values: Vec<u32>,
    across_zh_variants: bool,
}

/// A [`TokenTrie`] being built: children in a map, which is quick to add
/// to; [`TokenTrieBuilder::build`] lays them out for search, where runs of
/// text keep coming back to the same few nodes.
#[derive(Debug, Default)]
pub(super) struct TokenTrieBuilder {
    vocabulary: Vocabulary,
    first: Vec<u32>,
    /// (parent, `label`) → child, as stored.
    next: FxHashMap<(u32, u32), u32>,
    values: Vec<u32>,
    across_zh_variants: bool,
    /// The tokens of the term being inserted.
    tokens: Vec<Token>,
}

/// The token numbers of the tokens terms are made of.
#[derive(Clone, Debug, Default)]
struct Vocabulary {
    /// Words up to 16 bytes, keyed by their folded bytes packed into an
    /// integer (no pointer to follow; zeros after the word, which has no
    /// NUL), and longer words.
    short_words: FxHashMap<u128, u32>,
    long_words: FxHashMap<Box<str>, u32>,
    chars: FxHashMap<char, u32>,
    len: u32,
}

/// A match: byte and char spans in the text searched, and the term's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Found {
    pub bytes: (usize, usize),
    pub chars: (usize, usize),
    pub value: u32,
}

/// One token of a text: its byte and char span, whether whitespace comes
/// before it, and what it is, folded.
#[derive(Clone, Copy, Debug)]
struct Token {
    bytes: (usize, usize),
    chars: (usize, usize),
    spaced: bool,
    kind: Kind,
}

#[derive(Clone, Copy, Debug)]
enum Kind {
    /// A word, with its `short_key` when it has one (16 bytes or less).
    Word(Option<u128>),
    /// Any other char but whitespace.
    Single(char),
}

/// Buffers `find` reuses from block to block on each thread.
#[derive(Default)]
struct Scratch {
    folded: String,
    numbered: Vec<Numbered>,
    spans: Vec<((usize, usize), (usize, usize))>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::default();
}

/// A token of a searched text, with its token number (`NONE` when unknown).
#[derive(Clone, Copy, Debug)]
struct Numbered {
    number: u32,
    spaced: bool,
}

/// Where a child is stored: in `first` or in `next`.
#[derive(Clone, Copy)]
enum Slot {
    First(u32),
    Next((u32, u32)),
}

impl TokenTrieBuilder {
    /// An empty trie whose lookups fold Chinese to simplified when
    /// `across_zh_variants`; keys given to `insert` must be folded so too.
    pub fn new(across_zh_variants: bool) -> Self {
        TokenTrieBuilder {
            values: vec![NONE],
            across_zh_variants,
            ..TokenTrieBuilder::default()
        }
    }

    /// Adds the folded term `key` with `value`, unless a term with the same
    /// tokens is there already; then returns that term's value. A key with
    /// no tokens (only whitespace), or one that does not fit in a trie of
    /// two billion nodes, is not added: `Some(NONE)`.
    pub fn insert(&mut self, key: &str, value: u32) -> Option<u32> {
        let mut tokens = std::mem::take(&mut self.tokens);
        tokens.clear();
        tokenize(key, self.across_zh_variants, |token| tokens.push(token));
        let added = self.insert_tokens(key, &tokens, value);
        self.tokens = tokens;
        added
    }

    fn insert_tokens(&mut self, key: &str, tokens: &[Token], value: u32) -> Option<u32> {
        if self.values.len() + tokens.len() > MAX_NODES {
            return Some(NONE);
        }
        let mut at: Option<(u32, Slot)> = None;
        for &token in tokens {
            let number = self
                .vocabulary
                .number_or_add(key, token, self.across_zh_variants);
            if self.first.len() <= number as usize {
                self.first.resize(number as usize + 1, NONE);
            }
            let slot = match at {
                None => Slot::First(number),
                Some((parent, _)) => Slot::Next((parent, label(number, token.spaced))),
            };
            at = Some((self.child_or_add(slot) & !TERMINAL, slot));
        }
        let (node, slot) = at?;
        let existing = self.values[node as usize];
        if existing != NONE {
            return Some(existing);
        }
        self.values[node as usize] = value;
        match slot {
            Slot::First(number) => self.first[number as usize] |= TERMINAL,
            Slot::Next(edge) => *self.next.get_mut(&edge).expect("just added") |= TERMINAL,
        }
        None
    }

    /// The trie laid out for search: each node's children side by side.
    pub fn build(self) -> TokenTrie {
        let nodes = self.values.len();
        let mut offsets = vec![0u32; nodes + 1];
        for &(parent, _) in self.next.keys() {
            offsets[parent as usize + 1] += 1;
        }
        for node in 0..nodes {
            offsets[node + 1] += offsets[node];
        }
        let mut filled = offsets.clone();
        let mut children = vec![(0, 0); self.next.len()];
        for ((parent, label), child) in self.next {
            let at = &mut filled[parent as usize];
            children[*at as usize] = (label, child);
            *at += 1;
        }
        for node in 0..nodes {
            children[offsets[node] as usize..offsets[node + 1] as usize].sort_unstable();
        }
        TokenTrie {
            vocabulary: self.vocabulary,
            first: self.first,
            offsets,
            children,
            values: self.values,
            across_zh_variants: self.across_zh_variants,
        }
    }

    /// The child in `slot`, as stored, added without a value if missing.
    fn child_or_add(&mut self, slot: Slot) -> u32 {
        let stored = match slot {
            Slot::First(number) => self.first[number as usize],
            Slot::Next(edge) => self.next.get(&edge).copied().unwrap_or(NONE),
        };
        if stored != NONE {
            return stored;
        }
        self.values.push(NONE);
        let child = (self.values.len() - 1) as u32;
        match slot {
            Slot::First(number) => self.first[number as usize] = child,
            Slot::Next(edge) => {
                self.next.insert(edge, child);
            }
        }
        child
    }
}

impl TokenTrie {
    /// The value of the folded term `key`, if it was inserted.
    pub fn get(&self, key: &str) -> Option<u32> {
        let mut tokens = Vec::new();
        tokenize(key, self.across_zh_variants, |token| tokens.push(token));
        let mut child: Option<u32> = None;
        for token in tokens {
            let number = self
                .vocabulary
                .number(key, token, self.across_zh_variants)?;
            child = Some(match child {
                None => self.first_child(number)?,
                Some(parent) => self.child(parent & !TERMINAL, label(number, token.spaced))?,
            });
        }
        let child = child?;
        (child & TERMINAL != 0).then(|| self.values[(child & !TERMINAL) as usize])
    }

    /// Calls `each` with the terms in `text` (not folded), leftmost-longest:
    /// at each token, from left to right, the longest term starting there,
    /// then on after its end.
    pub fn find(&self, text: &str, mut each: impl FnMut(Found)) {
        SCRATCH.with_borrow_mut(|scratch| {
            let Scratch {
                folded,
                numbered,
                spans,
            } = scratch;
            numbered.clear();
            spans.clear();
            tokenize(text, self.across_zh_variants, |token| {
                let number = self
                    .vocabulary
                    .number_in(text, token, self.across_zh_variants, folded)
                    .unwrap_or(NONE);
                numbered.push(Numbered {
                    number,
                    spaced: token.spaced,
                });
                spans.push((token.bytes, token.chars));
            });
            let mut i = 0;
            while i < numbered.len() {
                match self.longest_at(numbered, i) {
                    Some((last, value)) => {
                        let (first, end) = (spans[i], spans[last]);
                        each(Found {
                            bytes: (first.0.0, end.0.1),
                            chars: (first.1.0, end.1.1),
                            value,
                        });
                        i = last + 1;
                    }
                    None => i += 1,
                }
            }
        });
    }

    /// The index of the last token and the value of the longest term that
    /// starts at token `i`.
    fn longest_at(&self, tokens: &[Numbered], i: usize) -> Option<(usize, u32)> {
        let mut child = self.first_child(tokens[i].number)?;
        let mut longest = None;
        let mut at = i;
        loop {
            let node = child & !TERMINAL;
            if child & TERMINAL != 0 {
                longest = Some((at, self.values[node as usize]));
            }
            at += 1;
            let Some(token) = tokens.get(at).filter(|t| t.number != NONE) else {
                break;
            };
            match self.child(node, label(token.number, token.spaced)) {
                Some(next) => child = next,
                None => break,
            }
        }
        longest
    }

    /// The root's child for token `number`, as stored (with `TERMINAL`).
    fn first_child(&self, number: u32) -> Option<u32> {
        let child = *self.first.get(number as usize)?;
        (child != NONE).then_some(child)
    }

    /// The child of `node` by `label`, as stored (with `TERMINAL`).
    fn child(&self, node: u32, label: u32) -> Option<u32> {
        let range = self.offsets[node as usize] as usize..self.offsets[node as usize + 1] as usize;
        let children = &self.children[range];
        let at = children.binary_search_by_key(&label, |&(l, _)| l).ok()?;
        Some(children[at].1)
    }
}

impl Vocabulary {
    /// The number of `token` of `text`, if a term has it; `folded` is where
    /// a long word is folded.
    fn number_in(
        &self,
        text: &str,
        token: Token,
        across_zh_variants: bool,
        folded: &mut String,
    ) -> Option<u32> {
        match token.kind {
            Kind::Single(c) => self.chars.get(&c),
            Kind::Word(Some(key)) => self.short_words.get(&key),
            Kind::Word(None) => {
                fold_into(
                    &text[token.bytes.0..token.bytes.1],
                    across_zh_variants,
                    folded,
                );
                self.long_words.get(folded.as_str())
            }
        }
        .copied()
    }

    /// [`Vocabulary::number_in`] where speed does not matter.
    fn number(&self, text: &str, token: Token, across_zh_variants: bool) -> Option<u32> {
        self.number_in(text, token, across_zh_variants, &mut String::new())
    }

    fn number_or_add(&mut self, text: &str, token: Token, across_zh_variants: bool) -> u32 {
        if let Some(number) = self.number(text, token, across_zh_variants) {
            return number;
        }
        let number = self.len;
        self.len += 1;
        match token.kind {
            Kind::Single(c) => self.chars.insert(c, number),
            Kind::Word(Some(key)) => self.short_words.insert(key, number),
            Kind::Word(None) => {
                let folded = fold(&text[token.bytes.0..token.bytes.1], across_zh_variants);
                self.long_words.insert(folded.into_boxed_str(), number)
            }
        };
        number
    }
}

/// How a child is found under its parent: its token number, and whether
/// whitespace comes before the token.
fn label(number: u32, spaced: bool) -> u32 {
    (number << 1) | u32::from(spaced)
}

/// Calls `each` with the tokens of `text` in order, folded.
fn tokenize(text: &str, across_zh_variants: bool, mut each: impl FnMut(Token)) {
    let mut rest = text.char_indices();
    let mut char_index = 0;
    let mut spaced = false;
    while let Some((start, c)) = rest.next() {
        let char_start = char_index;
        char_index += 1;
        let (folded, class) = classify(c, across_zh_variants);
        let (end, kind) = match class {
            Class::Space => {
                spaced = true;
                continue;
            }
            Class::Single => (start + c.len_utf8(), Kind::Single(folded)),
            Class::Word { .. } => {
                let mut key = WordKey::default();
                key.push(folded);
                let mut end = start + c.len_utf8();
                // Extend over the word; `rest` is cloned so that the char
                // after it is read again as the next token.
                let mut ahead = rest.clone();
                while let Some((at, next)) = ahead.next() {
                    let (folded, Class::Word { letter }) = classify(next, across_zh_variants)
                    else {
                        break;
                    };
                    if !letter {
                        key.end_syllable();
                    }
                    key.push(folded);
                    end = at + next.len_utf8();
                    char_index += 1;
                    rest = ahead.clone();
                }
                key.end_syllable();
                (end, Kind::Word(key.short()))
            }
        };
        each(Token {
            bytes: (start, end),
            chars: (char_start, char_index),
            spaced,
            kind,
        });
        spaced = false;
    }
}

/// A word's folded bytes, packed as they come while short enough.
#[derive(Default)]
struct WordKey {
    bytes: [u8; 16],
    len: usize,
    /// The last char pushed and where it starts, the char before it and
    /// where that starts, and the char before those two.
    last: Option<(char, usize)>,
    before_last: Option<(char, usize)>,
    third_last: Option<char>,
}

impl WordKey {
    fn push(&mut self, c: char) {
        let at = self.len;
        self.len += c.len_utf8();
        if let Some(room) = self.bytes.get_mut(at..self.len) {
            c.encode_utf8(room);
        }
        self.third_last = self.before_last.map(|(c, _)| c);
        self.before_last = self.last;
        self.last = Some((c, at));
    }

    /// The chars pushed end a syllable: put the tone mark of a final
    /// "oa", "oe" or "uy" (not after q) where the fold puts it.
    fn end_syllable(&mut self) {
        let (Some((second, _)), Some((first, at))) = (self.last, self.before_last) else {
            return;
        };
        if first.is_ascii() && second.is_ascii() || self.third_last == Some('q') {
            return;
        }
        if let Some((first, second)) = place_vi_tone_pair(first, second, ToneStyle::Old) {
            let third_last = self.third_last;
            self.len = at;
            self.push(first);
            self.push(second);
            self.third_last = third_last;
        }
    }

    /// The key, unless the word is longer than 16 bytes.
    fn short(&self) -> Option<u128> {
        (self.len <= 16).then(|| u128::from_le_bytes(self.bytes))
    }
}
