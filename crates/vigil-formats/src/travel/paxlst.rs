//! UN/EDIFACT PAXLST (API passenger and crew lists, D02B and D05B) into a flight and its
//! travellers. Syntax and envelopes are checked below this layer (`edifact`, `envelope`);
//! here each message body is read segment group by segment group.

use super::dates::{self, Century, Day};
use super::edifact::{self, EdifactError, Segment};
use super::envelope::{self, Message};
use super::issue::Issue;
use super::traveller::{travel_country, Flight, Reference, Role, TravelDocument, Traveller};

/// A read manifest: the flight, every traveller, and what was wrong but not fatal.
#[derive(Debug, Clone)]
pub struct Manifest {
    pub flight: Flight,
    pub travellers: Vec<Traveller>,
    pub issues: Vec<Issue>,
}

/// Reads a PAXLST interchange. Syntax and envelope errors (malformed segment, wrong UNT
/// count, unknown character set) fail the whole file, naming the segment; a traveller that
/// cannot be fully read is kept with what could be read and reported in `issues`.
///
/// `reference` is the day two-digit birth years are resolved against when the manifest has
/// no flight date (normally today).
pub fn parse(bytes: &[u8], reference: Day) -> Result<Manifest, EdifactError> {
    let interchange = edifact::parse(bytes)?;
    let envelope = envelope::read(&interchange)?;
    let mut reader = Reader {
        flight: Flight {
            sender: envelope.sender.clone(),
            interchange_reference: envelope.control_reference.clone(),
            ..Flight::default()
        },
        travellers: Vec::new(),
        issues: interchange.warnings.clone(),
        reference: flight_day(&envelope.messages).unwrap_or(reference),
    };
    let mut final_seen = false;
    let mut parts = 0;
    for message in &envelope.messages {
        check_message_type(message, &mut reader.issues)?;
        if let Some((_, is_final)) = &message.part {
            parts += 1;
            final_seen |= *is_final;
        }
        reader.read_message(message, parts > 0);
    }
    if parts > 0 && !final_seen {
        reader.issues.push(Issue::error(
            None,
            None,
            format!("multi-part list: {parts} part(s) received but none marked final (F): the list may be incomplete"),
        ));
    }
    Ok(Manifest {
        flight: reader.flight,
        travellers: reader.travellers,
        issues: reader.issues,
    })
}

fn check_message_type(message: &Message, issues: &mut Vec<Issue>) -> Result<(), EdifactError> {
    if message.kind != "PAXLST" {
        return Err(EdifactError::at(
            message.header,
            format!(
                "message {:?} is {:?}, not PAXLST",
                message.reference, message.kind
            ),
        ));
    }
    let version = format!("{}:{}", message.version, message.release);
    if version != "D:02B" && version != "D:05B" {
        issues.push(Issue::warning(
            Some(message.header.number),
            Some(message.header.line),
            format!("PAXLST version {version} (Vigil is tested on D:02B and D:05B); read as D:05B"),
        ));
    }
    Ok(())
}

/// The first departure (else arrival) date in the interchange: two-digit birth years are
/// resolved against it, since nobody on board was born after the flight.
fn flight_day(messages: &[Message]) -> Option<Day> {
    let dtm = |qualifier: &str| {
        messages
            .iter()
            .flat_map(|m| m.body.iter())
            .filter(|s| s.tag == "DTM" && s.value(0, 0) == qualifier)
            .find_map(|s| {
                dates::parse_dtm(s.value(0, 1), s.value(0, 2), Century::Recent, (2000, 1, 1)).ok()
            })
    };
    dtm("189")
        .or_else(|| dtm("232"))
        .and_then(|d| dates::day_of(&d.date))
}

struct Reader {
    flight: Flight,
    travellers: Vec<Traveller>,
    issues: Vec<Issue>,
    reference: Day,
}

impl Reader {
    fn read_message(&mut self, message: &Message, multi_part: bool) {
        let first_traveller = self.travellers.len();
        let mut current: Option<Traveller> = None;
        let mut counts: Vec<&Segment> = Vec::new();
        for seg in message.body {
            match (seg.tag.as_str(), seg.value(0, 0)) {
                ("NAD", "FL" | "FM" | "DDU" | "DDT") => {
                    self.finish(current.take());
                    current = Some(self.start_traveller(seg));
                }
                ("CNT", _) => {
                    self.finish(current.take());
                    counts.push(seg);
                }
                _ => match current.as_mut() {
                    Some(t) => read_traveller_segment(t, seg, self.reference, &mut self.issues),
                    None => self.read_flight_segment(seg),
                },
            }
        }
        self.finish(current);
        for cnt in counts {
            self.check_count(cnt, first_traveller, multi_part);
        }
    }

