//! SWIFT MT103 (single customer credit transfer), FIN blocks 1 to 5.
//!
//! A file may hold several messages, concatenated or separated by `$` (RJE) or SOH/ETX
//! (DOS-PCC); CRLF and LF line ends both read. Each message becomes one
//! [`PaymentMessage`]: 50a ordering customer = debtor, 59a beneficiary = creditor, sender
//! and receiver BICs and 52a/56a/57a banks = agents, fields 70 and 72 = remittance text.

use super::amount::{format_scaled, parse_scaled};
use super::error::{PaymentsError, Position};
use super::fields::is_bic;
use super::model::{Agent, AgentRole, Amount, Birth, Party, PartyId, PartyRole, PaymentMessage};
use super::model::{PostalAddress, Remittance};

/// Lines of the text fields are at most 35 characters (SWIFT `35x`).
const LINE_MAX: usize = 35;

pub fn parse(src: &[u8]) -> Result<Vec<PaymentMessage>, PaymentsError> {
    let text = std::str::from_utf8(src).map_err(|e| PaymentsError::Mt {
        line: Position::of_offset(src, e.valid_up_to()).line,
        field: "input".into(),
        message: "not valid UTF-8 (SWIFT FIN text is ASCII)".into(),
    })?;
    let mut reader = Blocks { text, pos: 0 };
    let mut out = Vec::new();
    while let Some(message) = reader.next_message()? {
        out.push(message.into_payment(text)?);
    }
    if out.is_empty() {
        return Err(PaymentsError::Empty);
    }
    Ok(out)
}

/// The raw blocks of one FIN message.
#[derive(Default)]
struct RawMessage<'a> {
    start: usize,
    basic: Option<&'a str>,
    application: Option<(&'a str, usize)>,
    user: Option<&'a str>,
    /// Block 4 text and its byte offset in the file.
    text: Option<(&'a str, usize)>,
}

struct Blocks<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Blocks<'a> {
    fn err(&self, offset: usize, field: &str, message: impl Into<String>) -> PaymentsError {
        PaymentsError::Mt {
            line: Position::of_offset(self.text.as_bytes(), offset).line,
            field: field.to_owned(),
            message: message.into(),
        }
    }

    fn skip_separators(&mut self) {
        let rest = &self.text[self.pos..];
        let trimmed = rest
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '$' | '\x01' | '\x03'));
        self.pos += rest.len() - trimmed.len();
    }

    fn next_message(&mut self) -> Result<Option<RawMessage<'a>>, PaymentsError> {
        self.skip_separators();
        if self.pos >= self.text.len() {
            return Ok(None);
        }
        let mut message = RawMessage {
            start: self.pos,
            ..RawMessage::default()
        };
        loop {
            self.skip_whitespace();
            let rest = &self.text[self.pos..];
            // A new block 1 (or a separator, or the end) closes this message.
            if rest.is_empty()
                || rest.starts_with(['$', '\x01', '\x03'])
                || (rest.starts_with("{1:") && message.basic.is_some())
            {
                break;
            }
            if !rest.starts_with('{') {
                return Err(self.err(self.pos, "block", "expected '{' starting a block"));
            }
            let Some(colon) = rest.find(':') else {
                return Err(self.err(self.pos, "block", "a block without ':' after its number"));
            };
            let id = &rest[1..colon];
            let body_start = self.pos + colon + 1;
            match id {
                "1" | "2" => {
                    let Some(len) = self.text[body_start..].find('}') else {
                        return Err(self.err(self.pos, id, "block is not closed by '}'"));
                    };
                    let body = &self.text[body_start..body_start + len];
                    if id == "1" {
                        message.basic = Some(body);
                    } else {
                        message.application = Some((body, self.pos));
                    }
                    self.pos = body_start + len + 1;
                }
                "3" | "5" | "S" => {
                    let end = self.nested_block_end(body_start, id)?;
                    if id == "3" {
                        message.user = Some(&self.text[body_start..end]);
                    }
                    self.pos = end + 1;
                }
                "4" => {
                    let body = &self.text[body_start..];
                    let end = find_text_end(body)
                        .ok_or_else(|| self.err(self.pos, "4", "block 4 does not end with '-}'"))?;
                    message.text = Some((&body[..end.0], body_start));
                    self.pos = body_start + end.1;
                }
                other => {
                    return Err(self.err(self.pos, "block", format!("unknown block {{{other}:")));
                }
            }
        }
        Ok(Some(message))
    }

    fn skip_whitespace(&mut self) {
        let rest = &self.text[self.pos..];
        self.pos += rest.len() - rest.trim_start().len();
    }

    /// The offset of the `}` closing a block made of `{tag:value}` sub-blocks.
    fn nested_block_end(&self, from: usize, id: &str) -> Result<usize, PaymentsError> {
        let mut depth = 1usize;
        for (i, c) in self.text[from..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(from + i);
                    }
                }
                _ => {}
            }
        }
        Err(self.err(from, id, "block is not closed by '}'"))
    }
}

