//! Why a result scored as it did: token alignment, name score, evidence steps.
//! Serialised into `Match::explanation` / `Comparison::explanation` (the CLI's `--explain`).
//!
//! Fields are declared in alphabetical order because serde writes them in declaration
//! order: explanations used to pass through `serde_json::Value` (sorted keys), and API
//! clients, stored alerts and golden outputs keep seeing the same bytes.

use serde::Serialize;

/// How two tokens were found to correspond.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Same normalised token.
    Exact,
    /// Same phonetic name key (a transliteration variant: Mohammed/Muhammad).
    Key,
    /// Similar spelling (Jaro-Winkler on the tokens or their keys): typos, dropped vowels.
    Fuzzy,
    /// One token on one side matched two adjacent tokens joined on the other
    /// (Abdulrahman / Abdul Rahman, Binladen / Bin Laden).
    Join,
    /// Either side reached Latin script through romanisation (`translit`).
    Translit,
    /// One given name in two languages (Joseph / Yusuf, Sergey / Serhiy: `cognates`).
    Cognate,
}

/// One aligned pair of query and name tokens (a side may be two joined tokens).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TokenPair {
    pub method: Method,
    pub name: String,
    pub query: String,
    pub similarity: f64,
    /// The pair's share of the name score: its informativeness (IDF x class) weight.
    pub weight: f64,
}

/// One step of evidence beyond the name, with what it did to the score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceStep {
    /// Change to the score (0 when the step only informs). An id hit that lifts the score to
    /// its floor shows the lift here.
    pub delta: f64,
    pub detail: String,
    /// `birth_date`, `nationality`, `id_number`, `weak_alias`.
    pub kind: &'static str,
}

/// The whole story of one score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    pub evidence: Vec<EvidenceStep>,
    /// The matched list name as normalised (after romanisation).
    pub name_normalized: String,
    /// Name similarity before evidence, in [0, 1].
    pub name_score: f64,
    pub pairs: Vec<TokenPair>,
    /// The query name as normalised (after romanisation).
    pub query_normalized: String,
    /// The final score, in [0, 1].
    pub score: f64,
    /// Name tokens left unaligned.
    pub unmatched_name: Vec<String>,
    /// Query tokens left unaligned (they lower the score less than missing name tokens).
    pub unmatched_query: Vec<String>,
}
