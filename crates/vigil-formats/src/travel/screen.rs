//! Screening travellers: each becomes a `Query` screened by the match engine, plus a direct
//! check of document numbers against the listed persons' documents, then a verdict.

use super::dates::{self, Day};
use super::edifact::{self, EdifactError};
use super::issue::{Issue, Severity};
use super::mrz::Mrz;
use super::traveller::{Flight, Role, Traveller};
use super::validity::{self, DocumentValidity};
use super::{manifest_csv, paxlst};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use vigil_core::{Entity, Schema};
use vigil_match::{MatchIndex, ScreenOptions, DEFAULT_THRESHOLD};

#[derive(Debug, Clone)]
pub struct TravelOptions {
    /// An engine match score at or above this is a hit.
    pub hit_threshold: f64,
    /// An engine match score at or above this (and below the hit threshold) needs review.
    pub review_threshold: f64,
    /// An engine match score at or above this needs review when the traveller's full birth date and
    /// nationality both agree with the listed person's: names on manifests are often
    /// shortened (a dropped "BEN AL-TOUMI"), birth dates are not.
    pub corroborated_threshold: f64,
    /// At most this many matches per traveller.
    pub limit: usize,
    /// The day two-digit birth years are resolved against when a manifest has no flight
    /// date; `None` means today.
    pub reference_date: Option<Day>,
}

impl Default for TravelOptions {
    fn default() -> Self {
        TravelOptions {
            hit_threshold: 0.90,
            review_threshold: DEFAULT_THRESHOLD,
            corroborated_threshold: 0.65,
            limit: 5,
            reference_date: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Clear,
    Review,
    Hit,
}

/// A listed entity a traveller matched, and why.
#[derive(Debug, Clone, Serialize)]
pub struct TravelMatch {
    pub entity_id: String,
    /// The engine's match score (name plus the evidence it weighs); for a match found only
    /// by document number, the best name comparison.
    pub score: f64,
    pub caption: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub matched_name: String,
    /// The traveller's document number is one of this entity's document numbers.
    pub document_match: bool,
    /// The traveller's full birth date and nationality both agree with the listing.
    pub corroborated: bool,
    pub reasons: Vec<String>,
}

/// One traveller with its verdict.
#[derive(Debug, Clone, Serialize)]
pub struct ScreenedTraveller {
    /// "GIVEN MIDDLE SURNAME", as screened.
    pub name: String,
    pub verdict: Verdict,
    pub matches: Vec<TravelMatch>,
    /// Each travel document's validity on the flight's departure day (a manifest) or
    /// today (an MRZ).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub document_validity: Vec<DocumentValidity>,
    #[serde(flatten)]
    pub traveller: Traveller,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub travellers: usize,
    pub passengers: usize,
    pub crew: usize,
    pub hit: usize,
    pub review: usize,
    pub clear: usize,
    pub errors: usize,
    pub warnings: usize,
}

/// The outcome of screening a manifest: flight, travellers with verdicts, problems.
#[derive(Debug, Clone, Serialize)]
pub struct TravelReport {
    /// `paxlst` or `csv`.
    pub format: &'static str,
    pub flight: Flight,
    pub summary: Summary,
    pub travellers: Vec<ScreenedTraveller>,
    pub errors: Vec<Issue>,
}

impl TravelReport {
    /// The most serious verdict on board.
    pub fn verdict(&self) -> Verdict {
        self.travellers
            .iter()
            .map(|t| t.verdict)
            .max()
            .unwrap_or(Verdict::Clear)
    }

    /// True when something was not read or does not add up (warnings aside).
    pub fn has_errors(&self) -> bool {
        self.errors.iter().any(|e| e.severity == Severity::Error)
    }
}

/// The MRZ, its holder's verdict, and whether the zone is valid.
#[derive(Debug, Clone, Serialize)]
pub struct MrzReport {
    pub mrz: Mrz,
    /// The check digits hold and the fields read: the MRZ itself is sound.
    pub valid: bool,
    pub failures: Vec<String>,
    /// Whether the document can be used: a different fact from `valid`.
    pub document: DocumentValidity,
    pub holder: ScreenedTraveller,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TravelError {
    #[error("PAXLST {0}")]
    Edifact(#[from] EdifactError),
    #[error("{0}")]
    Csv(String),
    #[error(
        "no traveller could be read ({errors} rows or segments with errors): nothing was \
         screened, so nothing is clear"
    )]
    NoTravellers { errors: usize },
    #[error("not a manifest: expected a PAXLST interchange (starting UNA or UNB) or a CSV with a header row")]
    UnknownFormat,
}

/// Screens a manifest (PAXLST or CSV, told apart by content) against `index`.
pub fn screen_manifest(
    index: &MatchIndex,
    bytes: &[u8],
    options: &TravelOptions,
) -> Result<TravelReport, TravelError> {
    TravelScreener::new(index).screen_manifest(bytes, options)
}

/// A screener holding the document-number map of an index; build once and reuse (the
/// server keeps one per loaded index).
pub struct TravelScreener<'a> {
    index: &'a MatchIndex,
    /// Normalised document number → positions of persons in `index.entities()`.
    documents: HashMap<String, Vec<usize>>,
}

impl<'a> TravelScreener<'a> {
    pub fn new(index: &'a MatchIndex) -> TravelScreener<'a> {
        let mut documents: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, entity) in index.entities().iter().enumerate() {
            if entity.schema != Schema::Person {
                continue;
            }
            for doc in &entity.documents {
                for key in document_keys(&doc.number) {
                    let ids = documents.entry(key).or_default();
                    if ids.last() != Some(&i) {
                        ids.push(i);
                    }
                }
            }
        }
        TravelScreener { index, documents }
    }

