//! One UN record (`<INDIVIDUAL>` or `<ENTITY>`) → one [`Entity`].

use super::dates::{birth_date, parse_date};
use super::tree::Node;
use super::SOURCE;
use crate::fields::{country, document_kind, push_property, push_unique};
use vigil_core::{
    Address, Document, DocumentKind, Entity, Gender, Name, NameKind, NamePart, NamePartKind, Schema,
};

/// Elements every record carries that say nothing about the person or organisation:
/// internal version counters, always-empty sort keys, and `LIST_TYPE` (always "UN List").
const IGNORED: [&str; 4] = ["VERSIONNUM", "SORT_KEY", "SORT_KEY_LAST_MOD", "LIST_TYPE"];

/// Builds the entity for a record. `warn` collects things kept but worth a look;
/// `Err` is a record that cannot stand (no reference number, no name).
pub(crate) fn entity(node: &Node, warn: &mut dyn FnMut(String)) -> Result<Entity, String> {
    let reference = node
        .get("REFERENCE_NUMBER")
        .ok_or("record without REFERENCE_NUMBER")?;
    let schema = match node.name.as_str() {
        "INDIVIDUAL" => Schema::Person,
        _ => Schema::Organization,
    };
    let parts = name_parts(node);
    if parts.is_empty() {
        return Err(format!("{reference}: record without FIRST_NAME"));
    }
    let full = parts
        .iter()
        .map(|p| p.value.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let mut e = Entity::new(SOURCE, reference, schema, &full);
    e.names[0].parts = parts;
    let mut warn = |message: String| warn(format!("{}: {message}", e_id(reference)));

    for child in &node.children {
        let text = child.text.as_str();
        match child.name.as_str() {
            "REFERENCE_NUMBER" | "FIRST_NAME" | "SECOND_NAME" | "THIRD_NAME" | "FOURTH_NAME" => {}
            "DATAID" => push_property(&mut e, "unDataId", text),
            "UN_LIST_TYPE" if !text.is_empty() => push_unique(&mut e.programs, text.to_owned()),
            "LISTED_ON" if !text.is_empty() => {
                e.listed_on = parse_date(text);
                if e.listed_on.is_none() {
                    warn(format!("LISTED_ON {text:?} is not a date"));
                }
            }
            "LAST_DAY_UPDATED" => {
                for value in child.all("VALUE").filter(|v| !v.text.is_empty()) {
                    match parse_date(&value.text) {
                        Some(d) => e.last_updated = e.last_updated.max(Some(d)),
                        None => warn(format!("LAST_DAY_UPDATED {:?} is not a date", value.text)),
                    }
                }
            }
            "GENDER" => e.gender = gender(text),
            "COMMENTS1" if !text.is_empty() => e.remarks = Some(text.to_owned()),
            "TITLE" | "DESIGNATION" => {
                for value in child.all("VALUE").filter(|v| !v.text.is_empty()) {
                    push_unique(&mut e.titles, value.text.clone());
                }
            }
            "NATIONALITY" => {
                for value in child.all("VALUE").map(|v| v.text.as_str()) {
                    if let Some(country) = country(value, "NATIONALITY", &mut warn) {
                        e.nationalities.push(country);
                    }
                }
            }
            "NAME_ORIGINAL_SCRIPT" => add_name(&mut e, text, NameKind::Alias, true),
            "INDIVIDUAL_ALIAS" | "ENTITY_ALIAS" => alias(&mut e, child, &mut warn),
            "INDIVIDUAL_ADDRESS" | "ENTITY_ADDRESS" => {
                if let Some(a) = address(child, &mut warn) {
                    e.addresses.push(a);
                }
            }
            "INDIVIDUAL_DATE_OF_BIRTH" => {
                if let Some(note) = child.get("NOTE") {
                    push_property(&mut e, "birthDateNote", note);
                }
                match birth_date(child) {
                    Ok(Some(spec)) if !e.birth_dates.contains(&spec) => e.birth_dates.push(spec),
                    Ok(_) => {}
                    Err(why) => warn(format!("birth date not understood, kept as note: {why}")),
                }
            }
            "INDIVIDUAL_PLACE_OF_BIRTH" => {
                let place = joined(child, &["STREET", "CITY", "STATE_PROVINCE", "COUNTRY"]);
                push_place(&mut e, place, child.get("NOTE"));
            }
            "INDIVIDUAL_DOCUMENT" => {
                if let Some(d) = document(child, &mut warn) {
                    e.documents.push(d);
                }
            }
            name if IGNORED.contains(&name) => {}
            // Anything else (SUBMITTED_BY, a new field the UN adds) is kept, not dropped.
            name if !child.is_blank() => {
                let key = name.to_ascii_lowercase();
                if child.children.is_empty() {
                    push_property(&mut e, &key, text);
                } else {
                    for grandchild in child.children.iter().filter(|g| !g.text.is_empty()) {
                        push_property(&mut e, &key, &grandchild.text);
                    }
                }
            }
            _ => {}
        }
    }
    Ok(e)
}

fn e_id(reference: &str) -> String {
    format!("{SOURCE}:{reference}")
}

fn name_parts(node: &Node) -> Vec<NamePart> {
    [
        ("FIRST_NAME", NamePartKind::First),
        ("SECOND_NAME", NamePartKind::Second),
        ("THIRD_NAME", NamePartKind::Third),
        ("FOURTH_NAME", NamePartKind::Fourth),
    ]
    .into_iter()
    .filter_map(|(tag, kind)| {
        node.get(tag).map(|value| NamePart {
            kind,
            value: value.to_owned(),
        })
    })
    .collect()
}

fn gender(text: &str) -> Option<Gender> {
    match text.to_ascii_lowercase().as_str() {
        "male" => Some(Gender::Male),
        "female" => Some(Gender::Female),
        // "Unknown" (2018 file) says nothing.
        _ => None,
    }
}

/// An alias. QUALITY is "Good" / "Low" for individuals and "a.k.a." / "f.k.a." for
/// entities; empty aliases (`<QUALITY/><ALIAS_NAME/>`) are placeholders.
fn alias(e: &mut Entity, node: &Node, warn: &mut dyn FnMut(String)) {
    let Some(name) = node.get("ALIAS_NAME") else {
        return;
    };
    let kind = match node
        .get("QUALITY")
        .unwrap_or("")
        .to_ascii_lowercase()
        .as_str()
    {
        "low" => NameKind::Weak,
        "f.k.a." | "fka" => NameKind::Former,
        "good" | "a.k.a." | "aka" | "" => NameKind::Alias,
        other => {
            warn(format!("alias quality {other:?} not known, read as a.k.a."));
            NameKind::Alias
        }
    };
    for (spelling, original_script) in alias_spellings(name) {
        add_name(e, spelling, kind, original_script);
    }
    if let Some(note) = node.get("NOTE") {
        // "in Arabic script: شركة الكوثر" carries an original-script name.
        if let Some(script) = note.strip_prefix("in Arabic script:") {
            add_name(e, script.trim(), NameKind::Alias, true);
        }
        push_property(e, "aliasNote", &format!("{name}: {note}"));
    }
    // Individuals' aliases may carry the birth details used under that alias.
    if let Some(text) = node.get("DATE_OF_BIRTH") {
        match parse_date(text) {
            Some(date) => {
                let spec = vigil_core::DateSpec::On { date };
                if !e.birth_dates.contains(&spec) {
                    e.birth_dates.push(spec);
                }
            }
            None => warn(format!("alias DATE_OF_BIRTH {text:?} is not a date")),
        }
    }
    let place = joined(node, &["CITY_OF_BIRTH", "COUNTRY_OF_BIRTH"]);
    push_place(e, place, None);
}

/// The names one ALIAS_NAME holds, each with whether it is in a non-Latin script. The list
/// packs several spellings into one alias ("Qasim Soleimani; Qasem Sulaimani", with a
/// stray enumeration: "Mohammed Sabet b) M. Javad Kareemi Sabet"), and writes a name and
/// its original-script form together in every arrangement: "أبو بكر البغدادي (Abu Bakr
/// al-Baghdadi; …)", "Abdelali Abou Dher (عبد العالي ابو ذر)", "Abubakar (original script:
/// Абубакар)", "Agha Jan Alizai اغا جان عالیزی". Each is a name a person may be screened
/// under, so each is one alias. Latin-only brackets stay: there they qualify the name.
fn alias_spellings(text: &str) -> Vec<(&str, bool)> {
    let mixed = is_non_latin(text) && text.split_whitespace().any(|w| !is_non_latin(w));
    let segments: Vec<&str> = if mixed {
        text.split(['(', ')']).collect()
    } else {
        vec![text]
    };
    let mut out = Vec::new();
    for segment in segments {
        let segment = segment.trim();
        let segment = segment.strip_prefix("original script:").unwrap_or(segment);
        for part in segment.split(';').flat_map(split_enumeration) {
            for run in script_runs(part) {
                out.push((run, is_non_latin(run)));
            }
        }
    }
    out
}

/// `text` cut where it changes between Latin and another script, word by word; words
/// without letters stay with the run they are in.
fn script_runs(text: &str) -> Vec<&str> {
    let mut runs = Vec::new();
    let mut current: Option<(usize, usize, bool)> = None;
    for word in text.split_whitespace() {
        let start = word.as_ptr() as usize - text.as_ptr() as usize;
        let end = start + word.len();
        let has_letters = word.chars().any(char::is_alphabetic);
        let script = is_non_latin(word);
        current = match current {
            Some((s, _, sc)) if sc == script || !has_letters => Some((s, end, sc)),
            Some((s, e, _)) => {
                runs.push(&text[s..e]);
                Some((start, end, script))
            }
            None => Some((start, end, script)),
        };
    }
    if let Some((s, e, _)) = current {
        runs.push(&text[s..e]);
    }
    runs
}

/// Splits "Mohammad Sabet b) M. Javad Sabet" at its enumeration markers (" b) ", " c) ").
fn split_enumeration(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let b = rest.as_bytes();
        let marker = (1..b.len().saturating_sub(2)).find(|&i| {
            b[i - 1] == b' ' && b[i].is_ascii_lowercase() && b[i + 1] == b')' && b[i + 2] == b' '
        });
        let (head, tail) = match marker {
            Some(i) => (&rest[..i], &rest[i + 3..]),
            None => (rest, ""),
        };
        rest = tail;
        Some(head)
    })
}

