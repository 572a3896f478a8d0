//! The entity as FollowTheMoney properties (the shape yente clients and OpenSanctions tools
//! read). The reverse mapping, FtM into entities, is `vigil_lists::ftm`.

use crate::{DateSpec, DocumentKind, Entity, IdentifierKind, NameKind};
use std::collections::BTreeMap;

impl Entity {
    /// FtM properties: `name`, `alias`, `weakAlias`, `previousName`, `birthDate`, ...
    pub fn ftm_properties(&self) -> BTreeMap<String, Vec<String>> {
        let mut props: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut put = |key: &str, value: String| {
            let values = props.entry(key.to_owned()).or_default();
            if !value.is_empty() && !values.contains(&value) {
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
            put(
                country_key,
                c.code.clone().unwrap_or_else(|| c.text.clone()),
            );
        }
        for c in &self.citizenships {
            put(
                "citizenship",
                c.code.clone().unwrap_or_else(|| c.text.clone()),
            );
        }
        for c in &self.countries {
            put("country", c.code.clone().unwrap_or_else(|| c.text.clone()));
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
        if let Some(remarks) = &self.remarks {
            put("notes", remarks.clone());
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

#[cfg(test)]
mod tests {
    use crate::{Country, Entity, Name, NameKind, PartialDate, Schema};

    #[test]
    fn maps_names_dates_and_countries() {
        let mut e = Entity::new("un-sc", "QDi.1", Schema::Person, "Jane Roe");
        e.add_name(Name::new("J. Roe", NameKind::Weak));
        e.birth_dates
            .push(crate::DateSpec::on(PartialDate::year(1970)));
        e.nationalities.push(Country::parse("Pakistan"));
        let props = e.ftm_properties();
        assert_eq!(props["name"], vec!["Jane Roe"]);
        assert_eq!(props["weakAlias"], vec!["J. Roe"]);
        assert_eq!(props["birthDate"], vec!["1970"]);
        assert_eq!(props["nationality"], vec!["PK"]);
        assert!(!props.contains_key("alias"));
    }
}