    pub fn screen_manifest(
        &self,
        bytes: &[u8],
        options: &TravelOptions,
    ) -> Result<TravelReport, TravelError> {
        use vigil_core::limits::{check_size, MAX_MESSAGE_BYTES};
        check_size("the manifest", bytes.len(), MAX_MESSAGE_BYTES).map_err(TravelError::Csv)?;
        let reference = options.reference_date.unwrap_or_else(dates::today);
        let (format, flight, travellers, errors) = if edifact::looks_like_edifact(bytes) {
            let m = paxlst::parse(bytes, reference)?;
            ("paxlst", m.flight, m.travellers, m.issues)
        } else if bytes.iter().any(|&b| b == b',' || b == b'\n') {
            let m = manifest_csv::parse(bytes, reference).map_err(TravelError::Csv)?;
            ("csv", Flight::default(), m.travellers, m.issues)
        } else {
            return Err(TravelError::UnknownFormat);
        };
        if travellers.is_empty() {
            return Err(TravelError::NoTravellers {
                errors: errors.len(),
            });
        }
        // Travellers are independent: screen them on every core (order is kept).
        let mut travellers: Vec<ScreenedTraveller> = travellers
            .into_par_iter()
            .map(|t| self.screen_traveller(t, options))
            .collect();
        let mut errors = errors;
        let today = options.reference_date.unwrap_or_else(dates::today);
        check_documents(
            &mut travellers,
            today,
            validity::day_of(&flight.departure),
            &mut errors,
        );
        let summary = summarise(&travellers, &errors);
        Ok(TravelReport {
            format,
            flight,
            summary,
            travellers,
            errors,
        })
    }

    /// Screens an MRZ holder (name, birth date, nationality, document number).
    pub fn screen_mrz(&self, mrz: Mrz, options: &TravelOptions) -> MrzReport {
        let holder = self.screen_traveller(mrz.traveller(), options);
        let today = options.reference_date.unwrap_or_else(dates::today);
        MrzReport {
            valid: mrz.is_valid(),
            failures: mrz.failures(),
            document: validity::assess(&mrz.document(), today, None),
            mrz,
            holder,
        }
    }