    fn read_flight_segment(&mut self, seg: &Segment) {
        let f = &mut self.flight;
        let set = |field: &mut String, value: &str| {
            if field.is_empty() {
                *field = value.trim().to_owned();
            }
        };
        match (seg.tag.as_str(), seg.value(0, 0)) {
            ("BGM", code) => set(
                &mut f.list,
                match code {
                    "745" => "passengers",
                    "250" => "crew",
                    other => other,
                },
            ),
            ("NAD", "MS") => set(&mut f.reporting_party, seg.value(3, 0)),
            ("TDT", _) => {
                set(&mut f.number, seg.value(1, 0));
                set(&mut f.carrier, seg.value(4, 0));
            }
            ("LOC", "125") => set(&mut f.departure_airport, seg.value(1, 0)),
            ("LOC", "87") => set(&mut f.arrival_airport, seg.value(1, 0)),
            ("DTM", q @ ("189" | "232")) => {
                match dates::parse_dtm(
                    seg.value(0, 1),
                    seg.value(0, 2),
                    Century::Recent,
                    self.reference,
                ) {
                    Ok(dt) => {
                        let mut text = dt.date.to_string();
                        if let Some((h, m)) = dt.time {
                            text.push_str(&format!("T{h:02}:{m:02}"));
                        }
                        set(
                            if q == "189" {
                                &mut f.departure
                            } else {
                                &mut f.arrival
                            },
                            &text,
                        );
                    }
                    Err(e) => self.issues.push(Issue::error(
                        Some(seg.number),
                        Some(seg.line),
                        format!("DTM+{q} flight date: {e}"),
                    )),
                }
            }
            _ => {}
        }
    }

