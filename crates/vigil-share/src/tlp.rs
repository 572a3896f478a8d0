//! Traffic Light Protocol levels and their STIX marking definitions. Objects are served
//! with TLP 2.0 markings; TLP 1.0 (STIX 2.1 spec) and OpenCTI ids are accepted and mapped.

use serde_json::{json, Value};
use std::fmt;
use std::str::FromStr;

/// A TLP level, ordered from least to most restricted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tlp {
    Clear,
    Green,
    Amber,
    AmberStrict,
    Red,
}

/// The TLP 2.0 marking extension (OASIS common objects).
const TLP2_EXTENSION: &str = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

/// Every known marking-definition id and the level it stands for.
const KNOWN_MARKINGS: &[(&str, Tlp)] = &[
    // TLP 2.0, as served.
    (
        "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
        Tlp::Clear,
    ),
    (
        "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
        Tlp::Green,
    ),
    (
        "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
        Tlp::Amber,
    ),
    (
        "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
        Tlp::AmberStrict,
    ),
    (
        "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
        Tlp::Red,
    ),
    // TLP 1.0 (STIX 2.1 specification).
    (
        "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
        Tlp::Clear,
    ),
    (
        "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
        Tlp::Green,
    ),
    (
        "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
        Tlp::Amber,
    ),
    (
        "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
        Tlp::Red,
    ),
    // OpenCTI's own AMBER+STRICT.
    (
        "marking-definition--826578e1-40ad-459f-bc73-ede076f81f37",
        Tlp::AmberStrict,
    ),
];

impl Tlp {
    pub const ALL: [Tlp; 5] = [
        Tlp::Clear,
        Tlp::Green,
        Tlp::Amber,
        Tlp::AmberStrict,
        Tlp::Red,
    ];

    /// The rank stored in vigil-store (0 clear ... 4 red).
    pub fn rank(self) -> u8 {
        self as u8
    }

    pub fn from_rank(rank: u8) -> Option<Tlp> {
        Tlp::ALL.get(usize::from(rank)).copied()
    }

    /// The TLP 2.0 name as in `tlp_2_0` ("amber+strict").
    pub fn as_str(self) -> &'static str {
        match self {
            Tlp::Clear => "clear",
            Tlp::Green => "green",
            Tlp::Amber => "amber",
            Tlp::AmberStrict => "amber+strict",
            Tlp::Red => "red",
        }
    }

    /// The TLP 2.0 marking-definition id every served object carries.
    pub fn marking_id(self) -> &'static str {
        KNOWN_MARKINGS[self as usize].0
    }

    /// The level a marking-definition id stands for (TLP 2.0, 1.0 or OpenCTI).
    pub fn from_marking_id(id: &str) -> Option<Tlp> {
        KNOWN_MARKINGS
            .iter()
            .find(|(known, _)| known.eq_ignore_ascii_case(id))
            .map(|(_, tlp)| *tlp)
    }

    /// The most restrictive TLP among an object's `object_marking_refs`; `None` when it
    /// carries no TLP marking.
    pub fn of_object(object: &Value) -> Option<Tlp> {
        object
            .get("object_marking_refs")?
            .as_array()?
            .iter()
            .filter_map(|r| Tlp::from_marking_id(r.as_str()?))
            .max()
    }

    /// The TLP 2.0 marking-definition object for this level.
    pub fn marking_definition(self) -> Value {
        json!({
            "type": "marking-definition",
            "spec_version": "2.1",
            "id": self.marking_id(),
            "created": "2022-10-01T00:00:00.000Z",
            "name": format!("TLP:{}", self.as_str().to_ascii_uppercase()),
            "extensions": {
                TLP2_EXTENSION: { "extension_type": "property-extension", "tlp_2_0": self.as_str() }
            }
        })
    }
}

impl fmt::Display for Tlp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TLP:{}", self.as_str().to_ascii_uppercase())
    }
}

impl FromStr for Tlp {
    type Err = String;

    /// Accepts `clear`, `TLP:CLEAR`, `white` (TLP 1.0), `amber+strict`, `amber-strict`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        let name = lower.strip_prefix("tlp:").unwrap_or(&lower);
        match name.replace(['-', '_', ' '], "+").as_str() {
            "clear" | "white" => Ok(Tlp::Clear),
            "green" => Ok(Tlp::Green),
            "amber" => Ok(Tlp::Amber),
            "amber+strict" => Ok(Tlp::AmberStrict),
            "red" => Ok(Tlp::Red),
            _ => Err(format!(
                "unknown TLP level {s:?}: expected clear, green, amber, amber+strict or red"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_id_maps_and_ranks_round_trip() {
        assert_eq!(
            Tlp::from_marking_id("marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9"),
            Some(Tlp::Clear)
        );
        assert_eq!(
            Tlp::from_marking_id("marking-definition--826578e1-40ad-459f-bc73-ede076f81f37"),
            Some(Tlp::AmberStrict)
        );
        assert_eq!(Tlp::from_marking_id("marking-definition--0000"), None);
        for tlp in Tlp::ALL {
            assert_eq!(Tlp::from_rank(tlp.rank()), Some(tlp));
            assert_eq!(Tlp::from_marking_id(tlp.marking_id()), Some(tlp));
            assert_eq!(tlp.as_str().parse::<Tlp>(), Ok(tlp));
        }
        assert_eq!("TLP:WHITE".parse::<Tlp>(), Ok(Tlp::Clear));
        assert_eq!("amber-strict".parse::<Tlp>(), Ok(Tlp::AmberStrict));
        assert!("purple".parse::<Tlp>().is_err());
    }

    #[test]
    fn an_object_takes_its_most_restrictive_marking() {
        let object = json!({"object_marking_refs": [
            Tlp::Green.marking_id(),
            "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
            "marking-definition--other-statement"
        ]});
        assert_eq!(Tlp::of_object(&object), Some(Tlp::Red));
        assert_eq!(Tlp::of_object(&json!({})), None);
    }
}
