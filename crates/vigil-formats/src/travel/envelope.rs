//! EDIFACT envelopes: the interchange (UNB…UNZ), optional functional groups (UNG…UNE) and
//! messages (UNH…UNT), with every control count and reference checked.

use super::edifact::{EdifactError, Interchange, Segment};

/// The interchange header and its messages, each a slice of the interchange's segments.
#[derive(Debug)]
pub struct Envelope<'a> {
    pub sender: String,
    pub recipient: String,
    /// UNB date and time as written (`YYMMDD:HHMM`).
    pub prepared: String,
    pub control_reference: String,
    pub messages: Vec<Message<'a>>,
}

#[derive(Debug)]
pub struct Message<'a> {
    pub header: &'a Segment,
    /// UNH message reference number.
    pub reference: String,
    /// Message type, version and release: `PAXLST`, `D`, `05B`.
    pub kind: String,
    pub version: String,
    pub release: String,
    /// `01:C` / `01:F`: the part number and whether it is the final part.
    pub part: Option<(String, bool)>,
    /// The segments between UNH and UNT.
    pub body: &'a [Segment],
}

/// Checks the envelope structure: UNT counts (including UNH and UNT) and references, UNE
/// and UNZ counts and references, nothing outside a message, nothing after UNZ.
pub fn read(ic: &Interchange) -> Result<Envelope<'_>, EdifactError> {
    let segs = &ic.segments;
    let unb = &segs[0];
    let control_reference = unb.value(4, 0).to_owned();
    let mut messages = Vec::new();
    let mut group: Option<(&Segment, usize)> = None;
    let mut groups = 0usize;
    let mut i = 1;
    while i < segs.len() {
        let seg = &segs[i];
        match seg.tag.as_str() {
            "UNG" => {
                if let Some((open, _)) = group {
                    return Err(EdifactError::at(
                        seg,
                        format!(
                            "group opened at segment {} has no UNE before this UNG",
                            open.number
                        ),
                    ));
                }
                group = Some((seg, 0));
                groups += 1;
            }
            "UNE" => {
                let (open, count) = group
                    .take()
                    .ok_or_else(|| EdifactError::at(seg, "UNE without a UNG"))?;
                check_count(seg, count, "messages in the group")?;
                check_reference(seg, open.value(4, 0), "UNG group reference")?;
            }
            "UNH" => {
                let message = read_message(segs, i)?;
                i += message.body.len() + 1;
                if let Some((_, count)) = group.as_mut() {
                    *count += 1;
                }
                messages.push(message);
            }
            "UNZ" => {
                if let Some((open, _)) = group {
                    return Err(EdifactError::at(
                        seg,
                        format!("group opened at segment {} has no UNE", open.number),
                    ));
                }
                // UNZ counts groups when the interchange has them, else messages.
                let (count, what) = if groups > 0 {
                    (groups, "functional groups")
                } else {
                    (messages.len(), "messages")
                };
                check_count(seg, count, what)?;
                check_reference(seg, &control_reference, "UNB control reference")?;
                if let Some(extra) = segs.get(i + 1) {
                    return Err(EdifactError::at(
                        extra,
                        "segment after the interchange trailer UNZ",
                    ));
                }
                return Ok(Envelope {
                    sender: unb.value(1, 0).to_owned(),
                    recipient: unb.value(2, 0).to_owned(),
                    prepared: format!("{}:{}", unb.value(3, 0), unb.value(3, 1)),
                    control_reference,
                    messages,
                });
            }
            _ => {
                return Err(EdifactError::at(
                    seg,
                    "segment outside a message: expected UNG, UNH, UNE or UNZ",
                ))
            }
        }
        i += 1;
    }
    let last = segs.last().unwrap_or(unb);
    Err(EdifactError::at(
        last,
        "the interchange ends without its trailer UNZ",
    ))
}

fn read_message(segs: &[Segment], start: usize) -> Result<Message<'_>, EdifactError> {
    let unh = &segs[start];
    let reference = unh.value(0, 0).to_owned();
    if reference.is_empty() {
        return Err(EdifactError::at(
            unh,
            "message reference number (element 1) is empty",
        ));
    }
    let end = segs[start + 1..]
        .iter()
        .position(|s| matches!(s.tag.as_str(), "UNT" | "UNH" | "UNE" | "UNZ" | "UNG"))
        .map(|p| start + 1 + p);
    let end = match end {
        Some(e) if segs[e].tag == "UNT" => e,
        _ => {
            return Err(EdifactError::at(
                unh,
                format!("message {reference:?} has no UNT trailer"),
            ))
        }
    };
    let unt = &segs[end];
    check_count(
        unt,
        end - start + 1,
        "segments in the message (UNH and UNT included)",
    )?;
    check_reference(unt, &reference, "UNH message reference")?;
    let part = match unh.value(3, 0) {
        "" => None,
        number => Some((number.to_owned(), unh.value(3, 1) == "F")),
    };
    Ok(Message {
        header: unh,
        reference,
        kind: unh.value(1, 0).to_owned(),
        version: unh.value(1, 1).to_owned(),
        release: unh.value(1, 2).to_owned(),
        part,
        body: &segs[start + 1..end],
    })
}

fn check_count(seg: &Segment, actual: usize, what: &str) -> Result<(), EdifactError> {
    let stated = seg.value(0, 0);
    match stated.trim().parse::<usize>() {
        Ok(n) if n == actual => Ok(()),
        Ok(n) => Err(EdifactError::at(
            seg,
            format!("control count says {n} {what}, found {actual}"),
        )),
        Err(_) => Err(EdifactError::at(
            seg,
            format!("control count {stated:?} is not a number (expected {actual} {what})"),
        )),
    }
}

fn check_reference(seg: &Segment, expected: &str, what: &str) -> Result<(), EdifactError> {
    let stated = seg.value(1, 0);
    if stated == expected {
        Ok(())
    } else {
        Err(EdifactError::at(
            seg,
            format!("reference {stated:?} does not match the {what} {expected:?}"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::travel::edifact;

    fn envelope(text: &str) -> Result<usize, EdifactError> {
        let ic = edifact::parse(text.as_bytes())?;
        read(&ic).map(|e| e.messages.len())
    }

    #[test]
    fn counts_and_references() {
        let ok = "UNB+UNOA:4+S+R+260301:1200+CR1'UNG+PAXLST+S+R+260301:1200+G1+UN+D:05B'\
                  UNH+M1+PAXLST:D:05B:UN:IATA+X+01:C'BGM+745'UNT+3+M1'\
                  UNH+M2+PAXLST:D:05B:UN:IATA+X+02:F'BGM+745'UNT+3+M2'UNE+2+G1'UNZ+1+CR1'";
        assert_eq!(envelope(ok), Ok(2));
        let e = envelope(&ok.replace("UNT+3+M2", "UNT+4+M2")).unwrap_err();
        assert_eq!(e.segment, 8);
        assert!(e.message.contains("says 4"), "{e}");
        assert!(envelope(&ok.replace("UNE+2", "UNE+1")).is_err());
        assert!(envelope(&ok.replace("UNZ+1+CR1", "UNZ+1+CR2")).is_err());
        assert!(envelope(&ok.replace("UNT+3+M1", "UNT+3+M9")).is_err());
        assert!(envelope(&ok.replace("'UNZ+1+CR1'", "'")).is_err());
        assert!(envelope(&format!("{ok}BGM+1'")).is_err());
        assert!(envelope(&ok.replace("UNT+3+M1'", "")).is_err());
    }
}
