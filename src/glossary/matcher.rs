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

use super::fold::{Class, Classifier, fold, fold_into};
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

/// Terms cut into folded tokens, not yet numbered: the part of building a
/// trie that can run in parallel, before [`TokenTrieBuilder::add`].
#[derive(Debug, Default)]
pub(super) struct TermTokens {
    across_zh_variants: bool,
    /// Each token and whether whitespace comes before it, one term after
    /// another.
    tokens: Vec<(TokenKey, bool)>,
    /// Where each term's tokens end in `tokens`.
    ends: Vec<usize>,
}

/// What a token of a term is looked up by in the [`Vocabulary`].
#[derive(Debug)]
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
        let mut tokens = terms.tokens.into_iter();
        let mut start = 0;
        for end in terms.ends {
            let term = tokens.by_ref().take(end - start);
            if self.labels.len() + (end - start) < MAX_NODES {
                for (at, (key, spaced)) in term.enumerate() {
                    let number = self.vocabulary.number_or_add(key);
                    self.labels.push(label(number, at > 0 && spaced));
                }
            } else {
                term.for_each(drop);
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
        // integer, decide most comparisons without reading `labels`.
        let packing = LabelPacking::new(self.labels.iter().copied().max().unwrap_or(0));
        let mut order: Vec<(u128, u32)> = (0..self.ends.len())
            .filter(|&k| !term(k).is_empty())
            .map(|k| (packing.key(term(k)), k as u32))
            .collect();
        order.sort_unstable_by(|&(a_key, a), &(b_key, b)| {
            let rest = |k: u32| term(k as usize).get(packing.labels..).unwrap_or_default();
            a_key
                .cmp(&b_key)
                .then_with(|| rest(a).cmp(rest(b)))
                .then(a.cmp(&b))
        });

        let mut first = vec![NONE; self.vocabulary.len as usize];
        // For every node but the root: its parent (NONE under the root) and
        // its label.
        let mut parents = vec![NONE];
        let mut node_labels = vec![0];
        let mut values = vec![NONE];
        // The nodes of the previous term, from depth 1.
        let mut path: Vec<u32> = Vec::new();
        let mut previous: &[u32] = &[];
        for (_, k) in order {
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
                values[end] = k;
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
            vocabulary: self.vocabulary,
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
        tokenize(key, self.across_zh_variants, |token| {
            let lookup = match token.kind {
                Kind::Single(c) => TokenKey::Char(c),
                Kind::Word(Some(short)) => TokenKey::Short(short),
                Kind::Word(None) => TokenKey::Long(
                    fold(&key[token.bytes.0..token.bytes.1], self.across_zh_variants)
                        .into_boxed_str(),
                ),
            };
            self.tokens.push((lookup, token.spaced));
        });
        self.ends.push(self.tokens.len());
    }
}

/// True for the bytes after the first of a UTF-8 sequence.
fn is_utf8_continuation(byte: u8) -> bool {
    byte & 0xC0 == 0x80
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

/// Calls `each` with the tokens of `text` in order, folded.
fn tokenize(text: &str, across_zh_variants: bool, mut each: impl FnMut(Token)) {
    let classifier = Classifier::new(across_zh_variants);
    let mut at = 0;
    let mut char_index = 0;
    let mut spaced = false;
    while let Some(c) = text[at..].chars().next() {
        let (start, char_start) = (at, char_index);
        at += c.len_utf8();
        char_index += 1;
        let (folded, class) = classifier.classify(c);
        let kind = match class {
            Class::Space => {
                spaced = true;
                continue;
            }
            Class::Single => Kind::Single(folded),
            Class::Word { .. } => {
                let mut key = WordKey::default();
                key.push(folded);
                while let Some(next) = text[at..].chars().next() {
                    let (folded, Class::Word { letter }) = classifier.classify(next) else {
                        break;
                    };
                    if !letter {
                        key.end_syllable();
                    }
                    key.push(folded);
                    at += next.len_utf8();
                    char_index += 1;
                }
                key.end_syllable();
                Kind::Word(key.short())
            }
        };
        each(Token {
            bytes: (start, at),
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
    /// The length of the folded word, which may be more than 16.
    len: usize,
}

impl WordKey {
    fn push(&mut self, c: char) {
        let at = self.len;
        self.len += c.len_utf8();
        if let Some(room) = self.bytes.get_mut(at..self.len) {
            c.encode_utf8(room);
        }
    }

    /// The chars pushed end a syllable: put the tone mark of a final
    /// "oa", "oe" or "uy" (not after q) where the fold puts it. Only a key
    /// is fixed: a longer word is folded afresh.
    fn end_syllable(&mut self) {
        let Some(word) = self.bytes.get(..self.len) else {
            return;
        };
        // The fold moves a tone mark only from a toned vowel (not ASCII)
        // to a plain "o" or "u" before it; most syllables end otherwise.
        let Some(at) = word.iter().rposition(|&b| !is_utf8_continuation(b)) else {
            return;
        };
        let (Some(&first), Some(&before)) = (
            at.checked_sub(1).and_then(|i| word.get(i)),
            at.checked_sub(2).map_or(Some(&0), |i| word.get(i)),
        ) else {
            return;
        };
        if word[at].is_ascii() || !matches!(first, b'o' | b'u') || before == b'q' {
            return;
        }
        let second = std::str::from_utf8(&word[at..])
            .ok()
            .and_then(|last| last.chars().next());
        if let Some((first, second)) =
            second.and_then(|second| place_vi_tone_pair(char::from(first), second, ToneStyle::Old))
        {
            self.len = at - 1;
            self.push(first);
            self.push(second);
        }
    }

    /// The key, unless the word is longer than 16 bytes.
    fn short(&self) -> Option<u128> {
        (self.len <= 16).then(|| u128::from_le_bytes(self.bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::fold::fold_char;

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
    fn a_tone_mark_moves_only_from_a_toned_vowel_to_a_plain_o_or_u() {
        // `WordKey::end_syllable` skips every other pair unread.
        let folded: Vec<char> = (0..0x250)
            .chain(0x1E00..0x1F00)
            .filter_map(char::from_u32)
            .filter(|&c| fold_char(c, false) == c)
            .collect();
        for &first in &folded {
            for &second in &folded {
                if place_vi_tone_pair(first, second, ToneStyle::Old).is_some() {
                    assert!(matches!(first, 'o' | 'u') && !second.is_ascii());
                }
            }
        }
    }

    #[test]
    fn word_keys_fold_tone_placement_like_the_fold() {
        for word in [
            "hoá",
            "khoẻ",
            "thuỷ",
            "quý",
            "hoàn",
            "oà",
            "hoá19",
            "xoá-bỏ",
        ] {
            let mut key = None;
            tokenize(word, false, |token| {
                key.get_or_insert(token.kind);
            });
            let Some(Kind::Word(Some(key))) = key else {
                panic!("{word}: no word key");
            };
            let folded = fold(word, false);
            let first_word: String = folded.chars().take_while(|c| c.is_alphanumeric()).collect();
            let mut expected = [0u8; 16];
            expected[..first_word.len()].copy_from_slice(first_word.as_bytes());
            assert_eq!(key, u128::from_le_bytes(expected), "{word}");
        }
    }
}
