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
//! as insensitive as the fold. Folding a word char by char is the dearest
//! step of a search, and text repeats its words: each thread keeps the
//! token number of the words it has seen, by their bytes as written.

use super::fold::{Class, Classifier, fold_into};
use rayon::slice::ParallelSliceMut;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::hint::select_unpredictable;
use std::sync::atomic::{AtomicU64, Ordering};

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
/// that ends at `node`, or `NONE`; `first[token & (first.len() - 1)]` is
/// the root's child for that token number, or `NONE`, and `first.len()` is
/// a power of two above every token number (so that `NONE`, all ones, finds
/// `NONE` at the end); the children of `node` other than the root
/// are `children[offsets[node]..offsets[node + 1]]`, sorted by `label`;
/// every stored child carries `TERMINAL` exactly when its value is not
/// `NONE`.
#[derive(Clone, Debug)]
pub(super) struct TokenTrie {
    /// Which trie a thread's [`Scratch::seen`] words were looked up in.
    id: u64,
    vocabulary: Vocabulary,
    first: Vec<u32>,
    offsets: Vec<u32>,
    /// (`label`, child) pairs, grouped by parent.
    children: Vec<(u32, u32)>,
    values: Vec<u32>,
    across_zh_variants: bool,
}

/// A [`TokenTrie`] being built: the terms' token numbers one after
/// another, laid out as a trie by [`TokenTrieBuilder::build`].
#[derive(Debug, Default)]
pub(super) struct TokenTrieBuilder {
    vocabulary: Vocabulary,
    across_zh_variants: bool,
    /// The `label`s of every term added, one term after another; the first
    /// token of a term is labelled as not spaced.
    labels: Vec<u32>,
    /// Where each term's labels end in `labels`.
    ends: Vec<usize>,
}

/// Terms cut into folded tokens and numbered among themselves: the part of
/// building a trie that can run in parallel, before
/// [`TokenTrieBuilder::add`] gives the tokens their numbers in the trie.
#[derive(Debug, Default)]
pub(super) struct TermTokens {
    across_zh_variants: bool,
    /// The distinct tokens of these terms, each with its number here.
    local: FxHashMap<TokenKey, u32>,
    /// The `label` of each token by its number here, one term after
    /// another; the first token of a term is labelled as not spaced.
    labels: Vec<u32>,
    /// Where each term's tokens end in `labels`.
    ends: Vec<usize>,
    /// Where a word is folded.
    folded: String,
}

/// What a token of a term is looked up by in the [`Vocabulary`].
#[derive(Debug, PartialEq, Eq, Hash)]
enum TokenKey {
    Short(u128),
    Long(Box<str>),
    Char(char),
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
    /// The numbers of `chars` of the Basic Multilingual Plane (`NONE` for
    /// other chars below the highest), by code: a Chinese text's every
    /// char is looked up, and an index is far quicker than a hash.
    /// Filled by [`Vocabulary::index_chars`].
    bmp_chars: Box<[u32]>,
    len: u32,
}

/// A match: byte and char spans in the text searched, and the term's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Found {
    pub bytes: (usize, usize),
    pub chars: (usize, usize),
    pub value: u32,
}

/// One token of a text: its byte span, whether whitespace comes before
/// it, and what it is, folded.
#[derive(Clone, Copy, Debug)]
struct Token {
    bytes: (usize, usize),
    spaced: bool,
    kind: Kind,
}

#[derive(Clone, Copy, Debug)]
enum Kind {
    /// A word (not folded: its bytes are the token's span of the text).
    Word,
    /// Any other char but whitespace, folded.
    Single(char),
}

/// Buffers `find` reuses from block to block on each thread, and the
/// words it has looked up.
#[derive(Default)]
struct Scratch {
    folded: String,
    numbered: Vec<Numbered>,
    seen: SeenWords,
}

/// The token numbers (or `NONE`) of words of up to [`SEEN_WORD_BYTES`]
/// as written, in the trie `trie`: a cache where each word has two places
/// it may be kept in, and a word looked up takes the place of the older
/// word of the two.
struct SeenWords {
    trie: u64,
    pairs: Box<[PlacePair]>,
}

