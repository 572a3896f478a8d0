//! The entity model: one listed person, organisation, vessel or aircraft.
//!
//! Shaped after FollowTheMoney (FtM): `schema` maps to FtM's schema, each field to an FtM
//! property (noted on the field), so OpenSanctions data converts both ways without loss.

use crate::{Country, DateSpec, PartialDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// What kind of thing an entity is. FtM: `Person`, `Organization` (also `Company`,
/// `LegalEntity`), `Vessel`, `Airplane`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Schema {
    Person,
    Organization,
    Vessel,
    Aircraft,
}

impl Schema {
    pub const ALL: [Schema; 4] = [
        Schema::Person,
        Schema::Organization,
        Schema::Vessel,
        Schema::Aircraft,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Schema::Person => "person",
            Schema::Organization => "organization",
            Schema::Vessel => "vessel",
            Schema::Aircraft => "aircraft",
        }
    }

    /// The FtM schema name.
    pub fn ftm_name(self) -> &'static str {
        match self {
            Schema::Person => "Person",
            Schema::Organization => "Organization",
            Schema::Vessel => "Vessel",
            Schema::Aircraft => "Airplane",
        }
    }
}

impl fmt::Display for Schema {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Schema {
    type Err = String;

    /// Accepts Vigil's names and FtM's (case-insensitive): `Company` and `LegalEntity` are
    /// organisations, `Airplane` an aircraft, `individual`/`entity` as the lists say.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "person" | "individual" => Ok(Schema::Person),
            "organization" | "organisation" | "company" | "legalentity" | "entity"
            | "publicbody" => Ok(Schema::Organization),
            "vessel" => Ok(Schema::Vessel),
            "aircraft" | "airplane" => Ok(Schema::Aircraft),
            other => Err(format!(
                "unknown schema {other:?}: expected person, organization, vessel or aircraft"
            )),
        }
    }
}

/// How a name relates to the entity. FtM: `name`, `alias`, `weakAlias`, `previousName`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NameKind {
    /// The name the list leads with.
    Primary,
    /// A strong (good-quality) a.k.a.
    Alias,
    /// A weak or low-quality a.k.a.: too generic to alert on alone.
    Weak,
    /// Formerly known as.
    Former,
}

/// Which component of a name a part is. UN records number them (FIRST..FOURTH_NAME);
/// other sources say given/middle/last. FtM: `firstName`, `secondName`, `middleName`,
/// `lastName`, `fatherName`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NamePartKind {
    First,
    Second,
    Third,
    Fourth,
    Given,
    Middle,
    Last,
    Father,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NamePart {
    pub kind: NamePartKind,
    pub value: String,
}

/// One name of an entity, in the script the source wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Name {
    pub full: String,
    pub kind: NameKind,
    /// Name parts in order, where the source gives them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<NamePart>,
    /// True for a name in its original (non-Latin) script as the list gives it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub original_script: bool,
}