    pub fn screen_traveller(
        &self,
        traveller: Traveller,
        options: &TravelOptions,
    ) -> ScreenedTraveller {
        let query = traveller.query();
        let mut matches: Vec<TravelMatch> = Vec::new();
        if query.validate().is_ok() && !query.name.is_empty() {
            let screen_options = ScreenOptions {
                threshold: options.review_threshold.min(options.corroborated_threshold),
                limit: options.limit,
            };
            for m in self.index.screen(&query, &screen_options) {
                let mut reasons = vec![format!("match score {:.2}", m.score)];
                let mut corroborated = false;
                if let Some(entity) = self.index.entity(&m.entity_id) {
                    let e = evidence(&traveller, entity);
                    reasons.extend(e.reasons);
                    corroborated = e.birth_day_agrees && e.nationality_agrees;
                }
                if m.score < options.review_threshold && !corroborated {
                    continue;
                }
                if m.score < options.review_threshold {
                    reasons.push(format!(
                        "match score below {:.2} but birth date and nationality agree: review",
                        options.review_threshold
                    ));
                }
                matches.push(TravelMatch {
                    entity_id: m.entity_id,
                    score: m.score,
                    caption: m.caption,
                    matched_name: m.matched_name,
                    document_match: false,
                    corroborated,
                    reasons,
                });
            }
        }
        self.add_document_matches(&traveller, &query.name, &mut matches);
        matches.sort_by(|a, b| {
            b.document_match
                .cmp(&a.document_match)
                .then(b.score.total_cmp(&a.score))
        });
        matches.truncate(options.limit.max(1));
        let verdict = matches
            .iter()
            .map(|m| {
                if m.document_match || m.score >= options.hit_threshold {
                    Verdict::Hit
                } else if m.score >= options.review_threshold || m.corroborated {
                    Verdict::Review
                } else {
                    Verdict::Clear
                }
            })
            .max()
            .unwrap_or(Verdict::Clear);
        let today = options.reference_date.unwrap_or_else(dates::today);
        ScreenedTraveller {
            name: query.name,
            verdict,
            matches,
            document_validity: traveller
                .documents
                .iter()
                .map(|d| validity::assess(d, today, None))
                .collect(),
            traveller,
        }
    }