/// Two places of [`SeenWords`], the word put in last first. A place holds a
/// word's [`pack`]ed bytes in its low 96 bits and its number in the high
/// 32, or 0 when no word has been there (no word packs to 0): sixteen
/// bytes, one aligned read. Two places a word rather than one: two words
/// that would take the same place were seen to push each other out again
/// and again (folding each anew), in the same memory.
#[derive(Clone, Copy, Default)]
#[repr(align(32))]
struct PlacePair([u128; 2]);

/// How many words [`SeenWords`] holds at most (a power of two): more than
/// the syllables a Vietnamese document has, in 64 KiB.
const SEEN_PLACES: usize = 1 << 12;

/// The longest word [`SeenWords`] holds, in bytes: every Vietnamese
/// syllable, and most English words.
const SEEN_WORD_BYTES: usize = 12;

/// The source of [`TokenTrie::id`]s.
static TRIE_IDS: AtomicU64 = AtomicU64::new(1);

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::default();
}

/// A token of a searched text: its token number (`NONE` when unknown),
/// whether whitespace comes before it, and its byte span.
#[derive(Clone, Copy, Debug)]
struct Numbered {
    number: u32,
    spaced: bool,
    bytes: (usize, usize),
}

impl TokenTrieBuilder {
    /// An empty trie whose lookups fold Chinese to simplified when
    /// `across_zh_variants`; keys given to `insert` must be folded so too.
    pub fn new(across_zh_variants: bool) -> Self {
        TokenTrieBuilder {
            across_zh_variants,
            ..TokenTrieBuilder::default()
        }
    }

    /// Adds `terms`, in order. Terms are numbered from 0 in the order
    /// they are added; a term's value in the built trie is the number of
    /// the first term added with the same tokens. A term with no tokens
    /// (only whitespace), or one that does not fit in a trie of two billion
    /// nodes, is numbered but never found.
    pub fn add(&mut self, terms: TermTokens) {
        debug_assert_eq!(terms.across_zh_variants, self.across_zh_variants);
        // In the order the tokens were first seen, so that the numbers do
        // not hang on the order of a hash table.
        let mut local: Vec<(TokenKey, u32)> = terms.local.into_iter().collect();
        local.sort_unstable_by_key(|&(_, number)| number);
        let numbers: Vec<u32> = local
            .into_iter()
            .map(|(key, _)| self.vocabulary.number_or_add(key))
            .collect();
        let mut start = 0;
        for end in terms.ends {
            if self.labels.len() + (end - start) < MAX_NODES {
                let term = &terms.labels[start..end];
                self.labels.extend(
                    term.iter()
                        .map(|&local| label(numbers[(local >> 1) as usize], local & 1 == 1)),
                );
            }
            self.ends.push(self.labels.len());
            start = end;
        }
    }