/// Block 4 ends at a line holding `-}`: returns (end of text, offset after the `}`).
fn find_text_end(body: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(i) = body[from..].find("-}") {
        let at = from + i;
        let preceded_by_newline = at == 0 || body[..at].ends_with('\n');
        if preceded_by_newline {
            return Some((at, at + 2));
        }
        from = at + 2;
    }
    None
}

/// One field of block 4: tag, lines (the first holds what follows `:tag:`), and the offset
/// of its first line.
struct Field<'a> {
    tag: &'a str,
    lines: Vec<&'a str>,
    offset: usize,
}

impl<'a> RawMessage<'a> {
    fn into_payment(self, src: &str) -> Result<PaymentMessage, PaymentsError> {
        let err = |offset: usize, field: &str, message: String| PaymentsError::Mt {
            line: Position::of_offset(src.as_bytes(), offset).line,
            field: field.to_owned(),
            message,
        };
        let Some((application, app_at)) = self.application else {
            return Err(err(
                self.start,
                "block 2",
                "missing: the message type is unknown".into(),
            ));
        };
        let mt = application.get(1..4).unwrap_or("");
        if mt != "103" {
            return Err(PaymentsError::Unsupported {
                at: Position::of_offset(src.as_bytes(), app_at),
                found: format!("MT{mt}"),
            });
        }
        let Some((text, text_at)) = self.text else {
            return Err(err(
                self.start,
                "block 4",
                "missing: the message has no text".into(),
            ));
        };
        let fields = split_fields(text, text_at).map_err(|(o, m)| err(o, "block 4", m))?;
        let mut builder = Builder::default();
        builder.agents_from_header(self.basic, application);
        if let Some(user) = self.user {
            builder.uetr = sub_block(user, "121").map(str::to_owned);
        }
        for field in &fields {
            builder.field(field).map_err(|(index, message)| {
                // The lines of a field are consecutive lines of the file.
                let mut e = err(field.offset, field.tag, message);
                if let PaymentsError::Mt { line, .. } = &mut e {
                    *line += index;
                }
                e
            })?;
        }
        builder.finish().map_err(|m| err(self.start, "block 4", m))
    }
}

/// The value of `{tag:value}` inside a block 3 or 5.
fn sub_block<'a>(block: &'a str, tag: &str) -> Option<&'a str> {
    let open = format!("{{{tag}:");
    let start = block.find(&open)? + open.len();
    let len = block[start..].find('}')?;
    Some(&block[start..start + len])
}

fn split_fields(text: &str, text_at: usize) -> Result<Vec<Field<'_>>, (usize, String)> {
    let mut fields: Vec<Field> = Vec::new();
    let mut offset = text_at;
    for raw in text.split('\n') {
        let line_at = offset;
        offset += raw.len() + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if let Some(bad) = line.chars().find(|c| !c.is_ascii() || c.is_ascii_control()) {
            return Err((
                line_at,
                format!("character {bad:?} is outside the SWIFT character set"),
            ));
        }
        if let Some((tag, value)) = field_start(line) {
            fields.push(Field {
                tag,
                lines: vec![value],
                offset: line_at,
            });
        } else if let Some(field) = fields.last_mut() {
            field.lines.push(line);
        } else if !line.trim().is_empty() {
            return Err((line_at, "text before the first ':tag:' field".into()));
        }
    }
    // The line break before `-}` leaves an empty last line.
    if let Some(field) = fields.last_mut() {
        while field.lines.len() > 1 && field.lines.last().is_some_and(|l| l.trim().is_empty()) {
            field.lines.pop();
        }
    }
    Ok(fields)
}

