//! The SDN `Remarks` field: `;`-separated facts such as `DOB 31 Aug 1960`, `POB Giza,
//! Egypt`, `Passport 042833 (Lebanon)`, `a.k.a. 'X'` or `Linked To: NAME.`, turned into
//! entity fields. Unrecognised facts (titles, sanctions notes) only stay in `remarks`.

use super::{country, dates, person_name};
use vigil_core::{Document, DocumentKind, Entity, Gender, Identifier, IdentifierKind, Link};
use vigil_core::{NameKind, Schema};

/// Where an extracted fact goes.
enum Target {
    Document(DocumentKind),
    /// An identity number of an unknown kind: a national id for people, a registration
    /// number for organisations, vessels and aircraft.
    IdNumber,
    Identifier(IdentifierKind),
    Property(&'static str),
    /// A property holding a date, stored as ISO 8601 when it parses.
    DateProperty(&'static str),
    /// A flag the vessel flew before (`Former Vessel Flag Malta`).
    PastFlag,
    /// The country an aircraft or vessel is registered in.
    Flag,
}

use DocumentKind::{DrivingLicence, NationalId, Other as OtherDoc, Passport, TaxId};
use IdentifierKind::{Bic, Imo, Lei, Mmsi, Registration, TailNumber};
use Target::{DateProperty, Document as Doc, IdNumber, Identifier as Id, Property as Prop};

/// Labels OFAC puts before a value, as written in the 2026 SDN file. The longest matching
/// label wins, so `Company Number IMO` beats `Company Number`.
const LABELS: &[(&str, Target)] = &[
    ("Passport", Doc(Passport)),
    ("Diplomatic Passport", Doc(Passport)),
    ("Passport Booklet", Doc(Passport)),
    ("Travel Document Number", Doc(Passport)),
    ("Stateless Person Passport", Doc(Passport)),
    ("National ID No.", Doc(NationalId)),
    ("National Foreign ID Number", Doc(NationalId)),
    ("Cedula No.", Doc(NationalId)),
    ("D.N.I.", Doc(NationalId)),
    ("Personal ID Card", Doc(NationalId)),
    ("C.U.R.P.", Doc(NationalId)),
    ("CURP", Doc(NationalId)),
    ("C.U.I.P.", Doc(NationalId)),
    ("C.U.I.", Doc(NationalId)),
    ("Credencial electoral", Doc(NationalId)),
    ("I.F.E.", Doc(NationalId)),
    ("Electoral Registry No.", Doc(NationalId)),
    ("Turkish Identification Number", Doc(NationalId)),
    ("Citizen's Card Number", Doc(NationalId)),
    ("Kenyan ID No.", Doc(NationalId)),
    ("Tazkira National ID Card", Doc(NationalId)),
    ("Numero de Identidad", Doc(NationalId)),
    ("LE Number", Doc(NationalId)),
    ("Residency Number", Doc(NationalId)),
    ("UAE Identification", Doc(NationalId)),
    ("Moroccan Personal ID No.", Doc(NationalId)),
    ("N.I.E.", Doc(NationalId)),
    ("Identification Number", IdNumber),
    ("Tax ID No.", Doc(TaxId)),
    ("NIT #", Doc(TaxId)),
    ("R.F.C.", Doc(TaxId)),
    ("RFC", Doc(TaxId)),
    ("RUC #", Doc(TaxId)),
    ("RIF #", Doc(TaxId)),
    ("RTN", Doc(TaxId)),
    ("SSN", Doc(TaxId)),
    ("US FEIN", Doc(TaxId)),
    ("C.U.I.T.", Doc(TaxId)),
    ("C.I.F.", Doc(TaxId)),
    ("V.A.T. Number", Doc(TaxId)),
    ("Italian Fiscal Code", Doc(TaxId)),
    (
        "Numero Unico de Identificacao Tributaria (NUIT)",
        Doc(TaxId),
    ),
    ("Driver's License No.", Doc(DrivingLicence)),
    ("Birth Certificate Number", Doc(OtherDoc)),
    ("Cartilla de Servicio Militar Nacional", Doc(OtherDoc)),
    ("VisaNumberID", Doc(OtherDoc)),
    ("Immigration No.", Doc(OtherDoc)),
    ("SRE Permit No.", Doc(OtherDoc)),
    ("Pilot License Number", Doc(OtherDoc)),
    ("Seafarer's Identification Document", Doc(OtherDoc)),
    ("Refugee ID Card", Doc(OtherDoc)),
    ("Registration Number", Id(Registration)),
    ("Registration ID", Id(Registration)),
    ("Company Number", Id(Registration)),
    ("UK Company Number", Id(Registration)),
    ("Commercial Registry Number", Id(Registration)),
    ("Matricula Mercantil No", Id(Registration)),
    ("Folio Mercantil No.", Id(Registration)),
    ("Business Registration Number", Id(Registration)),
    ("Business Registration Document #", Id(Registration)),
    ("Business Number", Id(Registration)),
    ("Government Gazette Number", Id(Registration)),
    ("C.R. No.", Id(Registration)),
    ("Trade License No.", Id(Registration)),
    ("Chamber of Commerce Number", Id(Registration)),
    ("Dubai Chamber of Commerce Membership No.", Id(Registration)),
    ("Certificate of Incorporation Number", Id(Registration)),
    ("Legal Entity Number", Id(Registration)),
    ("Enterprise Number", Id(Registration)),
    ("Branch Unit Number", Id(Registration)),
    ("Public Registration Number", Id(Registration)),
    ("Registered Charity No.", Id(Registration)),
    ("File Number", Id(Registration)),
    ("License", Id(Registration)),
    ("Tourism License No.", Id(Registration)),
    ("MSB Registration Number", Id(Registration)),
    ("Istanbul Chamber of Comm. No.", Id(Registration)),
    ("Unified Social Credit Code (USCC)", Id(Registration)),
    (
        "United Social Credit Code Certificate (USCCC)",
        Id(Registration),
    ),
    ("D-U-N-S Number", Id(IdentifierKind::Other)),
    ("BIK (RU)", Id(IdentifierKind::Other)),
    ("SWIFT/BIC", Id(Bic)),
    ("LEI", Id(Lei)),
    ("Vessel Registration Identification IMO", Id(Imo)),
    // Once without the "IMO"; the number is still the ship's IMO number.
    ("Vessel Registration Identification", Id(Imo)),
    ("Identification Number IMO", Id(Imo)),
    ("Company Number IMO", Id(Imo)),
    ("MMSI", Id(Mmsi)),
    ("Aircraft Tail Number", Id(TailNumber)),
    ("Previous Aircraft Tail Number", Id(TailNumber)),
    ("Other Vessel Call Sign", Id(IdentifierKind::CallSign)),
    (
        "Aircraft Construction Number (also called L/N or S/N or F/N)",
        Id(IdentifierKind::Other),
    ),
    (
        "Aircraft Manufacturer's Serial Number (MSN)",
        Id(IdentifierKind::Other),
    ),
    ("Aircraft Serial Identification", Id(IdentifierKind::Other)),
    (
        "Aircraft Mode S Transponder Code",
        Id(IdentifierKind::Other),
    ),
    ("Aircraft Model", Prop("model")),
    ("Aircraft Operator", Prop("operator")),
    ("Aircraft Manufacture Date", DateProperty("buildDate")),
    (
        "Organization Established Date",
        DateProperty("incorporationDate"),
    ),
    ("Organization Type:", Prop("sector")),
    ("Other Vessel Type", Prop("type")),
    ("Former Vessel Flag", Target::PastFlag),
    ("Nationality of Registration", Target::Flag),
    ("Website", Prop("website")),
    ("Email Address", Prop("email")),
    ("Phone Number", Prop("phone")),
    ("Phone No.", Prop("phone")),
    ("PHONE", Prop("phone")),
    ("Telephone", Prop("phone")),
    ("Telephone No.", Prop("phone")),
];

/// Applies every recognised fact in `remarks` to `entity`; returns how many `;`-separated
/// parts were not recognised. `place` (file, line, id) prefixes warnings.
pub(super) fn apply(
    entity: &mut Entity,
    remarks: &str,
    place: &str,
    warnings: &mut Vec<String>,
) -> usize {
    let mut unrecognised = 0;
    for segment in split(remarks) {
        if !apply_segment(entity, segment, place, warnings) {
            unrecognised += 1;
        }
    }
    unrecognised
}

/// Splits on `;` outside parentheses and drops the full stop ending the whole field.
pub(super) fn split(remarks: &str) -> Vec<&str> {
    let mut segments = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in remarks.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ';' if depth == 0 => {
                segments.push(&remarks[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    segments.push(&remarks[start..]);
    if let Some(last) = segments.last_mut() {
        *last = last.trim_end().strip_suffix('.').unwrap_or(last);
    }
    segments
        .into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

fn apply_segment(
    entity: &mut Entity,
    segment: &str,
    place: &str,
    warnings: &mut Vec<String>,
) -> bool {
    let body = ["alt. ", "Alt. "]
        .iter()
        .find_map(|p| segment.strip_prefix(p))
        .unwrap_or(segment);
    if let Some(rest) = body.strip_prefix("DOB ") {
        match dates::parse_spec(rest) {
            Some(spec) => entity.birth_dates.push(spec),
            None => {
                warnings.push(format!("{place}: unreadable date of birth {rest:?}"));
                return false;
            }
        }
    } else if let Some(rest) = body.strip_prefix("POB ") {
        entity.birth_places.push(rest.to_owned());
    } else if let Some(rest) = body.strip_prefix("nationality ") {
        let c = country(rest, "nationality", place, warnings);
        entity.nationalities.push(c);
    } else if let Some(rest) = body.strip_prefix("citizen ") {
        let c = country(rest, "citizenship", place, warnings);
        entity.citizenships.push(c);
    } else if let Some(rest) = body.strip_prefix("Gender ") {
        entity.gender = match rest {
            "Male" => Some(Gender::Male),
            "Female" => Some(Gender::Female),
            _ => return false,
        };
    } else if let Some(rest) = body.strip_prefix("a.k.a. ") {
        // Akas in the remarks (never in alt.csv) are OFAC's low-quality akas.
        return add_quoted_name(entity, rest, NameKind::Weak);
    } else if let Some(rest) = body.strip_prefix("f.k.a. ") {
        return add_quoted_name(entity, rest, NameKind::Former);
    } else if let Some(rest) = body.strip_prefix("Linked To: ") {
        entity.links.push(Link {
            relation: "linked_to".to_owned(),
            name: rest.trim().to_owned(),
            entity_id: None,
        });
    } else if let Some(rest) = body.strip_prefix("Digital Currency Address - ") {
        let Some((currency, address)) = rest.split_once(' ') else {
            return false;
        };
        push_identifier(
            entity,
            IdentifierKind::DigitalCurrency,
            address,
            Some(currency),
        );
    } else {
        return apply_labelled(entity, body, place, warnings);
    }
    true
}

/// `a.k.a. 'NAME'`: the name is between the first and the last single quote, since names
/// may contain apostrophes (`'AL QA'IDA'`).
fn add_quoted_name(entity: &mut Entity, rest: &str, kind: NameKind) -> bool {
    let rest = rest.trim();
    let Some(inner) = rest
        .strip_prefix('\'')
        .and_then(|r| r.strip_suffix('\''))
        .map(str::trim)
        .filter(|n| !n.is_empty())
    else {
        return false;
    };
    let name = person_name(inner, kind, entity.schema);
    entity.add_name(name);
    true
}

fn apply_labelled(
    entity: &mut Entity,
    body: &str,
    place: &str,
    warnings: &mut Vec<String>,
) -> bool {
    let Some((label, target, value)) = find_label(body) else {
        return false;
    };
    match target {
        Target::Document(kind) => {
            let doc = document(*kind, label, value, place, warnings);
            entity.documents.push(doc);
        }
        Target::IdNumber if entity.schema == Schema::Person => {
            let doc = document(NationalId, label, value, place, warnings);
            entity.documents.push(doc);
        }
        Target::IdNumber => identifier(entity, Registration, label, value),
        Target::Identifier(kind) => identifier(entity, kind.clone(), label, value),
        Target::Property(key) => push_property(entity, key, value.to_owned()),
        Target::DateProperty(key) => {
            let text = dates::parse_date(value).map_or(value.to_owned(), |d| d.to_string());
            push_property(entity, key, text);
        }
        Target::PastFlag => {
            // "None Identified" records that OFAC found no flag, not a country.
            if value != "None Identified" {
                push_property(entity, "pastFlags", value.to_owned());
            }
        }
        Target::Flag => {
            let c = country(value, "flag", place, warnings);
            push_property(entity, "flag", value.to_owned());
            entity.countries.push(c);
        }
    }
    true
}

/// The longest label `body` starts with (followed by a space, `:` or `#`), and the value.
fn find_label(body: &str) -> Option<(&'static str, &'static Target, &str)> {
    let (label, target) = LABELS
        .iter()
        .filter(|(label, _)| {
            body.strip_prefix(label)
                .is_some_and(|rest| rest.starts_with([' ', ':', '#']) || label.ends_with(':'))
        })
        .max_by_key(|(label, _)| label.len())?;
    let value = body[label.len()..]
        .trim_start_matches([' ', ':', '#'])
        .trim();
    (!value.is_empty()).then_some((label, target, value))
}

/// A document value: `NUMBER [(COUNTRY)] [issued DATE] [expires DATE]`.
fn document(
    kind: DocumentKind,
    label: &str,
    value: &str,
    place: &str,
    warnings: &mut Vec<String>,
) -> Document {
    let parts = DocumentParts::parse(value);
    let mut note = parts.rest.map(str::to_owned);
    let mut date = |text: Option<&str>, what: &str| {
        let text = text?;
        let parsed = dates::parse_date(text);
        if parsed.is_none() {
            // "issued in Ulm, Germany" is a remark, not a date gone wrong.
            if text.starts_with(|c: char| c.is_ascii_digit()) {
                warnings.push(format!(
                    "{place}: unreadable {what} date {text:?} in {label}"
                ));
            }
            note = Some(format!("{what} {text}"));
        }
        parsed
    };
    let issued = date(parts.issued, "issued");
    let expires = date(parts.expires, "expires");
    Document {
        kind,
        type_text: label.to_owned(),
        number: parts.number.to_owned(),
        country: parts.country.map(|c| country(c, label, place, warnings)),
        issued,
        expires,
        note,
    }
}

fn identifier(entity: &mut Entity, kind: IdentifierKind, label: &str, value: &str) {
    let parts = DocumentParts::parse(value);
    // The note says what the number is, since `Other` and `Registration` cover many kinds.
    let mut note = match kind {
        Registration | IdentifierKind::Other => label.to_owned(),
        Imo if label.starts_with("Vessel") => String::new(),
        Imo | TailNumber if !label.starts_with("Aircraft") => label.to_owned(),
        _ => String::new(),
    };
    // The parenthesis after a registration number is often a city ("Matricula Mercantil
    // No 1362098 (Medellin)"), so it is kept as text, not read as a country.
    if let Some(c) = parts.country {
        note = format!("{note} ({c})").trim().to_owned();
    }
    for extra in [
        parts.issued.map(|d| format!("issued {d}")),
        parts.expires.map(|d| format!("expires {d}")),
    ]
    .into_iter()
    .flatten()
    .chain(parts.rest.map(str::to_owned))
    {
        note = format!("{note} {extra}").trim().to_owned();
    }
    let note = (!note.is_empty()).then_some(note);
    push_identifier(entity, kind, parts.number, note.as_deref());
}

fn push_identifier(entity: &mut Entity, kind: IdentifierKind, value: &str, note: Option<&str>) {
    let id = Identifier {
        kind,
        value: value.trim().to_owned(),
        note: note.map(str::to_owned),
    };
    if !entity.identifiers.contains(&id) {
        entity.identifiers.push(id);
    }
}

pub(super) fn push_property(entity: &mut Entity, key: &str, value: String) {
    let values = entity.properties.entry(key.to_owned()).or_default();
    if !values.contains(&value) {
        values.push(value);
    }
}

/// The pieces of `NUMBER [(COUNTRY)] [issued DATE] [expires DATE] [anything else]`.
struct DocumentParts<'a> {
    number: &'a str,
    country: Option<&'a str>,
    issued: Option<&'a str>,
    expires: Option<&'a str>,
    rest: Option<&'a str>,
}

impl<'a> DocumentParts<'a> {
    fn parse(value: &'a str) -> DocumentParts<'a> {
        let dates_at = [" issued ", " expires "]
            .iter()
            .filter_map(|k| value.find(k))
            .min()
            .unwrap_or(value.len());
        let (head, tail) = value.split_at(dates_at);
        let (number, country) = match head.trim_end().strip_suffix(')') {
            Some(open) => match open.rfind(" (") {
                Some(at) => (&head[..at], Some(open[at + 2..].trim())),
                None => (head, None),
            },
            None => (head, None),
        };
        let (mut issued, mut expires, mut rest) = (None, None, None);
        let tail = tail.trim();
        if !tail.is_empty() {
            let (before_expiry, expiry) = match tail.find("expires ") {
                Some(at) => (&tail[..at], Some(tail[at + "expires ".len()..].trim())),
                None => (tail, None),
            };
            issued = before_expiry
                .trim()
                .strip_prefix("issued ")
                .map(str::trim)
                .filter(|d| !d.is_empty());
            expires = expiry.filter(|d| !d.is_empty());
            if issued.is_none() && !before_expiry.trim().is_empty() {
                rest = Some(before_expiry.trim());
            }
        }
        DocumentParts {
            number: number.trim(),
            country: country.filter(|c| !c.is_empty()),
            issued,
            expires,
            rest,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_outside_parentheses_and_drops_final_stop() {
        assert_eq!(
            split("DOB 1960; Passport 1 (a; b); Linked To: X S.A.."),
            vec!["DOB 1960", "Passport 1 (a; b)", "Linked To: X S.A."]
        );
        assert_eq!(split("  "), Vec::<&str>::new());
    }

    #[test]
    fn document_parts() {
        let p =
            DocumentParts::parse("D088677 (Saudi Arabia) issued 16 Aug 2017 expires 23 Jun 2022");
        assert_eq!(p.number, "D088677");
        assert_eq!(p.country, Some("Saudi Arabia"));
        assert_eq!(p.issued, Some("16 Aug 2017"));
        assert_eq!(p.expires, Some("23 Jun 2022"));
        let p = DocumentParts::parse("M307707 issued 12 Apr 2000 expires 11 Apr 2005");
        assert_eq!((p.number, p.country), ("M307707", None));
        assert_eq!(p.issued, Some("12 Apr 2000"));
        let p = DocumentParts::parse("KE007776 expires Aug 2009");
        assert_eq!(
            (p.number, p.issued, p.expires),
            ("KE007776", None, Some("Aug 2009"))
        );
        let p = DocumentParts::parse("467323, Doc. 694710 (Panama)");
        assert_eq!(
            (p.number, p.country),
            ("467323, Doc. 694710", Some("Panama"))
        );
    }

    #[test]
    fn longest_label_wins() {
        let (label, target, value) = find_label("Company Number IMO 5055293").unwrap();
        assert_eq!((label, value), ("Company Number IMO", "5055293"));
        assert!(matches!(target, Target::Identifier(IdentifierKind::Imo)));
        let (label, _, value) = find_label("R.F.C. # PMA-910805 (Mexico)").unwrap();
        assert_eq!((label, value), ("R.F.C.", "PMA-910805 (Mexico)"));
        assert!(find_label("Passportless").is_none());
        assert!(find_label("Passport").is_none());
    }
}