impl Name {
    pub fn new(full: impl Into<String>, kind: NameKind) -> Name {
        Name {
            full: full.into(),
            kind,
            parts: Vec::new(),
            original_script: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Male,
    Female,
    Other,
}

/// The kind of an identity document. FtM: `Passport` / `Identification` entities, or
/// `passportNumber` / `idNumber` / `taxNumber` properties.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    Passport,
    NationalId,
    TaxId,
    DrivingLicence,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Document {
    pub kind: DocumentKind,
    /// The document type as the source names it ("Passport", "Cedula No.", "NIC").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub type_text: String,
    pub number: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<Country>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// FtM `Address` (or the `address` property as `full`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Address {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<Country>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Identifiers other than personal documents. FtM: `imoNumber`, `mmsi`, `callSign`,
/// `registrationNumber`, `CryptoWallet.publicKey`, `leiCode`, `swiftBic`, ...
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdentifierKind {
    Imo,
    Mmsi,
    CallSign,
    TailNumber,
    /// A digital currency address; `Identifier::note` carries the currency (XBT, ETH, ...).
    DigitalCurrency,
    Lei,
    Bic,
    Registration,
    Other,
}

/// The note of the identifier (kind `Other`) that keeps a partner's own id for an entity
/// pulled over TAXII (whose id here is `partner:NAME:<stix id>`).
pub const PARTNER_ENTITY_ID: &str = "partner's entity id";

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Identifier {
    pub kind: IdentifierKind,
    pub value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A link to another entity (OFAC "Linked To:", UN references in comments). FtM:
/// `UnknownLink` / `Associate` / `Ownership` relations.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Link {
    /// "linked_to", "associate", "related".
    pub relation: String,
    /// The other entity's name as the source writes it.
    pub name: String,
    /// The other entity's Vigil id, once resolved within the same list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<String>,
}

/// One listed person, organisation, vessel or aircraft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// `<source>:<source id>`, e.g. `un-sc:QDe.118`, `ofac-sdn:7140`.
    pub id: String,
    pub schema: Schema,
    /// The caption: the primary name, as the source writes it.
    pub name: String,
    /// Every name, the primary one first.
    pub names: Vec<Name>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub birth_dates: Vec<DateSpec>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub birth_places: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nationalities: Vec<Country>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub citizenships: Vec<Country>,
    /// Countries an organisation, vessel or aircraft is tied to (jurisdiction, flag).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<Country>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    /// Titles and positions (UN TITLE and DESIGNATION; OFAC title).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<Document>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<Address>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<Identifier>,
    /// Sanctions programmes or regimes (UN list type, OFAC programme codes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub programs: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listed_on: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remarks: Option<String>,
    /// Further properties the source gives, keyed by FtM property name (e.g. `flag`,
    /// `buildDate`, `tonnage`, `type`), so nothing is dropped.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub properties: BTreeMap<String, Vec<String>>,
}

impl Entity {
    /// A new entity with an id built from its source and the source's own id.
    pub fn new(source: &str, source_id: &str, schema: Schema, name: &str) -> Entity {
        Entity {
            id: format!("{source}:{source_id}"),
            schema,
            name: name.to_owned(),
            names: vec![Name::new(name, NameKind::Primary)],
            birth_dates: Vec::new(),
            birth_places: Vec::new(),
            nationalities: Vec::new(),
            citizenships: Vec::new(),
            countries: Vec::new(),
            gender: None,
            titles: Vec::new(),
            documents: Vec::new(),
            addresses: Vec::new(),
            identifiers: Vec::new(),
            programs: Vec::new(),
            listed_on: None,
            last_updated: None,
            links: Vec::new(),
            remarks: None,
            properties: BTreeMap::new(),
        }
    }

    /// The list this entity comes from (the part of the id before the first ':'), e.g.
    /// `un-sc`; partner lists (`partner:NAME:ID`) keep `partner:NAME`.
    pub fn source(&self) -> &str {
        self.id.rsplit_once(':').map(|(s, _)| s).unwrap_or(&self.id)
    }

    /// Adds a name unless an identical one (same text and kind) is already there.
    pub fn add_name(&mut self, name: Name) {
        if !name.full.trim().is_empty() && !self.names.iter().any(|n| n.full == name.full) {
            self.names.push(name);
        }
    }

    /// Every country the entity is connected to by nationality, citizenship or jurisdiction,
    /// as known codes.
    pub fn country_codes(&self) -> impl Iterator<Item = &str> {
        self.nationalities
            .iter()
            .chain(&self.citizenships)
            .chain(&self.countries)
            .filter_map(|c| c.code.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_parses_ftm_and_list_names() {
        assert_eq!("Company".parse::<Schema>(), Ok(Schema::Organization));
        assert_eq!("individual".parse::<Schema>(), Ok(Schema::Person));
        assert_eq!("Airplane".parse::<Schema>(), Ok(Schema::Aircraft));
        assert!("ship".parse::<Schema>().is_err());
    }

    #[test]
    fn source_is_prefix_of_id() {
        let e = Entity::new(
            "un-sc",
            "QDe.118",
            Schema::Organization,
            "LASHKAR-E-TAYYIBA",
        );
        assert_eq!(e.id, "un-sc:QDe.118");
        assert_eq!(e.source(), "un-sc");
        let p = Entity::new("partner:partner-a", "x1", Schema::Person, "A");
        assert_eq!(p.source(), "partner:partner-a");
    }

    #[test]
    fn add_name_skips_duplicates_and_blanks() {
        let mut e = Entity::new("t", "1", Schema::Person, "John Smith");
        e.add_name(Name::new("John Smith", NameKind::Alias));
        e.add_name(Name::new("  ", NameKind::Alias));
        e.add_name(Name::new("Johnny Smith", NameKind::Weak));
        assert_eq!(e.names.len(), 2);
    }
}
