//! The entity as FollowTheMoney (the shape yente clients and OpenSanctions tools read),
//! written so FtM's own validators accept it: ids and dataset names in FtM's alphabet
//! (`ids`), lower-case country codes, only properties the entity's schema defines, and only
//! values valid for their FtM type. The reverse mapping, FtM into entities, is
//! `vigil_lists::ftm`.

mod ids;
mod schema;
mod schema_table;

pub use ids::{dataset_name, ftm_id, is_ftm_id};
pub use schema::{check_properties, is_ftm_schema, max_length, property_type, valid_value};

use crate::{Country, DateSpec, DocumentKind, Entity, IdentifierKind, NameKind};
use std::collections::BTreeMap;

/// FtM's topic vocabulary (followthemoney 4.11 `types/topic.py`).
pub const TOPICS: &[&str] = &[
    "crime",
    "crime.fraud",
    "crime.cyber",
    "crime.fin",
    "crime.env",
    "crime.theft",
    "crime.war",
    "crime.boss",
    "crime.terror",
    "crime.traffick",
    "crime.traffick.drug",
    "crime.traffick.human",
    "forced.labor",
    "asset.frozen",
    "wanted",
    "corp.offshore",
    "corp.shell",
    "corp.public",
    "corp.disqual",
    "corp.clone",
    "gov",
    "gov.national",
    "gov.state",
    "gov.muni",
    "gov.soe",
    "gov.igo",
    "gov.head",
    "gov.admin",
    "gov.executive",
    "gov.legislative",
    "gov.judicial",
    "gov.security",
    "gov.financial",
    "gov.religion",
    "fin",
    "fin.bank",
    "fin.fund",
    "fin.adivsor",
    "mare.detained",
    "mare.shadow",
    "mare.sts",
    "reg.action",
    "reg.warn",
    "role.pep",
    "role.pep.frmr",
    "role.pep.intl",
    "role.pep.natl",
    "role.pol",
    "role.rca",
    "role.judge",
    "role.civil",
    "role.diplo",
    "role.lawyer",
    "role.acct",
    "role.spy",
    "role.oligarch",
    "role.journo",
    "role.act",
    "role.lobby",
    "pol.party",
    "pol.union",
    "rel",
    "mil",
    "sanction",
    "sanction.linked",
    "sanction.control",
    "sanction.counter",
    "export.control",
    "export.control.linked",
    "export.risk",
    "invest.risk",
    "invest.ban",
    "geo.risk",
    "debarment",
    "poi",
];

/// An entity as FtM writes it (`EntityProxy.to_dict`): what `vigil export --format ftm`
/// writes per line and what the yente routes return, before their dates.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FtmEntity {
    pub id: String,
    pub caption: String,
    pub schema: &'static str,
    pub properties: BTreeMap<String, Vec<String>>,
    pub datasets: Vec<String>,
    pub referents: Vec<String>,
}

impl From<&Entity> for FtmEntity {
    fn from(entity: &Entity) -> FtmEntity {
        FtmEntity {
            id: ftm_id(&entity.id),
            caption: entity.name.clone(),
            schema: entity.schema.ftm_name(),
            properties: entity.ftm_properties(),
            datasets: vec![dataset_name(entity.source())],
            referents: Vec::new(),
        }
    }
}

/// The sources that are sanctions lists: their entities carry the `sanction` topic.
const SANCTIONS_SOURCES: [&str; 2] = ["un-sc", "ofac-sdn"];

/// The entity's FtM topics: `sanction` for the official sanctions lists, plus any the
/// source gave (FtM lists carry their own).
pub fn topics(entity: &Entity) -> Vec<String> {
    let mut topics: Vec<String> = Vec::new();
    if SANCTIONS_SOURCES.contains(&entity.source()) {
        topics.push("sanction".into());
    }
    for topic in entity.properties.get("topics").into_iter().flatten() {
        if !topics.contains(topic) {
            topics.push(topic.clone());
        }
    }
    topics
}

