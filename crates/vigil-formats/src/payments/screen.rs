//! Screening parsed payments and deciding pass or hold.
//!
//! Each party becomes a [`Query`] (see [`party_query`] for what evidence is passed and
//! what is deliberately not), each BIC is looked up among listed entities' BIC identifiers,
//! and remittance text is scanned for listed names. Any hit at or above the threshold holds
//! the message.

use super::fields::bic8;
use super::model::{AgentRole, Party, PartyRole, PaymentMessage};
use super::names::continued_name;
use super::remittance::remittance_matches;
use serde::Serialize;
use std::collections::HashMap;
use vigil_core::{lookup_country, IdentifierKind, Query, Schema};
use vigil_match::{Match, MatchIndex, ScreenOptions, DEFAULT_THRESHOLD};

#[derive(Debug, Clone)]
pub struct PaymentsOptions {
    /// Hits at or above this score hold the message.
    pub threshold: f64,
    /// At most this many matches per party (best first).
    pub limit: usize,
}

impl Default for PaymentsOptions {
    fn default() -> Self {
        PaymentsOptions {
            threshold: DEFAULT_THRESHOLD,
            limit: 5,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Pass,
    Hold,
}

#[derive(Debug, Clone, Serialize)]
pub struct PaymentsReport {
    pub messages: Vec<MessageReport>,
}

impl PaymentsReport {
    pub fn holds(&self) -> usize {
        self.messages
            .iter()
            .filter(|m| m.decision == Decision::Hold)
            .count()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct MessageReport {
    pub id: String,
    #[serde(rename = "type")]
    pub message_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uetr: Option<String>,
    pub decision: Decision,
    pub parties: Vec<PartyReport>,
    pub agents: Vec<AgentReport>,
    pub remittance_matches: Vec<TextMatch>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartyReport {
    pub role: PartyRole,
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bic: Option<String>,
    /// What was screened (absent when the party gave nothing screenable).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query: Option<Query>,
    /// The name joined with its next line, screened too (see `names::continued_name`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub continued_name: Option<String>,
    pub matches: Vec<Hit>,
}

/// Adds `more` to `hits`, keeping the better score for an entity found by both.
fn merge_hits(hits: &mut Vec<Hit>, more: Vec<Hit>) {
    for hit in more {
        match hits.iter_mut().find(|h| h.entity_id == hit.entity_id) {
            Some(old) if old.score >= hit.score => {}
            Some(old) => *old = hit,
            None => hits.push(hit),
        }
    }
    hits.sort_by(|a, b| b.score.total_cmp(&a.score));
}

#[derive(Debug, Clone, Serialize)]
pub struct AgentReport {
    pub role: AgentRole,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bic: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub matches: Vec<Hit>,
}

/// One listed entity a party, agent or text fragment matched.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub entity_id: String,
    pub caption: String,
    pub schema: Schema,
    pub matched_name: String,
    pub score: f64,
    #[serde(skip_serializing_if = "serde_json::Value::is_null")]
    pub reasons: serde_json::Value,
}

impl From<Match> for Hit {
    fn from(m: Match) -> Hit {
        Hit {
            entity_id: m.entity_id,
            caption: m.caption,
            schema: m.schema,
            matched_name: m.matched_name,
            score: m.score,
            reasons: serde_json::to_value(&m.explanation).unwrap_or_default(),
        }
    }
}

/// A listed name found in remittance text.
#[derive(Debug, Clone, Serialize)]
pub struct TextMatch {
    /// `Ustrd`, `70` or `72`.
    pub source: &'static str,
    /// The words that matched.
    pub fragment: String,
    #[serde(flatten)]
    pub hit: Hit,
}

/// Results already computed within one call: batches repeat debtors, agents and
/// remittance texts.
#[derive(Default)]
struct Cache {
    /// By the query as JSON.
    queries: HashMap<String, Vec<Hit>>,
    /// By remittance text: (fragment, hit).
    texts: HashMap<String, Vec<(String, Hit)>>,
}

/// Screens payments against one index. Build it once per index and reuse it: it keeps the
/// listed BICs ready for lookup.
pub struct PaymentScreener<'a> {
    index: &'a MatchIndex,
    /// Listed BICs by their first 8 characters → (entity, BIC as listed).
    bics: HashMap<String, Vec<(usize, String)>>,
}

impl<'a> PaymentScreener<'a> {
    pub fn new(index: &'a MatchIndex) -> PaymentScreener<'a> {
        let mut bics: HashMap<String, Vec<(usize, String)>> = HashMap::new();
        for (i, entity) in index.entities().iter().enumerate() {
            for identifier in &entity.identifiers {
                if identifier.kind == IdentifierKind::Bic {
                    let listed: String = identifier
                        .value
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .collect::<String>()
                        .to_ascii_uppercase();
                    bics.entry(bic8(&listed).to_owned())
                        .or_default()
                        .push((i, listed));
                }
            }
        }
        PaymentScreener { index, bics }
    }

    pub fn index(&self) -> &MatchIndex {
        self.index
    }

    /// Screens every message; the same query is screened once per call (a pain.001 repeats
    /// its debtor in every transaction).
    pub fn screen(
        &self,
        messages: Vec<PaymentMessage>,
        options: &PaymentsOptions,
    ) -> Vec<MessageReport> {
        let screen_options = ScreenOptions {
            threshold: options.threshold,
            limit: options.limit,
        };
        let mut cache = Cache::default();
        messages
            .into_iter()
            .map(|m| self.screen_message(m, &screen_options, &mut cache))
            .collect()
    }

    fn screen_message(
        &self,
        message: PaymentMessage,
        options: &ScreenOptions,
        cache: &mut Cache,
    ) -> MessageReport {
        let mut parties = Vec::with_capacity(message.parties.len());
        for party in message.parties {
            let query = party_query(&party);
            let mut matches = match &query {
                Some(q) => self.cached_screen(q, options, cache),
                None => Vec::new(),
            };
            let joined = query
                .as_ref()
                .and_then(|q| continued_name(&party).map(|name| Query { name, ..q.clone() }));
            if let Some(joined) = &joined {
                merge_hits(&mut matches, self.cached_screen(joined, options, cache));
            }
            if let Some(bic) = &party.bic {
                matches.extend(self.bic_hits(bic));
            }
            parties.push(PartyReport {
                role: party.role,
                name: party.name,
                bic: party.bic,
                query,
                continued_name: joined.map(|q| q.name),
                matches,
            });
        }
        let mut agents = Vec::with_capacity(message.agents.len());
        for agent in message.agents {
            let mut matches = agent
                .bic
                .as_deref()
                .map(|b| self.bic_hits(b))
                .unwrap_or_default();
            if let Some(name) = &agent.name {
                let query = Query {
                    name: name.clone(),
                    schema: Some(Schema::Organization),
                    ..Query::default()
                };
                if query.validate().is_ok() {
                    matches.extend(self.cached_screen(&query, options, cache));
                }
            }
            agents.push(AgentReport {
                role: agent.role,
                bic: agent.bic,
                name: agent.name,
                matches,
            });
        }
        let mut remittance = Vec::new();
        for r in &message.remittance {
            let found = cache.texts.entry(r.text.clone()).or_insert_with(|| {
                remittance_matches(self.index, &r.text, options)
                    .into_iter()
                    .map(|(fragment, m)| (fragment, Hit::from(m)))
                    .collect()
            });
            for (fragment, hit) in found.iter() {
                remittance.push(TextMatch {
                    source: r.source,
                    fragment: fragment.clone(),
                    hit: hit.clone(),
                });
            }
        }
        let hit = parties.iter().any(|p| !p.matches.is_empty())
            || agents.iter().any(|a| !a.matches.is_empty())
            || !remittance.is_empty();
        MessageReport {
            id: message.id,
            message_type: message.message_type,
            uetr: message.uetr,
            decision: if hit { Decision::Hold } else { Decision::Pass },
            parties,
            agents,
            remittance_matches: remittance,
        }
    }

    fn cached_screen(&self, query: &Query, options: &ScreenOptions, cache: &mut Cache) -> Vec<Hit> {
        let key = serde_json::to_string(query).unwrap_or_default();
        cache
            .queries
            .entry(key)
            .or_insert_with(|| {
                self.index
                    .screen(query, options)
                    .into_iter()
                    .filter(|m| m.score >= options.threshold)
                    .map(Hit::from)
                    .collect()
            })
            .clone()
    }

    /// Listed entities whose BIC has the same first 8 characters: a listed bank's branches
    /// (and its head office `XXX`) are that bank.
    fn bic_hits(&self, bic: &str) -> Vec<Hit> {
        let Some(listed) = self.bics.get(bic8(bic)) else {
            return Vec::new();
        };
        let entities = self.index.entities();
        listed
            .iter()
            .map(|(i, listed_bic)| {
                let entity = &entities[*i];
                Hit {
                    entity_id: entity.id.clone(),
                    caption: entity.name.clone(),
                    schema: entity.schema,
                    matched_name: listed_bic.clone(),
                    score: 1.0,
                    reasons: serde_json::json!({
                        "bic": { "message": bic, "listed": listed_bic, "compared": "first 8 characters" }
                    }),
                }
            })
            .collect()
    }
}

/// The query for a party. Evidence passed: the name; the schema when the message says
/// person (`PrvtId`, birth data, personal documents) or organisation (`OrgId`, BIC); the
/// birth date; identity document numbers; and as nationality only a passport's issuing
/// country. Address, residence and birth countries are NOT nationalities (a listed person
/// may live anywhere) and are not passed, so they can neither confirm nor clear a match.
pub fn party_query(party: &Party) -> Option<Query> {
    let documents: Vec<_> = party
        .private_ids
        .iter()
        .filter(|id| id.is_identity_document())
        .collect();
    let name = party.name.as_deref().unwrap_or("").trim();
    if name.is_empty() && documents.is_empty() {
        return None;
    }
    let schema = if party.is_person {
        Some(Schema::Person)
    } else if party.is_organisation {
        Some(Schema::Organization)
    } else {
        None
    };
    let mut nationalities: Vec<String> = documents
        .iter()
        .filter(|id| id.scheme.as_deref() == Some("CCPT"))
        .filter_map(|id| id.issuer.as_deref().and_then(lookup_country))
        .map(str::to_owned)
        .collect();
    nationalities.dedup();
    let query = Query {
        name: name.to_owned(),
        schema,
        birth_date: party.birth.as_ref().and_then(|b| b.date),
        nationalities,
        id_numbers: documents.iter().map(|id| id.id.clone()).collect(),
    };
    query.validate().is_ok().then_some(query)
}