/// `:20:value` → ("20", "value"); tags are two digits and an optional upper-case letter.
fn field_start(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix(':')?;
    let colon = rest.find(':')?;
    let tag = &rest[..colon];
    let b = tag.as_bytes();
    let ok = (b.len() == 2 || b.len() == 3)
        && b[..2].iter().all(u8::is_ascii_digit)
        && b[2..].iter().all(u8::is_ascii_uppercase);
    ok.then(|| (tag, &rest[colon + 1..]))
}

#[derive(Default)]
struct Builder {
    reference: Option<String>,
    uetr: Option<String>,
    amount: Option<Amount>,
    parties: Vec<Party>,
    agents: Vec<Agent>,
    remittance: Vec<Remittance>,
    /// Field numbers read so far (`50` for 50A, 50F and 50K alike).
    seen: std::collections::HashSet<String>,
}

impl Builder {
    /// Block 1 names this end of the link, block 2 the other: for an input message (`I`)
    /// the sender and the receiver; for an output message (`O`) the receiver and, inside the
    /// message input reference, the sender.
    fn agents_from_header(&mut self, basic: Option<&str>, application: &str) {
        let lt_bic = |lt: &str| -> Option<String> {
            let bic = format!("{}{}", lt.get(..8)?, lt.get(9..12)?);
            is_bic(&bic).then_some(bic)
        };
        let block1 = basic.and_then(|b| b.get(3..15)).and_then(lt_bic);
        let (sender, receiver) = if application.starts_with('O') {
            (application.get(14..26).and_then(lt_bic), block1)
        } else {
            (block1, application.get(4..16).and_then(lt_bic))
        };
        for (role, bic) in [
            (AgentRole::InstructingAgent, sender),
            (AgentRole::InstructedAgent, receiver),
        ] {
            if let Some(bic) = bic {
                self.agents.push(Agent {
                    role,
                    bic: Some(bic),
                    name: None,
                });
            }
        }
    }

    /// Reads one field; errors carry the index of the faulty line within the field.
    fn field(&mut self, field: &Field) -> Result<(), (usize, String)> {
        if field.tag != "77T" {
            let long = field
                .lines
                .iter()
                .enumerate()
                .find(|(_, l)| l.chars().count() > LINE_MAX);
            if let Some((index, long)) = long {
                let message = format!(
                    "line {:?} is {} characters long; the limit is {LINE_MAX}",
                    long,
                    long.chars().count()
                );
                return Err((index, message));
            }
        }
        self.read_field(field).map_err(|message| (0, message))
    }

    fn read_field(&mut self, field: &Field) -> Result<(), String> {
        // Every MT103 field but 13C and 71F occurs at most once; a repeated one (`:20:`
        // twice, 50K and 50F) makes the message ambiguous, so it is refused.
        let number = field.tag.get(..2).unwrap_or(field.tag);
        if !matches!(field.tag, "13C" | "71F") && !self.seen.insert(number.to_owned()) {
            return Err(format!(
                "field {number} appears more than once; MT103 allows it once"
            ));
        }
        let lines = &field.lines;
        match field.tag {
            "20" => self.reference = Some(lines[0].trim().to_owned()),
            "32A" => self.amount = Some(value_date_amount(lines[0])?),
            "50A" | "50F" | "50K" => {
                let party = customer(field, PartyRole::Debtor)?;
                self.parties.push(party);
            }
            "59" | "59A" | "59F" => {
                let party = customer(field, PartyRole::Creditor)?;
                self.parties.push(party);
            }
            "52A" | "52D" => self.agents.push(bank(field, AgentRole::DebtorAgent)?),
            "56A" | "56D" => self
                .agents
                .push(bank(field, AgentRole::IntermediaryAgent1)?),
            "57A" | "57B" | "57D" => self.agents.push(bank(field, AgentRole::CreditorAgent)?),
            "70" | "72" => {
                let limit = if field.tag == "70" { 4 } else { 6 };
                if lines.len() > limit {
                    return Err(format!("{} lines; the limit is {limit}", lines.len()));
                }
                self.remittance.push(Remittance {
                    source: if field.tag == "70" { "70" } else { "72" },
                    text: lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" "),
                });
            }
            _ => {}
        }
        Ok(())
    }

    fn finish(self) -> Result<PaymentMessage, String> {
        let reference = self.reference.ok_or("mandatory field 20 is missing")?;
        let amount = self.amount.ok_or("mandatory field 32A is missing")?;
        for (role, tag) in [(PartyRole::Debtor, "50a"), (PartyRole::Creditor, "59a")] {
            if !self.parties.iter().any(|p| p.role == role) {
                return Err(format!("mandatory field {tag} is missing"));
            }
        }
        Ok(PaymentMessage {
            id: reference,
            message_type: "MT103".into(),
            uetr: self.uetr,
            amount: Some(amount),
            parties: self.parties,
            agents: self.agents,
            remittance: self.remittance,
        })
    }
}