    /// A document number equal to a listed person's is a hit whatever the name: people
    /// travel under other names, rarely under another passport number.
    fn add_document_matches(
        &self,
        traveller: &Traveller,
        name: &str,
        matches: &mut Vec<TravelMatch>,
    ) {
        for doc in &traveller.documents {
            let Some(key) = normalise_document(&doc.number) else {
                continue;
            };
            for &i in self.documents.get(&key).into_iter().flatten() {
                let entity = &self.index.entities()[i];
                let listed = entity
                    .documents
                    .iter()
                    .find(|d| document_keys(&d.number).contains(&key))
                    .map(|d| {
                        let what = if d.type_text.is_empty() {
                            "document"
                        } else {
                            d.type_text.as_str()
                        };
                        let country = d
                            .country
                            .as_ref()
                            .map(|c| format!(" ({})", c.text))
                            .unwrap_or_default();
                        format!("{what} {}{country}", d.number.trim())
                    })
                    .unwrap_or_default();
                let reason = format!("document number {} equals the listed {listed}", doc.number);
                match matches.iter_mut().find(|m| m.entity_id == entity.id) {
                    Some(m) => {
                        m.document_match = true;
                        m.reasons.insert(0, reason);
                    }
                    None => {
                        let (score, matched_name) = best_name_score(name, entity);
                        let mut reasons = vec![reason, format!("best name score {score:.2}")];
                        let e = evidence(traveller, entity);
                        reasons.extend(e.reasons);
                        matches.push(TravelMatch {
                            entity_id: entity.id.clone(),
                            score,
                            caption: entity.name.clone(),
                            matched_name,
                            document_match: true,
                            corroborated: e.birth_day_agrees && e.nationality_agrees,
                            reasons,
                        });
                    }
                }
            }
        }
    }
}

fn best_name_score(name: &str, entity: &Entity) -> (f64, String) {
    if name.is_empty() {
        return (0.0, String::new());
    }
    entity
        .names
        .iter()
        .map(|n| {
            (
                vigil_match::compare(name, &n.full, Some(Schema::Person)).score,
                n.full.clone(),
            )
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .unwrap_or((0.0, String::new()))
}

struct Evidence {
    reasons: Vec<String>,
    /// The traveller's full birth date equals a listed full birth date.
    birth_day_agrees: bool,
    nationality_agrees: bool,
}

/// Birth date and nationality agreement, stated for the analyst.
fn evidence(t: &Traveller, entity: &Entity) -> Evidence {
    let mut reasons = Vec::new();
    let mut birth_day_agrees = false;
    let mut nationality_agrees = false;
    if let (Some(day), false) = (
        t.birth_date.as_ref().and_then(dates::day_of),
        entity.birth_dates.is_empty(),
    ) {
        let listed: Vec<String> = entity.birth_dates.iter().map(|d| d.to_string()).collect();
        let agrees = entity.birth_dates.iter().any(|spec| {
            let (lo, hi) = spec.bounds();
            lo <= day && day <= hi
        });
        birth_day_agrees = entity
            .birth_dates
            .iter()
            .any(|spec| spec.bounds() == (day, day));
        reasons.push(format!(
            "birth date {} {} listed {}",
            t.birth_date.map(|d| d.to_string()).unwrap_or_default(),
            if agrees {
                "agrees with"
            } else {
                "differs from"
            },
            listed.join(", ")
        ));
    }
    if let Some(code) = t.nationality.as_ref().and_then(|c| c.code.as_deref()) {
        let listed = entity.nationalities.iter().chain(&entity.citizenships);
        if listed.clone().any(|c| c.code.as_deref() == Some(code)) {
            reasons.push(format!("nationality {code} is a listed nationality"));
            nationality_agrees = true;
        }
    }
    Evidence {
        reasons,
        birth_day_agrees,
        nationality_agrees,
    }
}

/// The keys a listed document number is found under: the whole number, and each
/// number-like token of it, since lists write "British number 094629366" or "A 10472263".
fn document_keys(number: &str) -> Vec<String> {
    let mut keys: Vec<String> = normalise_document(number).into_iter().collect();
    for token in number.split(|c: char| c.is_whitespace() || c == ':' || c == ',' || c == ';') {
        if let Some(key) = normalise_document(token) {
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
    }
    keys
}

/// Upper-case letters and digits only; `None` for anything too short or without a digit
/// to identify a document (so words like "passport" never match).
fn normalise_document(number: &str) -> Option<String> {
    let key: String = number
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (key.len() >= 5 && key.chars().any(|c| c.is_ascii_digit())).then_some(key)
}

/// Assesses every document on the travel day, and warns about each one that cannot be
/// used for the trip.
fn check_documents(
    travellers: &mut [ScreenedTraveller],
    today: Day,
    travel: Option<Day>,
    issues: &mut Vec<Issue>,
) {
    for t in travellers {
        t.document_validity = t
            .traveller
            .documents
            .iter()
            .map(|d| validity::assess(d, today, travel))
            .collect();
        for v in t.document_validity.iter().filter(|v| v.is_unusable()) {
            let message = format!(
                "traveller {:?}: document {} {}",
                t.name, v.number, v.message
            );
            issues.push(Issue::warning(None, t.traveller.line, message));
        }
    }
}

fn summarise(travellers: &[ScreenedTraveller], issues: &[Issue]) -> Summary {
    let count = |v: Verdict| travellers.iter().filter(|t| t.verdict == v).count();
    Summary {
        travellers: travellers.len(),
        passengers: travellers
            .iter()
            .filter(|t| t.traveller.role == Role::Passenger)
            .count(),
        crew: travellers
            .iter()
            .filter(|t| t.traveller.role == Role::Crew)
            .count(),
        hit: count(Verdict::Hit),
        review: count(Verdict::Review),
        clear: count(Verdict::Clear),
        errors: issues
            .iter()
            .filter(|i| i.severity == Severity::Error)
            .count(),
        warnings: issues
            .iter()
            .filter(|i| i.severity == Severity::Warning)
            .count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vigil_core::{Document, DocumentKind};

    #[test]
    fn document_keys_find_numbers_in_text() {
        assert_eq!(
            document_keys("British number 094629366"),
            vec!["BRITISHNUMBER094629366", "094629366"]
        );
        assert_eq!(document_keys("M 271351"), vec!["M271351", "271351"]);
        assert!(document_keys("none").is_empty());
    }

    #[test]
    fn document_number_is_a_hit_whatever_the_name() {
        let mut e = Entity::new(
            "un-sc",
            "QDi.057",
            Schema::Person,
            "IBRAHIM ALI ABU BAKR TANTOUSH",
        );
        e.documents.push(Document {
            kind: DocumentKind::Passport,
            type_text: "Passport".into(),
            number: "203037".into(),
            country: None,
            issued: None,
            expires: None,
            note: None,
        });
        let index = MatchIndex::build(vec![e]);
        let screener = TravelScreener::new(&index);
        let csv = "name,document_number\nJohn Smith,203-037\nJane Roe,999999\n";
        let report = screener
            .screen_manifest(csv.as_bytes(), &TravelOptions::default())
            .unwrap();
        assert_eq!(report.travellers[0].verdict, Verdict::Hit);
        assert_eq!(report.travellers[0].matches[0].entity_id, "un-sc:QDi.057");
        assert!(report.travellers[0].matches[0].reasons[0].contains("203037"));
        assert_eq!(report.travellers[1].verdict, Verdict::Clear);
        assert_eq!(report.verdict(), Verdict::Hit);
        assert_eq!((report.summary.hit, report.summary.clear), (1, 1));
    }
}