    /// The trie laid out for search. Terms are sorted by their labels, so
    /// that each new term shares the nodes of the longest prefix it has in
    /// common with the one before, and nodes are numbered depth first: a
    /// node's children come in label order, and a term's nodes lie close
    /// together.
    pub fn build(self) -> TokenTrie {
        let term = |k: usize| &self.labels[if k == 0 { 0 } else { self.ends[k - 1] }..self.ends[k]];
        // Sorted by labels, then by number: of terms with the same labels,
        // the first added comes first. The first labels, packed into an
        // integer, order all terms but the few longer than the packing
        // holds; those are ordered by the rest of their labels after.
        let packing = LabelPacking::new(self.labels.iter().copied().max().unwrap_or(0));
        // The key's halves and the number: 24 bytes to move, where a
        // `(u128, u32)` would take 32.
        let mut order: Vec<[u64; 3]> = (0..self.ends.len())
            .filter(|&k| !term(k).is_empty())
            .map(|k| {
                let key = packing.key(term(k));
                [(key >> 64) as u64, key as u64, k as u64]
            })
            .collect();
        order.par_sort_unstable();
        let rest = |k: u64| term(k as usize).get(packing.labels..).unwrap_or_default();
        for same_start in order.chunk_by_mut(|a, b| a[..2] == b[..2]) {
            if same_start.iter().any(|&[.., k]| !rest(k).is_empty()) {
                same_start
                    .sort_unstable_by(|&[.., a], &[.., b]| rest(a).cmp(rest(b)).then(a.cmp(&b)));
            }
        }

        let mut first = vec![NONE; (self.vocabulary.len as usize + 1).next_power_of_two()];
        // For every node but the root: its parent (NONE under the root) and
        // its label.
        let mut parents = vec![NONE];
        let mut node_labels = vec![0];
        let mut values = vec![NONE];
        // The nodes of the previous term, from depth 1.
        let mut path: Vec<u32> = Vec::new();
        let mut previous: &[u32] = &[];
        for [.., k] in order {
            let labels = term(k as usize);
            let shared = labels
                .iter()
                .zip(previous)
                .take_while(|(a, b)| a == b)
                .count();
            path.truncate(shared);
            for &label in &labels[shared..] {
                let node = values.len() as u32;
                match path.last() {
                    Some(&parent) => parents.push(parent),
                    None => {
                        first[(label >> 1) as usize] = node;
                        parents.push(NONE);
                    }
                }
                node_labels.push(label);
                values.push(NONE);
                path.push(node);
            }
            let end = *path.last().expect("a term has a token") as usize;
            if values[end] == NONE {
                values[end] = k as u32;
            }
            previous = labels;
        }

        let terminal = |node: u32| match values[node as usize] {
            NONE => node,
            _ => node | TERMINAL,
        };
        for child in first.iter_mut().filter(|child| **child != NONE) {
            *child = terminal(*child);
        }
        let nodes = values.len();
        let mut offsets = vec![0u32; nodes + 1];
        for &parent in parents.iter().filter(|&&parent| parent != NONE) {
            offsets[parent as usize + 1] += 1;
        }
        for node in 0..nodes {
            offsets[node + 1] += offsets[node];
        }
        let mut filled = offsets.clone();
        let mut children = vec![(0, 0); offsets[nodes] as usize];
        // In node order, which is label order among siblings.
        for (node, &parent) in parents.iter().enumerate() {
            if parent != NONE {
                let at = &mut filled[parent as usize];
                children[*at as usize] = (node_labels[node], terminal(node as u32));
                *at += 1;
            }
        }
        TokenTrie {
            id: TRIE_IDS.fetch_add(1, Ordering::Relaxed),
            vocabulary: self.vocabulary.index_chars(),
            first,
            offsets,
            children,
            values,
            across_zh_variants: self.across_zh_variants,
        }
    }
}

impl TokenTrie {
    /// The value of the folded term `key`, if it was inserted.
    pub fn get(&self, key: &str) -> Option<u32> {
        let mut tokens = Vec::new();
        tokenize(key, self.across_zh_variants, |token| tokens.push(token));
        let mut folded = String::new();
        let mut child: Option<u32> = None;
        for token in tokens {
            let number = self.number(key, token, &mut folded);
            if number == NONE {
                return None;
            }
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
                seen,
            } = scratch;
            seen.use_for(self.id);
            numbered.clear();
            tokenize(text, self.across_zh_variants, |token| {
                let number = match token.kind {
                    Kind::Word if token.bytes.1 - token.bytes.0 <= SEEN_WORD_BYTES => {
                        let packed = pack_span(text.as_bytes(), token.bytes);
                        seen.number(packed, || self.number(text, token, folded))
                    }
                    Kind::Single(c) => self.vocabulary.char_number(c),
                    Kind::Word => self.number(text, token, folded),
                };
                numbered.push(Numbered {
                    number,
                    spaced: token.spaced,
                    bytes: token.bytes,
                });
            });
            // Char offsets are counted only for matches, on from the end
            // of the one before.
            let mut counted = (0, 0);
            let mut chars_to = |byte: usize| {
                let (from, chars) = counted;
                counted = (byte, chars + text[from..byte].chars().count());
                counted.1
            };
            let mut i = 0;
            while i < numbered.len() {
                match self.longest_at(numbered, i) {
                    Some((last, value)) => {
                        let bytes = (numbered[i].bytes.0, numbered[last].bytes.1);
                        let chars = (chars_to(bytes.0), chars_to(bytes.1));
                        each(Found {
                            bytes,
                            chars,
                            value,
                        });
                        i = last + 1;
                    }
                    None => i += 1,
                }
            }
        });
    }

    /// The number of `token` of `text`, or `NONE` when no term has it;
    /// `folded` is where a word is folded.
    fn number(&self, text: &str, token: Token, folded: &mut String) -> u32 {
        let vocabulary = &self.vocabulary;
        match token.kind {
            Kind::Single(c) => vocabulary.char_number(c),
            Kind::Word => {
                let word = &text[token.bytes.0..token.bytes.1];
                fold_into(word, self.across_zh_variants, folded);
                let number = match folded.len() {
                    ..=16 => vocabulary.short_words.get(&pack(folded.as_bytes())),
                    _ => vocabulary.long_words.get(folded.as_str()),
                };
                number.copied().unwrap_or(NONE)
            }
        }
    }

    /// The index of the last token and the value of the longest term that
    /// starts at token `i`.
    #[inline(always)]
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
    #[inline(always)]
    fn first_child(&self, number: u32) -> Option<u32> {
        // A mask, not a test for `NONE`: one branch fewer that text
        // cannot make predictable.
        let child = self.first[number as usize & (self.first.len() - 1)];
        (child != NONE).then_some(child)
    }

    /// The child of `node` by `label`, as stored (with `TERMINAL`).
    #[inline(always)]
    fn child(&self, node: u32, label: u32) -> Option<u32> {
        let range = self.offsets[node as usize] as usize..self.offsets[node as usize + 1] as usize;
        // A binary search whose steps are conditional moves, not branches:
        // the labels a text asks for cannot be predicted.
        let mut rest = &self.children[range];
        while rest.len() > 1 {
            let half = rest.len() / 2;
            rest = select_unpredictable(rest[half].0 <= label, &rest[half..], &rest[..half]);
        }
        let &(found, child) = rest.first()?;
        (found == label).then_some(child)
    }
}