/// `YYMMDDCCCamount`, e.g. `240115EUR15000,` (decimal comma mandatory).
fn value_date_amount(value: &str) -> Result<Amount, String> {
    let value = value.trim();
    let bad = || format!("{value:?} is not YYMMDD + currency + amount with a decimal comma");
    let date = value.get(..6).ok_or_else(bad)?;
    let currency = value.get(6..9).ok_or_else(bad)?;
    let amount = value.get(9..).ok_or_else(bad)?;
    if !date.bytes().all(|b| b.is_ascii_digit())
        || !currency.bytes().all(|b| b.is_ascii_uppercase())
        || !amount.contains(',')
    {
        return Err(bad());
    }
    let scaled = parse_scaled(amount).ok_or_else(bad)?;
    Ok(Amount {
        value: format_scaled(scaled),
        currency: currency.to_owned(),
    })
}

/// Splits an optional leading `/account` line off.
fn account_and_rest<'a, 'l>(lines: &'l [&'a str]) -> (Option<String>, &'l [&'a str]) {
    match lines.split_first() {
        Some((first, rest)) if first.starts_with('/') => (Some(first[1..].trim().to_owned()), rest),
        _ => (None, lines),
    }
}

fn customer(field: &Field, role: PartyRole) -> Result<Party, String> {
    let mut party = Party::new(role);
    match field.tag {
        "50A" | "59A" => {
            let (account, rest) = account_and_rest(&field.lines);
            party.account = account;
            let bic = rest.first().map(|b| b.trim()).unwrap_or("");
            if rest.len() != 1 || !is_bic(bic) {
                return Err("expected [/account] and a BIC".into());
            }
            party.bic = Some(bic.to_owned());
            party.is_organisation = true;
        }
        "50K" | "59" => {
            let (account, rest) = account_and_rest(&field.lines);
            party.account = account;
            if rest.len() > 4 {
                return Err(format!(
                    "{} name and address lines; the limit is 4",
                    rest.len()
                ));
            }
            let mut lines = rest.iter().map(|l| l.trim()).filter(|l| !l.is_empty());
            party.name = lines.next().map(str::to_owned);
            party.address.lines = lines.map(str::to_owned).collect();
            if party.name.is_none() {
                return Err("no name line".into());
            }
        }
        _ => structured_customer(field, &mut party)?,
    }
    Ok(party)
}

/// 50F / 59F: the party identifier (or account) line, then numbered lines `n/text`.
fn structured_customer(field: &Field, party: &mut Party) -> Result<(), String> {
    let (first, rest) = field.lines.split_first().ok_or("empty field")?;
    if let Some(account) = first.strip_prefix('/') {
        party.account = Some(account.trim().to_owned());
    } else if field.tag == "50F" {
        party.private_ids.push(party_identifier(first)?);
    } else {
        return Err(format!("first line {first:?} must be /account"));
    }
    if rest.len() > 4 {
        return Err(format!("{} numbered lines; the limit is 4", rest.len()));
    }
    let max_number = if field.tag == "50F" { b'8' } else { b'3' };
    let mut names: Vec<&str> = Vec::new();
    for line in rest {
        let b = line.as_bytes();
        if b.len() < 2 || !(b'1'..=max_number).contains(&b[0]) || b[1] != b'/' {
            return Err(format!(
                "line {line:?} must start with a line number 1/ to {}/",
                max_number as char
            ));
        }
        let value = line[2..].trim();
        match b[0] {
            b'1' => names.push(value),
            b'2' => party.address.lines.push(value.to_owned()),
            b'3' => country_and_town(value, &mut party.address)?,
            b'4' => {
                party.birth.get_or_insert_with(Birth::default).date = Some(birth_date(value)?);
                party.is_person = true;
            }
            b'5' => {
                let (country, city) = country_slash(value)?;
                let birth = party.birth.get_or_insert_with(Birth::default);
                birth.country = Some(country.to_owned());
                birth.city = (!city.is_empty()).then(|| city.to_owned());
                party.is_person = true;
            }
            b'6' => {
                let (country, rest) = country_slash(value)?;
                let (issuer, id) = rest.split_once('/').ok_or("6/ must be CC/issuer/id")?;
                party.private_ids.push(PartyId {
                    id: id.to_owned(),
                    scheme: Some("CUST".into()),
                    issuer: Some(format!("{country}/{issuer}")),
                });
            }
            b'7' => {
                let (country, id) = country_slash(value)?;
                party.private_ids.push(PartyId {
                    id: id.to_owned(),
                    scheme: Some("NIDN".into()),
                    issuer: Some(country.to_owned()),
                });
                party.is_person = true;
            }
            _ => match party.private_ids.last_mut() {
                // 8/ continues the identifier of the previous 6/ or 7/ line.
                Some(id) => id.id.push_str(value),
                None => return Err("8/ continues nothing".into()),
            },
        }
    }
    if names.is_empty() {
        return Err("no 1/ name line".into());
    }
    party.name = Some(names.join(" "));
    if party.private_ids.iter().any(PartyId::is_identity_document) {
        party.is_person = true;
    }
    Ok(())
}

