//! Deciding over regular languages: each language a dense DFA (regex-automata), and questions
//! about several at once answered by a breadth-first search of their product over the bytes an
//! origin can contain, which finds a shortest witness when there is one.

use std::collections::{HashMap, VecDeque};

use regex_automata::dfa::{Automaton, StartKind, dense};
use regex_automata::nfa::thompson;
use regex_automata::util::primitives::StateID;
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input};

/// The largest automaton one pattern may need, in bytes of transition table.
pub(super) const AUTOMATON_LIMIT: usize = 4 << 20;
/// The most product states one question may visit.
pub(super) const SEARCH_LIMIT: usize = 400_000;

/// Why a question could not be answered.
pub(crate) enum Undecided {
    /// The pattern's automaton is over [`AUTOMATON_LIMIT`].
    TooLarge,
    /// The search is over [`SEARCH_LIMIT`].
    TooLong,
}

/// A language, matched whole.
pub(crate) struct Language {
    dfa: dense::DFA<Vec<u32>>,
    start: StateID,
}

impl Language {
    /// The strings `pattern` matches from start to end.
    pub(crate) fn new(pattern: &str) -> Result<Language, Undecided> {
        Language::build(pattern, false)
    }

    /// The strings `pattern` matches, each read backwards: its forced prefix is the pattern's
    /// forced suffix.
    pub(super) fn reversed(pattern: &str) -> Result<Language, Undecided> {
        Language::build(pattern, true)
    }

    fn build(pattern: &str, reverse: bool) -> Result<Language, Undecided> {
        // Origins are ASCII, on which byte-oriented classes mean what Unicode ones do; a pattern
        // that needs Unicode mode (`\p{..}`) is built in it.
        let anchored = format!("^(?:{pattern})$");
        let build = |unicode: bool| {
            dense::Builder::new()
                .syntax(syntax::Config::new().unicode(unicode).utf8(unicode))
                .thompson(thompson::Config::new().reverse(reverse))
                .configure(
                    dense::Config::new()
                        .start_kind(StartKind::Anchored)
                        .dfa_size_limit(Some(AUTOMATON_LIMIT))
                        .determinize_size_limit(Some(AUTOMATON_LIMIT)),
                )
                .build(&anchored)
                .ok()
        };
        let dfa = build(false)
            .or_else(|| build(true))
            .ok_or(Undecided::TooLarge)?;
        let input = Input::new("").anchored(Anchored::Yes);
        let start = match reverse {
            false => dfa.start_state_forward(&input),
            true => dfa.start_state_reverse(&input),
        }
        .map_err(|_| Undecided::TooLarge)?;
        Ok(Language { dfa, start })
    }

    fn step(&self, state: StateID, byte: u8) -> StateID {
        self.dfa.next_state(state, byte)
    }

    fn accepts(&self, state: StateID) -> bool {
        self.dfa.is_match_state(self.dfa.next_eoi_state(state))
    }

    fn dead(&self, state: StateID) -> bool {
        self.dfa.is_dead_state(state)
    }

    /// The bytes every string of the language starts with: followed from the start while only
    /// one byte leads anywhere.
    pub(super) fn forced_prefix(&self) -> Vec<u8> {
        let mut prefix = Vec::new();
        let mut state = self.start;
        while !self.accepts(state) {
            let mut live = (0..=u8::MAX).filter(|&byte| !self.dead(self.step(state, byte)));
            let (Some(byte), None) = (live.next(), live.next()) else {
                break;
            };
            prefix.push(byte);
            state = self.step(state, byte);
        }
        prefix
    }

    /// Whether the language holds `text`.
    #[cfg(feature = "compare")]
    pub(crate) fn holds(&self, text: &str) -> bool {
        self.accepts(self.after(text.as_bytes()))
    }

    /// The state after reading `prefix` from the start.
    fn after(&self, prefix: &[u8]) -> StateID {
        prefix
            .iter()
            .fold(self.start, |state, &byte| self.step(state, byte))
    }
}

/// The bytes a serialized origin can hold (printable ASCII), letters first and then digits, so
/// that the shortest witness found first reads like a host name.
const ORIGIN_BYTES: [u8; 94] = {
    let mut bytes = [0u8; 94];
    let mut i = 0;
    let mut byte = b'a';
    while byte <= b'z' {
        bytes[i] = byte;
        i += 1;
        byte += 1;
    }
    byte = b'0';
    while byte <= b'9' {
        bytes[i] = byte;
        i += 1;
        byte += 1;
    }
    byte = 0x21;
    while byte <= 0x7e {
        if !byte.is_ascii_lowercase() && !byte.is_ascii_digit() {
            bytes[i] = byte;
            i += 1;
        }
        byte += 1;
    }
    bytes
};