/// Chars below this are in the Basic Multilingual Plane.
const BMP: usize = 0x1_0000;

impl Vocabulary {
    /// The token number of the char `c`, or `NONE`.
    #[inline(always)]
    fn char_number(&self, c: char) -> u32 {
        match self.bmp_chars.get(c as usize) {
            Some(&number) => number,
            None if c as usize >= BMP => self.chars.get(&c).copied().unwrap_or(NONE),
            None => NONE,
        }
    }

    /// The vocabulary with `bmp_chars` filled from `chars`.
    fn index_chars(mut self) -> Self {
        let bmp = self.chars.iter().filter(|&(&c, _)| (c as usize) < BMP);
        let len = bmp.clone().map(|(&c, _)| c as usize + 1).max().unwrap_or(0);
        let mut table = vec![NONE; len];
        for (&c, &number) in bmp {
            table[c as usize] = number;
        }
        self.bmp_chars = table.into_boxed_slice();
        self
    }

    fn number_or_add(&mut self, key: TokenKey) -> u32 {
        let next = self.len;
        let number = *match key {
            TokenKey::Char(c) => self.chars.entry(c).or_insert(next),
            TokenKey::Short(key) => self.short_words.entry(key).or_insert(next),
            TokenKey::Long(word) => self.long_words.entry(word).or_insert(next),
        };
        if number == next {
            self.len += 1;
        }
        number
    }
}

impl TermTokens {
    /// No terms yet; terms will be folded to simplified Chinese when
    /// `across_zh_variants`, as the trie they are for does.
    pub fn new(across_zh_variants: bool) -> Self {
        TermTokens {
            across_zh_variants,
            ..TermTokens::default()
        }
    }

    /// Adds the folded term `key`.
    pub fn push(&mut self, key: &str) {
        let TermTokens {
            across_zh_variants,
            local,
            labels,
            folded,
            ..
        } = self;
        let first = labels.len();
        tokenize(key, *across_zh_variants, |token| {
            let lookup = match token.kind {
                Kind::Single(c) => TokenKey::Char(c),
                Kind::Word => {
                    let word = &key[token.bytes.0..token.bytes.1];
                    fold_into(word, *across_zh_variants, folded);
                    match folded.len() {
                        ..=16 => TokenKey::Short(pack(folded.as_bytes())),
                        _ => TokenKey::Long(folded.as_str().into()),
                    }
                }
            };
            let next = local.len() as u32;
            let number = *local.entry(lookup).or_insert(next);
            labels.push(label(number, token.spaced && labels.len() > first));
        });
        self.ends.push(self.labels.len());
    }
}

impl Default for SeenWords {
    fn default() -> Self {
        SeenWords {
            trie: 0,
            pairs: vec![PlacePair::default(); SEEN_PLACES / 2].into_boxed_slice(),
        }
    }
}

