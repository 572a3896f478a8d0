//! What every travel format yields: the flight and its travellers, ready to screen.

use serde::Serialize;
use vigil_core::{country_by_alpha3, lookup_country, Country, PartialDate, Query, Schema};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Passenger,
    Crew,
}

/// A travel document: PAXLST `DOC`, an MRZ, or the CSV document columns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TravelDocument {
    /// The document type code as given (`P` passport, `V` visa, `I` identity card, ...).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub kind: String,
    pub number: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<PartialDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuing_country: Option<Country>,
}

/// A reference attached to a traveller (`RFF+AVF` booking locator, `RFF+SEA` seat).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reference {
    pub qualifier: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Traveller {
    pub role: Role,
    /// PAXLST `NAD+DDU` / `NAD+DDT`: on board but not entering.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub in_transit: bool,
    pub surname: String,
    /// Given and middle names, space-separated.
    pub given_names: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<PartialDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nationality: Option<Country>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub residence: Option<Country>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_place: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub embarkation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub debarkation: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<TravelDocument>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<Reference>,
    /// Where the traveller starts in the file: PAXLST segment number of the `NAD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segment: Option<usize>,
    /// Line in the file (PAXLST segment line, CSV record line).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

impl Traveller {
    pub fn new(role: Role) -> Traveller {
        Traveller {
            role,
            in_transit: false,
            surname: String::new(),
            given_names: String::new(),
            gender: None,
            birth_date: None,
            nationality: None,
            residence: None,
            birth_place: None,
            embarkation: None,
            debarkation: None,
            documents: Vec::new(),
            references: Vec::new(),
            segment: None,
            line: None,
        }
    }

    /// "GIVEN MIDDLE SURNAME", the order names are screened in.
    pub fn name(&self) -> String {
        let mut name = self.given_names.trim().to_owned();
        if !self.surname.trim().is_empty() {
            if !name.is_empty() {
                name.push(' ');
            }
            name.push_str(self.surname.trim());
        }
        name
    }

    /// The screening query: the name, a person, birth date, nationality, document numbers.
    pub fn query(&self) -> Query {
        Query {
            name: self.name(),
            schema: Some(Schema::Person),
            birth_date: self.birth_date,
            nationalities: self
                .nationality
                .iter()
                .filter_map(|c| c.code.clone())
                .collect(),
            id_numbers: self
                .documents
                .iter()
                .map(|d| d.number.clone())
                .filter(|n| !n.is_empty())
                .collect(),
        }
    }
}

/// The flight a manifest is about, as far as the manifest says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Flight {
    /// `TDT` conveyance reference, e.g. `TK1980`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub number: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub carrier: String,
    /// `LOC+125` airport (IATA code).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub departure_airport: String,
    /// `DTM+189`, ISO 8601 local time as sent (`2026-03-01T12:30`).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub departure: String,
    /// `LOC+87` airport.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub arrival_airport: String,
    /// `DTM+232`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub arrival: String,
    /// `BGM+745` passenger list, `BGM+250` crew list.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub list: String,
    /// `NAD+MS`: who sent the list.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reporting_party: String,
    /// Sender and interchange reference from `UNB`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub sender: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub interchange_reference: String,
}

/// A country from a travel code: ICAO/ISO alpha-3 (`TUN`, `D`), alpha-2 or a name. The text
/// is kept as written; `code` is the alpha-2 code when known (`None` for `UTO`, `XXA`, ...).
pub fn travel_country(text: &str) -> Option<Country> {
    let text = text.trim().trim_end_matches('<');
    if text.is_empty() {
        return None;
    }
    let code = match text.len() {
        3 | 1 => country_by_alpha3(text).or_else(|| special_country(text)),
        _ => None,
    }
    .or_else(|| lookup_country(text));
    Some(Country {
        code: code.map(str::to_owned),
        text: text.to_owned(),
    })
}

/// ICAO codes that are not ISO 3166 countries but do name one.
fn special_country(code: &str) -> Option<&'static str> {
    match code {
        // Kosovo documents issued by UNMIK.
        "UNK" => Some("XK"),
        "RKS" => Some("XK"),
        _ => None,
    }
}

/// What an ICAO special code stands for, for display (`UTO` is the specimen state).
pub fn special_country_note(code: &str) -> Option<&'static str> {
    Some(match code {
        "UTO" => "Utopia (ICAO specimen state)",
        "XXA" => "stateless person",
        "XXB" => "refugee (1951 Convention)",
        "XXC" => "refugee (other)",
        "XXX" => "unspecified nationality",
        "UNO" => "United Nations official",
        "UNA" => "United Nations specialized agency",
        "UNK" => "Kosovo (UNMIK)",
        "EUE" => "European Union",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_from_travel_codes() {
        assert_eq!(travel_country("TUN").unwrap().code.as_deref(), Some("TN"));
        assert_eq!(travel_country("D<<").unwrap().code.as_deref(), Some("DE"));
        assert_eq!(travel_country("UTO").unwrap().code, None);
        assert_eq!(travel_country("pk").unwrap().code.as_deref(), Some("PK"));
        assert_eq!(travel_country("UNK").unwrap().code.as_deref(), Some("XK"));
        assert!(travel_country(" ").is_none());
    }

    #[test]
    fn query_name_order() {
        let mut t = Traveller::new(Role::Passenger);
        t.surname = "ERIKSSON".into();
        t.given_names = "ANNA MARIA".into();
        assert_eq!(t.query().name, "ANNA MARIA ERIKSSON");
        assert_eq!(t.query().schema, Some(Schema::Person));
    }
}