    fn start_traveller(&mut self, nad: &Segment) -> Traveller {
        let role = match nad.value(0, 0) {
            "FM" | "DDT" => Role::Crew,
            _ => Role::Passenger,
        };
        let mut t = Traveller::new(role);
        t.in_transit = matches!(nad.value(0, 0), "DDU" | "DDT");
        t.segment = Some(nad.number);
        t.line = Some(nad.line);
        // C080 party name: surname, then given names (first, middle, ...).
        t.surname = nad.value(3, 0).trim().to_owned();
        t.given_names = nad
            .elements
            .get(3)
            .map(|c| {
                c[1.min(c.len())..]
                    .iter()
                    .map(|s| s.trim())
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default();
        t
    }

    /// Keeps a traveller that has a name or a document to screen; reports one that has not.
    fn finish(&mut self, traveller: Option<Traveller>) {
        let Some(t) = traveller else { return };
        if t.name().chars().any(char::is_alphanumeric) || !t.documents.is_empty() {
            self.travellers.push(t);
        } else {
            self.issues.push(Issue::error(
                t.segment,
                t.line,
                "traveller with no name and no document number: cannot be screened",
            ));
        }
    }

    fn check_count(&mut self, cnt: &Segment, first: usize, multi_part: bool) {
        let (role, what) = match cnt.value(0, 0) {
            "42" => (Role::Passenger, "passengers"),
            "41" => (Role::Crew, "crew members"),
            _ => return,
        };
        let count = |ts: &[Traveller]| ts.iter().filter(|t| t.role == role).count();
        let in_message = count(&self.travellers[first..]);
        let in_list = count(&self.travellers);
        match cnt.value(0, 1).trim().parse::<usize>() {
            Ok(n) if n == in_message => {}
            // The final part of a multi-part list may count the whole list.
            Ok(n) if multi_part && n == in_list => {}
            Ok(n) => self.issues.push(Issue::error(
                Some(cnt.number),
                Some(cnt.line),
                format!(
                    "CNT+{} says {n} {what}, the message has {in_message}",
                    cnt.value(0, 0)
                ),
            )),
            Err(_) => self.issues.push(Issue::error(
                Some(cnt.number),
                Some(cnt.line),
                format!(
                    "CNT+{}: total {:?} is not a number",
                    cnt.value(0, 0),
                    cnt.value(0, 1)
                ),
            )),
        }
    }
}

/// One segment inside a traveller's group (after its NAD).
fn read_traveller_segment(
    t: &mut Traveller,
    seg: &Segment,
    reference: Day,
    issues: &mut Vec<Issue>,
) {
    // Built only when something is wrong: this runs for every segment of every traveller.
    let who = |t: &Traveller| {
        format!(
            "traveller {:?} (NAD at segment {})",
            t.name(),
            t.segment.unwrap_or(0)
        )
    };
    let error = |issues: &mut Vec<Issue>, who: String, message: String| {
        issues.push(Issue::error(
            Some(seg.number),
            Some(seg.line),
            format!("{who}: {message}"),
        ))
    };
    let opt = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    match (seg.tag.as_str(), seg.value(0, 0)) {
        ("ATT", "2") => t.gender = opt(seg.value(2, 0)),
        ("DTM", "329") => {
            match dates::parse_dtm(seg.value(0, 1), seg.value(0, 2), Century::Past, reference) {
                Ok(dt) => t.birth_date = Some(dt.date),
                Err(e) => error(issues, who(t), format!("DTM+329 birth date: {e}")),
            }
        }
        ("DTM", "36") => {
            match dates::parse_dtm(seg.value(0, 1), seg.value(0, 2), Century::Expiry, reference) {
                Ok(dt) => match t.documents.last_mut() {
                    Some(doc) => doc.expires = Some(dt.date),
                    None => error(issues, who(t), "DTM+36 expiry date before any DOC".into()),
                },
                Err(e) => error(issues, who(t), format!("DTM+36 document expiry: {e}")),
            }
        }
        ("NAT", _) => t.nationality = travel_country(seg.value(1, 0)),
        ("LOC", "174") => t.residence = travel_country(seg.value(1, 0)),
        ("LOC", "180") => {
            // Birthplace: a code in the first component or free text in the fourth.
            let text = [seg.value(1, 3), seg.value(1, 0)]
                .into_iter()
                .find(|s| !s.trim().is_empty());
            t.birth_place = text.and_then(opt);
        }
        ("LOC", "178") => t.embarkation = opt(seg.value(1, 0)),
        ("LOC", "179") => t.debarkation = opt(seg.value(1, 0)),
        ("LOC", "91") => match t.documents.last_mut() {
            Some(doc) => doc.issuing_country = travel_country(seg.value(1, 0)),
            None => error(
                issues,
                who(t),
                "LOC+91 issuing country before any DOC".into(),
            ),
        },
        ("RFF", _) => t.references.push(Reference {
            qualifier: seg.value(0, 0).to_owned(),
            value: seg.value(0, 1).trim().to_owned(),
        }),
        ("DOC", _) => {
            let number = seg.value(1, 0).trim().to_owned();
            if number.is_empty() {
                error(issues, who(t), "DOC without a document number".into());
            }
            t.documents.push(TravelDocument {
                kind: seg.value(0, 0).trim().to_owned(),
                number,
                expires: None,
                issuing_country: None,
            });
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: Day = (2026, 3, 1);

    fn wrap(body: &str, count: usize) -> String {
        format!(
            "UNB+UNOA:4+SENDER+RECIPIENT+260301:1200+REF1'UNH+1+PAXLST:D:05B:UN:IATA+X+01:F'{body}UNT+{}+1'UNZ+1+REF1'",
            count + 2
        )
    }

    #[test]
    fn reads_flight_and_traveller() {
        let body = "BGM+745'NAD+MS+++OPS'TDT+20+TK1980+++TK'LOC+125+IST'DTM+189:2603011230:201'\
                    LOC+87+LHR'DTM+232:2603011500:201'NAD+FL+++DOE:JOHN:PAUL'ATT+2++M'DTM+329:300101'\
                    NAT+2+GBR'DOC+P:110:111+123456789'DTM+36:300101'LOC+91+GBR'CNT+42:1'";
        let m = parse(wrap(body, 15).as_bytes(), TODAY).unwrap();
        assert_eq!(m.flight.number, "TK1980");
        assert_eq!(m.flight.departure, "2026-03-01T12:30");
        assert_eq!(m.flight.list, "passengers");
        let t = &m.travellers[0];
        assert_eq!(t.name(), "JOHN PAUL DOE");
        // 30 would be 2030, after the flight: so 1930.
        assert_eq!(t.birth_date.unwrap().to_string(), "1930-01-01");
        assert_eq!(t.documents[0].expires.unwrap().to_string(), "2030-01-01");
        assert_eq!(
            t.documents[0]
                .issuing_country
                .as_ref()
                .unwrap()
                .code
                .as_deref(),
            Some("GB")
        );
        assert!(m.issues.is_empty(), "{:?}", m.issues);
    }

    #[test]
    fn bad_date_is_an_issue_not_a_drop() {
        let body = "BGM+745'NAD+FL+++DOE:JANE'DTM+329:991399'CNT+42:2'";
        let m = parse(wrap(body, 4).as_bytes(), TODAY).unwrap();
        assert_eq!(m.travellers.len(), 1);
        assert_eq!(m.issues.len(), 2);
        assert_eq!(m.issues[0].segment, Some(5));
        assert!(
            m.issues[0].message.contains("birth date"),
            "{}",
            m.issues[0]
        );
        assert!(m.issues[1].message.contains("says 2"), "{}", m.issues[1]);
    }
}