impl SeenWords {
    /// Forgets the words unless they were looked up in trie `id`.
    fn use_for(&mut self, id: u64) {
        if self.trie != id {
            self.pairs.fill(PlacePair::default());
            self.trie = id;
        }
    }

    /// Which of `pairs` may hold the word [`pack`]ed as `packed`.
    #[inline(always)]
    fn pair_of(packed: u128) -> usize {
        let mixed = (packed as u64 ^ (packed >> 64) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (mixed >> 52) as usize % (SEEN_PLACES / 2)
    }

    /// The number of the word [`pack`]ed as `packed` (of at most
    /// [`SEEN_WORD_BYTES`]), from its place, or from `look_up` when
    /// neither of its places holds it.
    #[inline(always)]
    fn number(&mut self, packed: u128, look_up: impl FnOnce() -> u32) -> u32 {
        const WORD: u128 = (1 << (8 * SEEN_WORD_BYTES)) - 1;
        debug_assert_eq!(packed & !WORD, 0);
        let pair = &mut self.pairs[SeenWords::pair_of(packed)];
        // Not a token number: there are fewer. Which place holds the word
        // cannot be predicted: chosen without a branch.
        let absent = NONE - 1;
        let kept = pair.0.iter().fold(absent, |kept, &place| {
            select_unpredictable(place & WORD == packed, (place >> 96) as u32, kept)
        });
        if kept != absent {
            return kept;
        }
        let number = look_up();
        pair.0 = [packed | (u128::from(number) << 96), pair.0[0]];
        number
    }
}

/// [`pack`] of `text[span.0..span.1]`, a span of up to 16 bytes: where
/// 16 bytes can be read from its start, one read and a mask, with no
/// branch on the length.
#[inline(always)]
fn pack_span(text: &[u8], span: (usize, usize)) -> u128 {
    let length = span.1 - span.0;
    debug_assert!(length <= 16);
    match text.get(span.0..span.0 + 16) {
        Some(sixteen) => {
            let all = u128::from_le_bytes(sixteen.try_into().expect("16 bytes"));
            let mask = u128::MAX.checked_shr(8 * (16 - length) as u32).unwrap_or(0);
            all & mask
        }
        None => pack(&text[span.0..span.1]),
    }
}

/// A word of up to 16 bytes as an integer: its bytes, then zeros (a word
/// has no NUL), so that two words are equal when their integers are.
#[inline]
fn pack(word: &[u8]) -> u128 {
    // Two reads of eight (or four) bytes that may overlap, the second
    // shifted clear of the first: quicker than copying a varying length.
    let n = word.len();
    let u64_at = |at: usize| u64::from_le_bytes(word[at..at + 8].try_into().expect("8 bytes"));
    let u32_at = |at: usize| u32::from_le_bytes(word[at..at + 4].try_into().expect("4 bytes"));
    match n {
        0..4 => word
            .iter()
            .rev()
            .fold(0, |packed, &byte| (packed << 8) | u128::from(byte)),
        4..8 => {
            let high = u64::from(u32_at(n - 4)) >> (8 * (8 - n));
            u128::from(u64::from(u32_at(0)) | (high << 32))
        }
        8..=16 => {
            let high = u128::from(u64_at(n - 8)) >> (8 * (16 - n));
            u128::from(u64_at(0)) | (high << 64)
        }
        _ => panic!("pack takes at most 16 bytes"),
    }
}

/// How the first labels of a term are packed into a `u128` that sorts as
/// they do: each label plus one (so that a missing label, 0, sorts first)
/// in `bits` bits, the first label highest.
struct LabelPacking {
    bits: u32,
    labels: usize,
}

impl LabelPacking {
    fn new(max_label: u32) -> Self {
        let bits = u64::BITS - (u64::from(max_label) + 1).leading_zeros();
        LabelPacking {
            bits,
            labels: (u128::BITS / bits) as usize,
        }
    }