/// One language of a question: the witness, after `prefix`, must be in it or out of it.
pub(super) struct Term<'a> {
    pub language: &'a Language,
    pub prefix: &'a str,
    pub member: bool,
}

/// A shortest string `w` such that each term's `prefix` followed by `w` is in, or out of, its
/// language as the term says; `None` when there is none.
pub(super) fn shortest_witness(terms: &[Term<'_>]) -> Result<Option<String>, Undecided> {
    let start: Vec<StateID> = terms
        .iter()
        .map(|t| t.language.after(t.prefix.as_bytes()))
        .collect();
    let viable = |states: &[StateID]| {
        terms
            .iter()
            .zip(states)
            .all(|(term, &state)| !term.member || !term.language.dead(state))
    };
    let done = |states: &[StateID]| {
        terms
            .iter()
            .zip(states)
            .all(|(term, &state)| term.language.accepts(state) == term.member)
    };
    if !viable(&start) {
        return Ok(None);
    }
    let mut parent: HashMap<Vec<StateID>, Option<(Vec<StateID>, u8)>> = HashMap::new();
    parent.insert(start.clone(), None);
    let mut queue = VecDeque::from([start]);
    while let Some(states) = queue.pop_front() {
        if done(&states) {
            return Ok(Some(read_back(&parent, states)));
        }
        for &byte in ORIGIN_BYTES.iter() {
            let next: Vec<StateID> = terms
                .iter()
                .zip(&states)
                .map(|(term, &state)| term.language.step(state, byte))
                .collect();
            if !viable(&next) || parent.contains_key(&next) {
                continue;
            }
            if parent.len() >= SEARCH_LIMIT {
                return Err(Undecided::TooLong);
            }
            parent.insert(next.clone(), Some((states.clone(), byte)));
            queue.push_back(next);
        }
    }
    Ok(None)
}

/// The bytes read from the search's start to `at`, following each state's parent back.
fn read_back(
    parent: &HashMap<Vec<StateID>, Option<(Vec<StateID>, u8)>>,
    mut at: Vec<StateID>,
) -> String {
    let mut bytes = Vec::new();
    while let Some(Some((previous, byte))) = parent.get(&at) {
        bytes.push(*byte);
        at = previous.clone();
    }
    bytes.reverse();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// One way strings fall in and out of several languages at once: `members[i]` says whether the
/// strings of the cell are in language `i`; `witness` is a shortest one of them.
#[cfg(any(feature = "compare", test))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cell {
    pub members: Vec<bool>,
    pub witness: String,
}

/// Every cell of `languages` that holds a string of `universe`, found by one breadth-first
/// search of their product per start in `starts`: strings that begin with an earlier start
/// are preferred as witnesses (`"https://"` before `""`, so that examples read like origins
/// browsers send). Exact: a cell is missing only if no string of `universe` is in it.
#[cfg(any(feature = "compare", test))]
pub(crate) fn cells(
    languages: &[&Language],
    universe: &Language,
    starts: &[&str],
) -> Result<Vec<Cell>, Undecided> {
    let mut found: Vec<Cell> = Vec::new();
    let mut visited = 0;
    let all: Vec<&Language> = std::iter::once(universe)
        .chain(languages.iter().copied())
        .collect();
    for prefix in starts {
        let start: Vec<StateID> = all.iter().map(|l| l.after(prefix.as_bytes())).collect();
        if all[0].dead(start[0]) {
            continue;
        }
        let mut parent: HashMap<Vec<StateID>, Option<(Vec<StateID>, u8)>> = HashMap::new();
        parent.insert(start.clone(), None);
        let mut queue = VecDeque::from([start]);
        while let Some(states) = queue.pop_front() {
            if all[0].accepts(states[0]) {
                let members: Vec<bool> = all[1..]
                    .iter()
                    .zip(&states[1..])
                    .map(|(language, &state)| language.accepts(state))
                    .collect();
                if !found.iter().any(|cell| cell.members == members) {
                    let witness = format!("{prefix}{}", read_back(&parent, states.clone()));
                    found.push(Cell { members, witness });
                }
            }
            for &byte in ORIGIN_BYTES.iter() {
                let next: Vec<StateID> = all
                    .iter()
                    .zip(&states)
                    .map(|(language, &state)| language.step(state, byte))
                    .collect();
                if all[0].dead(next[0]) || parent.contains_key(&next) {
                    continue;
                }
                visited += 1;
                if visited >= SEARCH_LIMIT * 4 {
                    return Err(Undecided::TooLong);
                }
                parent.insert(next.clone(), Some((states.clone(), byte)));
                queue.push_back(next);
            }
        }
    }
    Ok(found)
}

/// The strings of the cell `members` of `languages` (within `universe`), shortest first, when
/// there are finitely many: `Some((strings, complete))`, where `complete` is false when there
/// were more than `limit`; `None` when the cell is infinite (a loop on a way to it).
#[cfg(feature = "compare")]
pub(crate) fn cell_strings(
    languages: &[&Language],
    universe: &Language,
    members: &[bool],
    limit: usize,
) -> Result<Option<(Vec<String>, bool)>, Undecided> {
    let all: Vec<&Language> = std::iter::once(universe)
        .chain(languages.iter().copied())
        .collect();
    let in_cell = |states: &[StateID]| {
        all[0].accepts(states[0])
            && all[1..]
                .iter()
                .zip(&states[1..])
                .zip(members)
                .all(|((l, &s), &m)| l.accepts(s) == m)
    };
    // The reachable product, each state's successors by byte.
    let start: Vec<StateID> = all.iter().map(|l| l.start).collect();
    let mut index: HashMap<Vec<StateID>, usize> = HashMap::from([(start.clone(), 0)]);
    let mut states = vec![start];
    let mut edges: Vec<Vec<(u8, usize)>> = Vec::new();
    let mut at = 0;
    while at < states.len() {
        let mut out = Vec::new();
        for &byte in ORIGIN_BYTES.iter() {
            let next: Vec<StateID> = all
                .iter()
                .zip(&states[at])
                .map(|(l, &s)| l.step(s, byte))
                .collect();
            if all[0].dead(next[0]) {
                continue;
            }
            let target = match index.get(&next) {
                Some(&target) => target,
                None => {
                    if states.len() >= SEARCH_LIMIT {
                        return Err(Undecided::TooLong);
                    }
                    index.insert(next.clone(), states.len());
                    states.push(next);
                    states.len() - 1
                }
            };
            out.push((byte, target));
        }
        edges.push(out);
        at += 1;
    }
    // The states from which the cell can still be reached.
    let mut live: Vec<bool> = states.iter().map(|s| in_cell(s)).collect();
    let mut changed = true;
    while changed {
        changed = false;
        for (state, out) in edges.iter().enumerate() {
            if !live[state] && out.iter().any(|&(_, target)| live[target]) {
                live[state] = true;
                changed = true;
            }
        }
    }
    if !live[0] {
        return Ok(Some((Vec::new(), true)));
    }
    // A loop among live states makes the cell infinite; otherwise list its strings.
    type Edges = [Vec<(u8, usize)>];
    fn has_loop(state: usize, edges: &Edges, live: &[bool], colour: &mut [u8]) -> bool {
        colour[state] = 1;
        for &(_, target) in &edges[state] {
            if live[target]
                && (colour[target] == 1
                    || (colour[target] == 0 && has_loop(target, edges, live, colour)))
            {
                return true;
            }
        }
        colour[state] = 2;
        false
    }
    if has_loop(0, &edges, &live, &mut vec![0; states.len()]) {
        return Ok(None);
    }
    fn list(
        state: usize,
        text: &mut Vec<u8>,
        (edges, live, accepting): (&Edges, &[bool], &dyn Fn(usize) -> bool),
        found: &mut Vec<String>,
        limit: usize,
    ) -> bool {
        if accepting(state) {
            if found.len() == limit {
                return false;
            }
            found.push(String::from_utf8_lossy(text).into_owned());
        }
        for &(byte, target) in &edges[state] {
            if live[target] {
                text.push(byte);
                let more = list(target, text, (edges, live, accepting), found, limit);
                text.pop();
                if !more {
                    return false;
                }
            }
        }
        true
    }
    let accepting = |state: usize| in_cell(&states[state]);
    let mut found = Vec::new();
    let complete = list(
        0,
        &mut Vec::new(),
        (&edges, &live, &accepting),
        &mut found,
        limit,
    );
    Ok(Some((found, complete)))
}

#[cfg(test)]
mod tests;