impl Entity {
    /// FtM properties: `name`, `alias`, `weakAlias`, `previousName`, `birthDate`, ...
    /// Only those the schema defines, each value valid for its FtM type: a country FtM
    /// has no code for, or a source property outside the schema, is left out; a value too
    /// long for its type (a UN identifier with its description) goes to `notes` instead.
    pub fn ftm_properties(&self) -> BTreeMap<String, Vec<String>> {
        let schema = self.schema.ftm_name();
        let mut props: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut put = |key: &str, value: String| {
            let too_long = property_type(schema, key)
                .is_some_and(|t| value.trim().chars().count() > max_length(t));
            let (key, value) = if too_long {
                ("notes", format!("{key}: {value}"))
            } else {
                (key, value)
            };
            let Some(value) = clean_value(schema, key, value) else {
                return;
            };
            let values = props.entry(key.to_owned()).or_default();
            if !values.contains(&value) {
                values.push(value);
            }
        };
        for name in &self.names {
            let key = match name.kind {
                NameKind::Primary => "name",
                NameKind::Alias => "alias",
                NameKind::Weak => "weakAlias",
                NameKind::Former => "previousName",
            };
            put(key, name.full.clone());
        }
        for spec in &self.birth_dates {
            match spec {
                DateSpec::On { date } | DateSpec::Circa { date } => {
                    put("birthDate", date.to_string())
                }
                DateSpec::Between { from, to } => {
                    put("birthDate", from.to_string());
                    put("birthDate", to.to_string());
                }
            }
        }
        for place in &self.birth_places {
            put("birthPlace", place.clone());
        }
        let country_key = if self.schema == crate::Schema::Person {
            "nationality"
        } else {
            "country"
        };
        for c in &self.nationalities {
            put(country_key, country_text(c));
        }
        for c in &self.citizenships {
            put("citizenship", country_text(c));
        }
        for c in &self.countries {
            put("country", country_text(c));
        }
        if let Some(gender) = self.gender {
            put("gender", format!("{gender:?}").to_lowercase());
        }
        for title in &self.titles {
            put("position", title.clone());
        }
        for doc in &self.documents {
            let key = match doc.kind {
                DocumentKind::Passport => "passportNumber",
                DocumentKind::TaxId => "taxNumber",
                _ => "idNumber",
            };
            put(key, doc.number.clone());
        }
        for id in &self.identifiers {
            let key = match id.kind {
                IdentifierKind::Imo => "imoNumber",
                IdentifierKind::Mmsi => "mmsi",
                IdentifierKind::CallSign => "callSign",
                IdentifierKind::TailNumber | IdentifierKind::Registration => "registrationNumber",
                IdentifierKind::DigitalCurrency => "cryptoWallets",
                IdentifierKind::Lei => "leiCode",
                IdentifierKind::Bic => "swiftBic",
                IdentifierKind::Other => "idNumber",
            };
            put(key, id.value.clone());
        }
        for address in &self.addresses {
            let parts = [
                &address.street,
                &address.city,
                &address.region,
                &address.postal_code,
            ];
            let mut text: Vec<&str> = parts.iter().filter_map(|p| p.as_deref()).collect();
            if let Some(country) = &address.country {
                text.push(&country.text);
            }
            put("address", text.join(", "));
        }
        for program in &self.programs {
            put("program", program.clone());
        }
        if let Some(date) = self.listed_on {
            put("createdAt", date.to_string());
        }
        if let Some(date) = self.last_updated {
            put("modifiedAt", date.to_string());
        }
        if let Some(remarks) = &self.remarks {
            put("notes", remarks.clone());
        }
        for topic in topics(self) {
            put("topics", topic);
        }
        for (key, values) in &self.properties {
            for value in values {
                put(key, value.clone());
            }
        }
        props.retain(|_, v| !v.is_empty());
        props
    }
}

/// The value as FtM writes it for `key` on `schema` (countries as lower-case ISO codes), or
/// `None` when the schema has no such property or FtM would refuse the value.
fn clean_value(schema: &str, key: &str, value: String) -> Option<String> {
    let ftm_type = property_type(schema, key)?;
    let value = if ftm_type == "country" {
        crate::lookup_country(&value)?.to_ascii_lowercase()
    } else {
        value
    };
    valid_value(ftm_type, &value).then_some(value)
}

fn country_text(country: &Country) -> String {
    country.code.clone().unwrap_or_else(|| country.text.clone())
}

#[cfg(test)]
mod tests {
    use crate::{Country, Entity, Name, NameKind, PartialDate, Schema};

    #[test]
    fn maps_names_dates_and_countries() {
        let mut e = Entity::new("un-sc", "QDi.1", Schema::Person, "Jane Roe");
        e.nationalities.push(Country::parse("Atlantis"));
        e.properties.insert("colour".into(), vec!["red".into()]);
        e.properties
            .insert("sourceUrl".into(), vec!["not a url".into()]);
        e.add_name(Name::new("J. Roe", NameKind::Weak));
        e.birth_dates
            .push(crate::DateSpec::on(PartialDate::year(1970)));
        e.nationalities.push(Country::parse("Pakistan"));
        let props = e.ftm_properties();
        assert_eq!(props["name"], vec!["Jane Roe"]);
        assert_eq!(props["weakAlias"], vec!["J. Roe"]);
        assert_eq!(props["birthDate"], vec!["1970"]);
        assert_eq!(props["nationality"], vec!["pk"]);
        assert_eq!(props["topics"], vec!["sanction"]);
        assert!(!props.contains_key("alias"));
        assert!(!props.contains_key("colour") && !props.contains_key("sourceUrl"));
    }
}