    fn key(&self, labels: &[u32]) -> u128 {
        (0..self.labels).fold(0, |key, at| {
            let label = labels.get(at).map_or(0, |&label| u128::from(label) + 1);
            (key << self.bits) | label
        })
    }
}

/// How a child is found under its parent: its token number, and whether
/// whitespace comes before the token.
fn label(number: u32, spaced: bool) -> u32 {
    (number << 1) | u32::from(spaced)
}

/// How many ASCII letters and digits `bytes` has from `at` on. Eight bytes
/// at a time, each tested by arithmetic on all eight at once, so that where
/// a word ends decides no branch: a loop a byte at a time mispredicts at
/// nearly every word's end.
#[inline(always)]
fn ascii_alphanumeric_run(bytes: &[u8], mut at: usize) -> usize {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = ONES * 0x80;
    // The high bit of each byte of `x` (all below 0x80) that is at least
    // `low`, and of each that is above `high`: adding cannot carry into
    // the next byte.
    let at_least = |x: u64, low: u8| x + ONES * u64::from(0x80 - low);
    let above = |x: u64, high: u8| x + ONES * u64::from(0x7F - high);
    let start = at;
    while let Some(eight) = bytes.get(at..at + 8) {
        let raw = u64::from_le_bytes(eight.try_into().expect("8 bytes"));
        let ascii = !raw & HIGH;
        let x = raw & !HIGH;
        let lower = x | (ONES * 0x20);
        let letter = at_least(lower, b'a') & !above(lower, b'z');
        let digit = at_least(x, b'0') & !above(x, b'9');
        let alphanumeric = (letter | digit) & ascii;
        let run = (!alphanumeric & HIGH).trailing_zeros() as usize / 8;
        at += run;
        if run < 8 {
            return at - start;
        }
    }
    while bytes.get(at).is_some_and(u8::is_ascii_alphanumeric) {
        at += 1;
    }
    at - start
}

/// Calls `each` with the tokens of `text` in order.
fn tokenize(text: &str, across_zh_variants: bool, mut each: impl FnMut(Token)) {
    let classifier = Classifier::new(across_zh_variants);
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut spaced = false;
    while let Some((folded, class, width)) = classifier.classify_at(text, at) {
        let start = at;
        at += width;
        let kind = match class {
            Class::Space => {
                spaced = true;
                continue;
            }
            Class::Single => Kind::Single(folded),
            Class::Word { .. } => {
                loop {
                    at += ascii_alphanumeric_run(bytes, at);
                    match classifier.word_char_len(text, at) {
                        0 => break,
                        width => at += width,
                    }
                }
                Kind::Word
            }
        };
        each(Token {
            bytes: (start, at),
            spaced,
            kind,
        });
        spaced = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::fold::fold;

    fn trie(terms: &[&str]) -> TokenTrie {
        let mut tokens = TermTokens::new(false);
        for term in terms {
            tokens.push(&fold(term, false));
        }
        let mut builder = TokenTrieBuilder::new(false);
        builder.add(tokens);
        builder.build()
    }

    fn found<'a>(trie: &TokenTrie, text: &'a str) -> Vec<(&'a str, u32)> {
        let mut all = Vec::new();
        trie.find(text, |found| {
            let (start, end) = found.bytes;
            all.push((&text[start..end], found.value))
        });
        all
    }

    #[test]
    fn the_first_of_equal_terms_wins_and_the_longest_match_is_taken() {
        let trie = trie(&["dân số", "Dân  số", "dân", "dân số và phát triển", "", "số"]);
        assert_eq!(trie.get("dân số"), Some(0));
        assert_eq!(trie.get("dân"), Some(2));
        assert_eq!(trie.get("phát triển"), None);
        assert_eq!(
            found(&trie, "Dân số và phát triển; dân SỐ, dân sống, số"),
            [
                ("Dân số và phát triển", 3),
                ("dân SỐ", 0),
                ("dân", 2),
                ("số", 5)
            ]
        );
    }

    #[test]
    fn whitespace_before_a_token_is_part_of_the_term() {
        let trie = trie(&["COVID-19", "y tế"]);
        assert_eq!(
            found(&trie, "COVID -19, COVID-19, y\ntế, ytế"),
            [("COVID-19", 0), ("y\ntế", 1)]
        );
    }

    #[test]
    fn words_seen_by_one_trie_are_not_numbers_in_another() {
        let (first, second) = (trie(&["hoá học", "dân"]), trie(&["dân", "Hóa học"]));
        let text = "HOÁ HỌC, Hoá học và dân";
        for _ in 0..2 {
            assert_eq!(
                found(&first, text),
                [("HOÁ HỌC", 0), ("Hoá học", 0), ("dân", 1)]
            );
            assert_eq!(
                found(&second, text),
                [("HOÁ HỌC", 1), ("Hoá học", 1), ("dân", 0)]
            );
        }
    }

    #[test]
    fn packed_words_are_their_bytes_then_zeros() {
        for length in 0..=16 {
            let word: Vec<u8> = (1..=length as u8).collect();
            let mut expected = [0; 16];
            expected[..length].copy_from_slice(&word);
            assert_eq!(pack(&word), u128::from_le_bytes(expected), "{length}");
            let text: Vec<u8> = [&word[..], b" and more than sixteen bytes"].concat();
            for text in [&text, &word] {
                let packed = pack_span(text, (0, length));
                assert_eq!(packed, u128::from_le_bytes(expected), "{length}");
            }
        }
    }

    #[test]
    fn terms_longer_than_the_sort_key_are_told_apart() {
        // Two tokens: each label packs into a few bits, and these terms
        // share more labels than a sort key holds.
        let long = |a: usize, then: &str| format!("{}{then}", "a ".repeat(a));
        let terms = [long(60, "b"), long(60, "a"), long(59, "b"), long(60, "b")];
        let trie = trie(&terms.iter().map(String::as_str).collect::<Vec<_>>());
        for (k, term) in terms.iter().enumerate().take(3) {
            assert_eq!(trie.get(&fold(term, false)), Some(k as u32), "{k}");
            assert_eq!(found(&trie, term), vec![(term.as_str(), k as u32)]);
        }
        assert_eq!(trie.get(&long(60, "c")), None);
    }

    #[test]
    fn runs_of_ascii_letters_and_digits_are_measured_bytewise() {
        let text: Vec<u8> = (0..=255u8)
            .chain(b"abcdefghijklmnopqrstuvwxyz0123456789".iter().copied())
            .collect();
        for at in 0..text.len() {
            let expected = text[at..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            assert_eq!(ascii_alphanumeric_run(&text, at), expected, "at {at}");
        }
        for byte in 0..=255u8 {
            let text = [b'a', b'a', byte, b'a', b'a', b'a', b'a', b'a', b'a', b'a'];
            let expected = if byte.is_ascii_alphanumeric() { 10 } else { 2 };
            assert_eq!(ascii_alphanumeric_run(&text, 0), expected, "{byte:#x}");
        }
    }

    #[test]
    fn words_on_either_side_of_the_seen_word_limit_are_found_every_time() {
        let words: Vec<String> = (SEEN_WORD_BYTES - 2..=SEEN_WORD_BYTES + 5)
            .map(|length| "Ê".to_string() + &"x".repeat(length - 2))
            .collect();
        let trie = trie(&words.iter().map(String::as_str).collect::<Vec<_>>());
        let text = words.join(" ").to_lowercase();
        let expected: Vec<(&str, u32)> = text.split(' ').zip(0..).collect();
        for _ in 0..2 {
            assert_eq!(found(&trie, &text), expected);
        }
    }

    #[test]
    fn two_words_share_a_pair_of_places_and_a_third_pushes_out_the_older() {
        let mut seen = SeenWords::default();
        let same_pair: Vec<u128> = (1..)
            .filter(|&packed| SeenWords::pair_of(packed) == SeenWords::pair_of(1))
            .take(3)
            .collect();
        // Whether word k was looked up rather than found in its place.
        let mut looked_up = |k: usize| {
            let mut looked_up = false;
            let number = seen.number(same_pair[k], || {
                looked_up = true;
                k as u32
            });
            assert_eq!(number, k as u32);
            looked_up
        };
        let looks: Vec<bool> = [0, 1, 0, 1, 2, 1, 0].map(&mut looked_up).into();
        // 2 pushes out 0, the older of the two, and 1 stays.
        assert_eq!(looks, [true, true, false, false, true, false, true]);
    }

    #[test]
    fn long_words_are_found_without_a_key() {
        let trie = trie(&["Nghiêngnghiêngnghiêng 19"]);
        assert_eq!(
            found(&trie, "NGHIÊNGNGHIÊNGNGHIÊNG 19"),
            [("NGHIÊNGNGHIÊNGNGHIÊNG 19", 0)]
        );
    }
}