/// Written in a script other than Latin (letters beyond Latin Extended-B).
fn is_non_latin(text: &str) -> bool {
    text.chars().any(|c| c.is_alphabetic() && c > '\u{024F}')
}

fn add_name(e: &mut Entity, text: &str, kind: NameKind, original_script: bool) {
    if text.is_empty() {
        return;
    }
    let mut name = Name::new(text, kind);
    name.original_script = original_script;
    e.add_name(name);
}

fn address(node: &Node, warn: &mut dyn FnMut(String)) -> Option<Address> {
    let text = |tag| node.get(tag).map(str::to_owned);
    let a = Address {
        street: text("STREET"),
        city: text("CITY"),
        region: text("STATE_PROVINCE"),
        postal_code: text("ZIP_CODE"),
        country: node
            .get("COUNTRY")
            .and_then(|c| country(c, "address COUNTRY", warn)),
        note: text("NOTE"),
    };
    (a != Address::default()).then_some(a)
}

fn document(node: &Node, warn: &mut dyn FnMut(String)) -> Option<Document> {
    if node.is_blank() {
        return None;
    }
    let type1 = node.get("TYPE_OF_DOCUMENT").unwrap_or("");
    let type2 = node.get("TYPE_OF_DOCUMENT2").unwrap_or("");
    // The second type is the more specific one ("Italian Fiscal Code" under "National
    // Identification Number"), when it says anything we recognise.
    let kind = match document_kind(type2) {
        DocumentKind::Other => document_kind(type1),
        kind => kind,
    };
    let type_text = match (type1, type2) {
        (a, "") => a.to_owned(),
        ("", b) => b.to_owned(),
        (a, b) => format!("{a} / {b}"),
    };
    let mut notes: Vec<String> = node.get("NOTE").map(str::to_owned).into_iter().collect();
    if let Some(city) = node.get("CITY_OF_ISSUE") {
        notes.push(format!("issued in {city}"));
    }
    let issued = node.get("DATE_OF_ISSUE").and_then(|text| {
        let date = parse_date(text);
        if date.is_none() {
            warn(format!("DATE_OF_ISSUE {text:?} is not a date"));
        }
        date
    });
    let country = node
        .get("ISSUING_COUNTRY")
        .or_else(|| node.get("COUNTRY_OF_ISSUE"))
        .and_then(|c| country(c, "document country", warn));
    Some(Document {
        kind,
        type_text,
        // Some documents carry their number only inside the note ("SSN 156-92-9858").
        number: node.get("NUMBER").unwrap_or("").to_owned(),
        country,
        issued,
        expires: None,
        note: (!notes.is_empty()).then(|| notes.join("; ")),
    })
}