/// `CODE/CC/identifier` (`CUST/CC/issuer/identifier` for customer numbers).
fn party_identifier(line: &str) -> Result<PartyId, String> {
    let bad = || format!("party identifier {line:?} must be /account or CODE/CC/identifier");
    let mut parts = line.trim().splitn(3, '/');
    let code = parts.next().ok_or_else(bad)?;
    let country = parts.next().ok_or_else(bad)?;
    let id = parts.next().ok_or_else(bad)?;
    const CODES: [&str; 8] = [
        "ARNU", "CCPT", "CUST", "DRLC", "EMPL", "NIDN", "SOSE", "TXID",
    ];
    if !CODES.contains(&code) || !super::fields::is_country_code(country) || id.is_empty() {
        return Err(bad());
    }
    Ok(PartyId {
        id: id.to_owned(),
        scheme: Some(code.to_owned()),
        issuer: Some(country.to_owned()),
    })
}

fn country_slash(value: &str) -> Result<(&str, &str), String> {
    match value.split_once('/') {
        Some((cc, rest)) if super::fields::is_country_code(cc) => Ok((cc, rest.trim())),
        _ => Err(format!("{value:?} must start with a country code and '/'")),
    }
}

fn country_and_town(value: &str, address: &mut PostalAddress) -> Result<(), String> {
    let (country, town) = match value.split_once('/') {
        Some(pair) => pair,
        None => (value, ""),
    };
    if !super::fields::is_country_code(country) {
        return Err(format!("3/ {value:?} must be CC/town"));
    }
    address.country = Some(country.to_owned());
    if !town.trim().is_empty() {
        address.town = Some(town.trim().to_owned());
    }
    Ok(())
}

fn birth_date(value: &str) -> Result<vigil_core::PartialDate, String> {
    let ok = value.len() == 8 && value.bytes().all(|b| b.is_ascii_digit());
    if !ok {
        return Err(format!("4/ {value:?} must be a birth date YYYYMMDD"));
    }
    let iso = format!("{}-{}-{}", &value[..4], &value[4..6], &value[6..]);
    iso.parse().map_err(|e| format!("4/ {e}"))
}

/// 52a / 56a / 57a: option A `[/x][/account]` + BIC; option B location; option D name and
/// address (the first line is the bank's name).
fn bank(field: &Field, role: AgentRole) -> Result<Agent, String> {
    let (_, rest) = account_and_rest(&field.lines);
    let mut agent = Agent {
        role,
        bic: None,
        name: None,
    };
    if field.tag.ends_with('A') {
        let bic = rest.first().map(|b| b.trim()).unwrap_or("");
        if rest.len() != 1 || !is_bic(bic) {
            return Err(format!("expected [/account] and a BIC, found {rest:?}"));
        }
        agent.bic = Some(bic.to_owned());
    } else if field.tag.ends_with('D') {
        if rest.len() > 4 {
            return Err(format!(
                "{} name and address lines; the limit is 4",
                rest.len()
            ));
        }
        agent.name = rest.first().map(|n| n.trim().to_owned());
    }
    Ok(agent)
}
