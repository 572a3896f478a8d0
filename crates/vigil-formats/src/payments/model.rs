//! What the payment readers extract: one [`PaymentMessage`] per credit transfer, with its
//! parties, agents (banks) and remittance text. ISO 20022 and MT103 both map onto it, so
//! screening does not care where a message came from.

use serde::Serialize;
use vigil_core::PartialDate;

/// One credit transfer: an ISO 20022 `CdtTrfTxInf` (with the group and payment-information
/// data it inherits) or one MT103.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PaymentMessage {
    /// ISO 20022: `MsgId/EndToEndId`; MT103: field 20 (sender's reference).
    pub id: String,
    /// `pacs.008.001.08`, `pain.001.001.03`, `MT103`, ...
    pub message_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uetr: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    pub parties: Vec<Party>,
    pub agents: Vec<Agent>,
    /// Unstructured remittance information (`RmtInf/Ustrd`, MT103 field 70), one entry per
    /// element or field; MT103 field 72 is included because names hide there too.
    pub remittance: Vec<Remittance>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Amount {
    /// As written, with a decimal point (MT's decimal comma is converted).
    pub value: String,
    pub currency: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Remittance {
    /// `Ustrd`, `70` or `72`.
    pub source: &'static str,
    pub text: String,
}

/// Who a party is in the transfer. MT103's ordering customer (50a) is the debtor and its
/// beneficiary customer (59a) the creditor, so both formats report the same roles.
/// Declared in the order reports list parties.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartyRole {
    InitiatingParty,
    Debtor,
    UltimateDebtor,
    Creditor,
    UltimateCreditor,
}

impl PartyRole {
    pub fn as_str(self) -> &'static str {
        match self {
            PartyRole::Debtor => "debtor",
            PartyRole::Creditor => "creditor",
            PartyRole::UltimateDebtor => "ultimate_debtor",
            PartyRole::UltimateCreditor => "ultimate_creditor",
            PartyRole::InitiatingParty => "initiating_party",
        }
    }
}

/// A bank in the chain. MT103: sender (block 1) = instructing agent, receiver (block 2) =
/// instructed agent, 52a = debtor agent, 56a = intermediary 1, 57a = creditor agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AgentRole {
    DebtorAgent,
    CreditorAgent,
    IntermediaryAgent1,
    IntermediaryAgent2,
    IntermediaryAgent3,
    InstructingAgent,
    InstructedAgent,
    /// `PrvsInstgAgt1..3`: banks the payment already passed through.
    PreviousInstructingAgent,
}

impl AgentRole {
    pub fn as_str(self) -> &'static str {
        match self {
            AgentRole::DebtorAgent => "debtor_agent",
            AgentRole::CreditorAgent => "creditor_agent",
            AgentRole::IntermediaryAgent1 => "intermediary_agent_1",
            AgentRole::IntermediaryAgent2 => "intermediary_agent_2",
            AgentRole::IntermediaryAgent3 => "intermediary_agent_3",
            AgentRole::InstructingAgent => "instructing_agent",
            AgentRole::InstructedAgent => "instructed_agent",
            AgentRole::PreviousInstructingAgent => "previous_instructing_agent",
        }
    }
}

/// A debtor, creditor, ultimate party or initiating party.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Party {
    pub role: PartyRole,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "PostalAddress::is_empty")]
    pub address: PostalAddress,
    /// `CtryOfRes`. Where the party lives: NOT a nationality.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_of_residence: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth: Option<Birth>,
    /// Personal identifiers (passport, national id, ...).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub private_ids: Vec<PartyId>,
    /// Organisation identifiers other than BIC and LEI.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub organisation_ids: Vec<PartyId>,
    /// `OrgId/AnyBIC` (`BICOrBEI` in older versions), MT 50A/59A.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bic: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lei: Option<String>,
    /// IBAN or other account id (`DbtrAcct`/`CdtrAcct`, MT `/account` line).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// True when the message identifies the party as an organisation (`OrgId`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub is_organisation: bool,
    /// True when the message identifies the party as a person (`PrvtId`, MT 50F birth data
    /// or personal document).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub is_person: bool,
}

impl Party {
    pub fn new(role: PartyRole) -> Party {
        Party {
            role,
            name: None,
            address: PostalAddress::default(),
            country_of_residence: None,
            birth: None,
            private_ids: Vec::new(),
            organisation_ids: Vec::new(),
            bic: None,
            lei: None,
            account: None,
            is_organisation: false,
            is_person: false,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PostalAddress {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub street: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub building: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub post_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub town: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subdivision: Option<String>,
    /// ISO 3166 alpha-2 code as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<String>,
}

impl PostalAddress {
    pub fn is_empty(&self) -> bool {
        *self == PostalAddress::default()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Birth {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// An identifier with its scheme: `CCPT` passport, `NIDN` national id, `TXID` tax id, ...
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PartyId {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    /// Issuer; for MT103 50F codes the issuing country.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
}

impl PartyId {
    /// Identity documents a listed person's record may carry (passport, national id,
    /// alien registration, driving licence, social security, tax id). Customer and employer
    /// numbers are the bank's or employer's own and never appear on a list.
    pub fn is_identity_document(&self) -> bool {
        matches!(
            self.scheme.as_deref(),
            Some("CCPT" | "NIDN" | "ARNU" | "DRLC" | "SOSE" | "TXID")
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Agent {
    pub role: AgentRole,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bic: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}