fn joined(node: &Node, tags: &[&str]) -> String {
    tags.iter()
        .filter_map(|t| node.get(t))
        .collect::<Vec<_>>()
        .join(", ")
}

fn push_place(e: &mut Entity, place: String, note: Option<&str>) {
    let place = match note {
        Some(note) if place.is_empty() => note.to_owned(),
        Some(note) => format!("{place} ({note})"),
        None => place,
    };
    if !place.is_empty() && !e.birth_places.contains(&place) {
        e.birth_places.push(place);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_alias_field_may_hold_several_spellings() {
        assert_eq!(
            alias_spellings("Qasim Soleimani; Qasem Sulaimani;Kasim Soleimani"),
            [
                ("Qasim Soleimani", false),
                ("Qasem Sulaimani", false),
                ("Kasim Soleimani", false)
            ]
        );
        assert_eq!(
            alias_spellings("Mohammed Sabet; Mohammad Sabet b) M. Javad Sabet"),
            [
                ("Mohammed Sabet", false),
                ("Mohammad Sabet", false),
                ("M. Javad Sabet", false)
            ]
        );
        assert_eq!(
            alias_spellings("أبو بكر البغدادي (Abu Bakr al-Baghdadi; Abu Bakr)"),
            [
                ("أبو بكر البغدادي", true),
                ("Abu Bakr al-Baghdadi", false),
                ("Abu Bakr", false)
            ]
        );
    }

    #[test]
    fn plain_aliases_and_latin_brackets_stay_whole() {
        assert_eq!(alias_spellings("Abu Hafs"), [("Abu Hafs", false)]);
        assert_eq!(
            alias_spellings("Shaykh Sa'id (Mustafa)"),
            [("Shaykh Sa'id (Mustafa)", false)]
        );
        assert!(alias_spellings(" ; ").is_empty());
    }

    #[test]
    fn a_name_and_its_original_script_form_are_two_aliases() {
        assert_eq!(
            alias_spellings("Abdelali Abou Dher (عبد العالي ابو ذر)"),
            [("Abdelali Abou Dher", false), ("عبد العالي ابو ذر", true)]
        );
        assert_eq!(
            alias_spellings("Abubakar (original script: Абубакар)"),
            [("Abubakar", false), ("Абубакар", true)]
        );
        assert_eq!(
            alias_spellings("Agha Jan Alizai اغا جان عالیزی"),
            [("Agha Jan Alizai", false), ("اغا جان عالیزی", true)]
        );
    }
}
