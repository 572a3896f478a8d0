//! ISO 20022 credit transfers: pacs.008 (001.02 to 001.13) and pain.001 (001.03 to 001.11).
//!
//! A streaming reader (quick-xml) that knows elements by LOCAL name, so any namespace
//! version or prefix, any envelope (business application header, SWIFT wrappers, several
//! documents in one file) reads the same. Each `CdtTrfTxInf` becomes one
//! [`PaymentMessage`] carrying what it inherits from `GrpHdr` (initiating party,
//! instructing/instructed agents) and, in pain.001, from its `PmtInf` (debtor, debtor agent,
//! ultimate debtor). Declared totals (`NbOfTxs`, `CtrlSum`) are checked against the content.

use super::amount::{format_scaled, parse_scaled};
use super::error::{PaymentsError, Position};
use super::fields;
use super::model::{
    Agent, AgentRole, Amount, Birth, Party, PartyId, PartyRole, PaymentMessage, Remittance,
};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

const ISO_NAMESPACE: &str = "urn:iso:std:iso:20022:tech:xsd:";

/// Reads every pacs.008 / pain.001 transaction in `src` (UTF-8, BOM already removed).
pub fn parse(src: &[u8]) -> Result<Vec<PaymentMessage>, PaymentsError> {
    let mut reader = Reader::from_reader(src);
    let mut parser = Parser::new(src);
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader
            .read_event()
            .map_err(|e| parser.xml_error(reader.error_position() as usize, e))?;
        match event {
            Event::Start(e) => parser.start(&e, before)?,
            Event::Empty(e) => {
                parser.start(&e, before)?;
                parser.end()?;
            }
            Event::End(_) => parser.end()?,
            Event::Text(t) => {
                let text = t.unescape().map_err(|e| parser.xml_error(before, e))?;
                parser.text.push_str(&text);
            }
            Event::CData(c) => {
                let text = std::str::from_utf8(&c).map_err(|e| parser.xml_error(before, e))?;
                parser.text.push_str(text);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    parser.finish(src.len())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Pacs008,
    Pain001,
}

impl Kind {
    fn prefix(self) -> &'static str {
        match self {
            Kind::Pacs008 => "pacs.008.001.",
            Kind::Pain001 => "pain.001.001.",
        }
    }

    fn versions(self) -> std::ops::RangeInclusive<u32> {
        match self {
            Kind::Pacs008 => 2..=13,
            Kind::Pain001 => 3..=11,
        }
    }
}

/// What an element opens: the reader keeps one current value of each kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    AppHdr,
    Document,
    GrpHdr,
    PmtInf,
    Tx,
    Party(PartyRole),
    Agent(AgentRole),
    Account(PartyRole),
}

struct Frame {
    name: String,
    ctx: Option<Ctx>,
    /// Byte offset of the element's `<`.
    at: usize,
}

/// Parties, agents and accounts declared at one level (group, payment information, tx).
#[derive(Default)]
struct Level {
    parties: Vec<Party>,
    agents: Vec<Agent>,
    accounts: Vec<(PartyRole, String)>,
}

/// A declared total and where it was declared.
struct Declared {
    text: String,
    at: usize,
}

#[derive(Default)]
struct Totals {
    nb_of_txs: Option<Declared>,
    ctrl_sum: Option<Declared>,
    count: usize,
    sum: i128,
}

struct Doc {
    kind: Kind,
    message_type: String,
    msg_id: Option<String>,
    totals: Totals,
    group: Level,
}

impl Doc {
    fn root_element(&self) -> &'static str {
        match self.kind {
            Kind::Pacs008 => "FIToFICstmrCdtTrf",
            Kind::Pain001 => "CstmrCdtTrfInitn",
        }
    }
}

#[derive(Default)]
struct Pmt {
    id: Option<String>,
    totals: Totals,
    level: Level,
}

#[derive(Default)]
struct Tx {
    end_to_end_id: Option<String>,
    tx_id: Option<String>,
    uetr: Option<String>,
    amount: Option<(String, i128)>,
    level: Level,
    remittance: Vec<Remittance>,
}

struct Parser<'a> {
    src: &'a [u8],
    /// Open elements are `frames[..depth]`; frames past `depth` are kept so their name
    /// buffers are reused instead of reallocated for every element.
    frames: Vec<Frame>,
    depth: usize,
    text: String,
    path: String,
    /// The message type named by the latest ISO namespace declaration (not `head.*`).
    namespace_type: Option<String>,
    /// `AppHdr/MsgDefIdr` of the envelope being read.
    header_type: Option<(String, usize)>,
    /// `Ccy` of the amount element being read.
    currency: Option<String>,
    doc: Option<Doc>,
    pmt: Option<Pmt>,
    tx: Option<Tx>,
    party: Option<Party>,
    agent: Option<Agent>,
    account: Option<String>,
    out: Vec<PaymentMessage>,
    documents: usize,
    root: Option<String>,
}

impl<'a> Parser<'a> {
    fn new(src: &'a [u8]) -> Parser<'a> {
        Parser {
            src,
            frames: Vec::with_capacity(16),
            depth: 0,
            text: String::new(),
            path: String::new(),
            namespace_type: None,
            header_type: None,
            currency: None,
            doc: None,
            pmt: None,
            tx: None,
            party: None,
            agent: None,
            account: None,
            out: Vec::new(),
            documents: 0,
            root: None,
        }
    }

    fn pos(&self, offset: usize) -> Position {
        Position::of_offset(self.src, offset)
    }

    fn xml_error(&self, offset: usize, e: impl std::fmt::Display) -> PaymentsError {
        PaymentsError::Xml {
            at: self.pos(offset),
            message: e.to_string(),
        }
    }

    fn invalid(&self, at: usize, field: &str, message: impl Into<String>) -> PaymentsError {
        PaymentsError::Invalid {
            at: self.pos(at),
            field: field.to_owned(),
            message: message.into(),
        }
    }

    fn start(&mut self, e: &BytesStart, at: usize) -> Result<(), PaymentsError> {
        let local = e.local_name();
        let name = std::str::from_utf8(local.as_ref()).map_err(|err| self.xml_error(at, err))?;
        vigil_core::limits::check_xml_element(self.depth, e.attributes_raw())
            .map_err(|message| self.xml_error(at, message))?;
        match &self.root {
            None => self.root = Some(name.to_owned()),
            // Two documents glued together are not one well-formed file: refuse rather
            // than guess which part the sender meant.
            Some(root) if self.depth == 0 => {
                let message = format!(
                    "a second root element <{name}> after </{root}>: one document per file"
                );
                return Err(self.xml_error(at, message));
            }
            Some(_) => {}
        }
        if !e.attributes_raw().is_empty() {
            self.read_attributes(e, at)?;
        }
        let ctx = self.context_for(name, at)?;
        match ctx {
            Some(Ctx::Party(role)) => self.party = Some(Party::new(role)),
            Some(Ctx::Agent(role)) => {
                self.agent = Some(Agent {
                    role,
                    bic: None,
                    name: None,
                })
            }
            Some(Ctx::Account(_)) => self.account = None,
            Some(Ctx::Tx) => self.tx = Some(Tx::default()),
            Some(Ctx::PmtInf) => self.pmt = Some(Pmt::default()),
            _ => {}
        }
        if let Some(frame) = self.frames.get_mut(self.depth) {
            frame.name.clear();
            frame.name.push_str(name);
            frame.ctx = ctx;
            frame.at = at;
        } else {
            self.frames.push(Frame {
                name: name.to_owned(),
                ctx,
                at,
            });
        }
        self.depth += 1;
        if ctx.is_none() {
            self.open_party_substructure();
        }
        self.text.clear();
        Ok(())
    }

    /// Namespace declarations name the message type; `Ccy` belongs to the next amount.
    fn read_attributes(&mut self, e: &BytesStart, at: usize) -> Result<(), PaymentsError> {
        // Duplicates are a well-formedness fault but harmless here; checking them costs
        // quadratic time, and the count is already bounded.
        for attr in e.attributes().with_checks(false) {
            let attr = attr.map_err(|err| self.xml_error(at, err))?;
            let key = attr.key.as_ref();
            let value = attr
                .unescape_value()
                .map_err(|err| self.xml_error(at, err))?;
            if key == b"xmlns" || key.starts_with(b"xmlns:") {
                if let Some(kind) = value.strip_prefix(ISO_NAMESPACE) {
                    if !kind.starts_with("head.") {
                        self.namespace_type = Some(kind.to_owned());
                    }
                }
            } else if key == b"Ccy" {
                self.currency = Some(value.into_owned());
            }
        }
        Ok(())
    }

    fn stack(&self) -> &[Frame] {
        &self.frames[..self.depth]
    }

    fn parent_ctx(&self) -> Option<Ctx> {
        self.stack().last().and_then(|f| f.ctx)
    }

    fn context_for(&mut self, name: &str, at: usize) -> Result<Option<Ctx>, PaymentsError> {
        let kind = match name {
            "FIToFICstmrCdtTrf" => Some(Kind::Pacs008),
            "CstmrCdtTrfInitn" => Some(Kind::Pain001),
            _ => None,
        };
        if let Some(kind) = kind {
            if self.doc.is_some() {
                return Err(self.invalid(at, name, "a document inside a document"));
            }
            self.begin_document(kind, at)?;
            return Ok(Some(Ctx::Document));
        }
        if name == "AppHdr" && self.doc.is_none() {
            return Ok(Some(Ctx::AppHdr));
        }
        let parent_is_document_root = self.stack().last().is_some_and(|f| f.name == "Document");
        if parent_is_document_root && self.doc.is_none() {
            // A Document holding something other than a credit transfer (camt.053, pacs.009...).
            let found = self
                .namespace_type
                .clone()
                .unwrap_or_else(|| format!("<{name}>"));
            return Err(PaymentsError::Unsupported {
                at: self.pos(at),
                found,
            });
        }
        let in_pain = self.doc.as_ref().is_some_and(|d| d.kind == Kind::Pain001);
        Ok(match self.parent_ctx() {
            Some(Ctx::Document) => match name {
                "GrpHdr" => Some(Ctx::GrpHdr),
                "PmtInf" if in_pain => Some(Ctx::PmtInf),
                "CdtTrfTxInf" if !in_pain => Some(Ctx::Tx),
                _ => None,
            },
            Some(Ctx::PmtInf) if name == "CdtTrfTxInf" => Some(Ctx::Tx),
            Some(Ctx::GrpHdr | Ctx::PmtInf | Ctx::Tx) => member_context(name),
            _ => None,
        })
    }

    fn begin_document(&mut self, kind: Kind, at: usize) -> Result<(), PaymentsError> {
        let message_type = match self.namespace_type.take() {
            Some(t) if t.starts_with(kind.prefix()) => t,
            Some(other) => {
                return Err(PaymentsError::Unsupported {
                    at: self.pos(at),
                    found: other,
                })
            }
            // No namespace: the version is unknown, the structure is still recognisable.
            None => kind.prefix().trim_end_matches(".001.").to_owned(),
        };
        if let Some(version) = message_type.strip_prefix(kind.prefix()) {
            let number: Option<u32> = version.get(..2).and_then(|v| v.parse().ok());
            if !number.is_some_and(|n| kind.versions().contains(&n)) {
                return Err(PaymentsError::Unsupported {
                    at: self.pos(at),
                    found: message_type,
                });
            }
        }
        if let Some((header, header_at)) = self.header_type.take() {
            if header.get(..15) != message_type.get(..15) && message_type.len() >= 15 {
                return Err(PaymentsError::Inconsistent {
                    at: self.pos(header_at),
                    message: format!(
                        "AppHdr/MsgDefIdr says {header} but the document is {message_type}"
                    ),
                });
            }
        }
        self.documents += 1;
        self.doc = Some(Doc {
            kind,
            message_type,
            msg_id: None,
            totals: Totals::default(),
            group: Level::default(),
        });
        Ok(())
    }

    /// Marks a party as a person or organisation as its `PrvtId`/`OrgId` opens, and starts a
    /// new identifier at each `Othr`.
    fn open_party_substructure(&mut self) {
        let Some(party) = self.party.as_mut() else {
            return;
        };
        let open = &self.frames[..self.depth];
        let Some(ctx_index) = open.iter().rposition(|f| f.ctx.is_some()) else {
            return;
        };
        let rel = &open[ctx_index + 1..];
        let name = |i: usize| rel.get(i).map_or("", |f| f.name.as_str());
        match (rel.len(), name(0), name(1), name(2)) {
            (2, "Id", "PrvtId", _) => party.is_person = true,
            (2, "Id", "OrgId", _) => party.is_organisation = true,
            (3, "Id", "PrvtId", "Othr") => party.private_ids.push(PartyId::default()),
            (3, "Id", "OrgId", "Othr") => party.organisation_ids.push(PartyId::default()),
            _ => {}
        }
    }

    fn end(&mut self) -> Result<(), PaymentsError> {
        let text = self.text.trim();
        if !text.is_empty() {
            let text = text.to_owned();
            self.leaf(text)?;
        }
        self.text.clear();
        // quick-xml reports unmatched end tags before we see them, so depth > 0.
        self.depth -= 1;
        let frame = &self.frames[self.depth];
        if let Some(ctx) = frame.ctx {
            self.close(ctx, frame.at)?;
        }
        Ok(())
    }

    /// Handles the text of the element on top of the stack, by its path below the innermost
    /// context element.
    fn leaf(&mut self, text: String) -> Result<(), PaymentsError> {
        let Some(ctx_index) = self.stack().iter().rposition(|f| f.ctx.is_some()) else {
            return Ok(());
        };
        let ctx = self.frames[ctx_index].ctx.expect("found by ctx");
        let frame = &self.frames[self.depth - 1];
        let at = frame.at;
        if let Some(limit) = fields::iso_max_length(&frame.name) {
            let length = text.chars().count();
            if length > limit {
                return Err(PaymentsError::TooLong {
                    at: self.pos(at),
                    field: frame.name.clone(),
                    length,
                    limit,
                });
            }
        }
        self.path.clear();
        for (i, f) in self.frames[ctx_index + 1..self.depth].iter().enumerate() {
            if i > 0 {
                self.path.push('/');
            }
            self.path.push_str(&f.name);
        }
        let path = std::mem::take(&mut self.path);
        let result = match ctx {
            Ctx::AppHdr => {
                if path == "MsgDefIdr" {
                    self.header_type = Some((text, at));
                }
                Ok(())
            }
            Ctx::GrpHdr => self.group_leaf(&path, text, at),
            Ctx::PmtInf => self.pmt_leaf(&path, text, at),
            Ctx::Tx => self.tx_leaf(&path, text, at),
            Ctx::Party(_) => self.party_leaf(&path, text, at),
            Ctx::Agent(_) => self.agent_leaf(&path, text, at),
            Ctx::Account(_) => {
                if matches!(path.as_str(), "Id/IBAN" | "Id/Othr/Id") {
                    self.account = Some(text);
                }
                Ok(())
            }
            Ctx::Document => Ok(()),
        };
        self.path = path;
        result
    }

    fn group_leaf(&mut self, path: &str, text: String, at: usize) -> Result<(), PaymentsError> {
        let doc = self.doc.as_mut().expect("GrpHdr is inside a document");
        match path {
            "MsgId" => doc.msg_id = Some(text),
            "NbOfTxs" => doc.totals.nb_of_txs = Some(Declared { text, at }),
            "CtrlSum" => doc.totals.ctrl_sum = Some(Declared { text, at }),
            _ => {}
        }
        Ok(())
    }

    fn pmt_leaf(&mut self, path: &str, text: String, at: usize) -> Result<(), PaymentsError> {
        let pmt = self.pmt.as_mut().expect("inside PmtInf");
        match path {
            "PmtInfId" => pmt.id = Some(text),
            "NbOfTxs" => pmt.totals.nb_of_txs = Some(Declared { text, at }),
            "CtrlSum" => pmt.totals.ctrl_sum = Some(Declared { text, at }),
            _ => {}
        }
        Ok(())
    }

    fn tx_leaf(&mut self, path: &str, text: String, at: usize) -> Result<(), PaymentsError> {
        match path {
            "IntrBkSttlmAmt" | "Amt/InstdAmt" | "Amt/EqvtAmt/Amt" => {
                let Some(scaled) = parse_scaled(&text) else {
                    return Err(self.invalid(at, path, format!("{text:?} is not an amount")));
                };
                let currency = self.currency.take().unwrap_or_default();
                let tx = self.tx.as_mut().expect("inside CdtTrfTxInf");
                tx.amount = Some((currency, scaled));
            }
            _ => {
                let tx = self.tx.as_mut().expect("inside CdtTrfTxInf");
                match path {
                    "PmtId/EndToEndId" => tx.end_to_end_id = Some(text),
                    "PmtId/TxId" => tx.tx_id = Some(text),
                    "PmtId/UETR" => tx.uetr = Some(text),
                    "RmtInf/Ustrd" => tx.remittance.push(Remittance {
                        source: "Ustrd",
                        text,
                    }),
                    _ => {}
                }
            }
        }
        Ok(())
    }

    fn party_leaf(&mut self, path: &str, text: String, at: usize) -> Result<(), PaymentsError> {
        let is_country = ["Ctry", "CtryOfRes", "CtryOfBirth"]
            .iter()
            .any(|suffix| path.ends_with(suffix));
        if is_country && !fields::is_country_code(&text) {
            let message = format!("{text:?} is not an ISO country code");
            return Err(self.invalid(at, path, message));
        }
        if matches!(path, "Id/OrgId/AnyBIC" | "Id/OrgId/BICOrBEI") && !fields::is_bic(&text) {
            return Err(self.invalid(at, path, format!("{text:?} is not a BIC")));
        }
        let birth_date = if path == "Id/PrvtId/DtAndPlcOfBirth/BirthDt" {
            Some(
                text.parse()
                    .map_err(|e| self.invalid(at, path, format!("{e}")))?,
            )
        } else {
            None
        };
        let party = self.party.as_mut().expect("inside a party");
        let address = &mut party.address;
        match path {
            "Nm" => party.name = Some(text),
            "PstlAdr/StrtNm" => address.street = Some(text),
            "PstlAdr/BldgNb" => address.building = Some(text),
            "PstlAdr/PstCd" => address.post_code = Some(text),
            "PstlAdr/TwnNm" => address.town = Some(text),
            "PstlAdr/CtrySubDvsn" => address.subdivision = Some(text),
            "PstlAdr/Ctry" => address.country = Some(text),
            "PstlAdr/AdrLine" => address.lines.push(text),
            "CtryOfRes" => party.country_of_residence = Some(text),
            "Id/PrvtId/DtAndPlcOfBirth/BirthDt" => {
                party.birth.get_or_insert_with(Birth::default).date = birth_date
            }
            "Id/PrvtId/DtAndPlcOfBirth/CityOfBirth" => {
                party.birth.get_or_insert_with(Birth::default).city = Some(text)
            }
            "Id/PrvtId/DtAndPlcOfBirth/CtryOfBirth" => {
                party.birth.get_or_insert_with(Birth::default).country = Some(text)
            }
            "Id/OrgId/AnyBIC" | "Id/OrgId/BICOrBEI" => party.bic = Some(text),
            "Id/OrgId/LEI" => party.lei = Some(text),
            _ => {
                let ids = if path.starts_with("Id/PrvtId/Othr/") {
                    party.private_ids.last_mut()
                } else if path.starts_with("Id/OrgId/Othr/") {
                    party.organisation_ids.last_mut()
                } else {
                    None
                };
                if let Some(id) = ids {
                    match path.rsplit_once("Othr/").map_or("", |(_, rest)| rest) {
                        "Id" => id.id = text,
                        "SchmeNm/Cd" | "SchmeNm/Prtry" => id.scheme = Some(text),
                        "Issr" => id.issuer = Some(text),
                        _ => {}
                    }
                }
            }
        }
        Ok(())
    }

    fn agent_leaf(&mut self, path: &str, text: String, at: usize) -> Result<(), PaymentsError> {
        let is_bic = matches!(path, "FinInstnId/BICFI" | "FinInstnId/BIC");
        if is_bic && !fields::is_bic(&text) {
            return Err(self.invalid(at, path, format!("{text:?} is not a BIC")));
        }
        let agent = self.agent.as_mut().expect("inside an agent");
        if is_bic {
            agent.bic = Some(text);
        } else if path == "FinInstnId/Nm" {
            agent.name = Some(text);
        }
        Ok(())
    }

    /// The level that owns parties declared now: the transaction, else the payment
    /// information block, else the group header.
    fn current_level(&mut self) -> &mut Level {
        if let Some(tx) = self.tx.as_mut() {
            &mut tx.level
        } else if let Some(pmt) = self.pmt.as_mut() {
            &mut pmt.level
        } else {
            &mut self.doc.as_mut().expect("inside a document").group
        }
    }

    fn close(&mut self, ctx: Ctx, at: usize) -> Result<(), PaymentsError> {
        match ctx {
            Ctx::Party(_) => {
                if let Some(mut party) = self.party.take() {
                    // An `Othr` without an `Id` carries nothing to screen.
                    party.private_ids.retain(|i| !i.id.is_empty());
                    party.organisation_ids.retain(|i| !i.id.is_empty());
                    self.current_level().parties.push(party);
                }
            }
            Ctx::Agent(_) => {
                if let Some(agent) = self.agent.take() {
                    self.current_level().agents.push(agent);
                }
            }
            Ctx::Account(role) => {
                if let Some(account) = self.account.take() {
                    self.current_level().accounts.push((role, account));
                }
            }
            Ctx::Tx => self.close_transaction(at)?,
            Ctx::PmtInf => {
                let pmt = self.pmt.take().expect("closing PmtInf");
                if pmt.totals.count == 0 {
                    return Err(self.invalid(at, "PmtInf", "no CdtTrfTxInf: nothing to screen"));
                }
                let label = format!("PmtInf {}", pmt.id.as_deref().unwrap_or("(no PmtInfId)"));
                self.check_totals(&pmt.totals, &label)?;
            }
            Ctx::Document => {
                let doc = self.doc.take().expect("closing a document");
                if doc.totals.count == 0 {
                    let element = doc.root_element();
                    return Err(self.invalid(at, element, "no CdtTrfTxInf: nothing to screen"));
                }
                self.check_totals(&doc.totals, "GrpHdr")?;
            }
            Ctx::AppHdr | Ctx::GrpHdr => {}
        }
        Ok(())
    }

    fn close_transaction(&mut self, at: usize) -> Result<(), PaymentsError> {
        let tx = self.tx.take().expect("closing CdtTrfTxInf");
        let msg_id = self.doc.as_ref().and_then(|d| d.msg_id.clone());
        let Some(msg_id) = msg_id else {
            return Err(self.invalid(at, "GrpHdr/MsgId", "missing before the first transaction"));
        };
        let Some((currency, scaled)) = tx.amount else {
            return Err(self.invalid(at, "CdtTrfTxInf", "the transaction has no amount"));
        };
        let doc = self.doc.as_mut().expect("CdtTrfTxInf is inside a document");
        doc.totals.count += 1;
        doc.totals.sum += scaled;
        let count = doc.totals.count;
        if let Some(pmt) = self.pmt.as_mut() {
            pmt.totals.count += 1;
            pmt.totals.sum += scaled;
        }
        let reference = tx
            .end_to_end_id
            .or(tx.tx_id)
            .unwrap_or_else(|| format!("#{count}"));
        let doc = self.doc.as_ref().expect("CdtTrfTxInf is inside a document");
        let pmt_level = self.pmt.as_ref().map(|p| &p.level);
        let levels = [Some(&doc.group), pmt_level, Some(&tx.level)];
        let mut parties: Vec<Party> = Vec::new();
        let mut agents = Vec::new();
        for level in levels.into_iter().flatten() {
            for party in &level.parties {
                // UltmtDbtr may be given at both levels; screen each distinct one once.
                if !parties.contains(party) {
                    parties.push(party.clone());
                }
            }
            agents.extend(level.agents.iter().cloned());
        }
        for level in levels.into_iter().flatten() {
            for (role, account) in &level.accounts {
                if let Some(p) = parties.iter_mut().find(|p| p.role == *role) {
                    p.account.get_or_insert_with(|| account.clone());
                }
            }
        }
        // Debtor and creditor are mandatory; one that names nobody cannot be screened, and
        // must not pass unscreened.
        for (role, element) in [(PartyRole::Debtor, "Dbtr"), (PartyRole::Creditor, "Cdtr")] {
            let screenable = parties.iter().any(|p| {
                p.role == role && (p.name.is_some() || p.bic.is_some() || !p.private_ids.is_empty())
            });
            if !screenable {
                let message = format!("transaction {reference}: no {element} with a Nm, BIC or Id");
                return Err(self.invalid(at, element, message));
            }
        }
        parties.sort_by_key(|p| p.role);
        self.out.push(PaymentMessage {
            id: format!("{msg_id}/{reference}"),
            message_type: doc.message_type.clone(),
            uetr: tx.uetr,
            amount: Some(Amount {
                value: format_scaled(scaled),
                currency,
            }),
            parties,
            agents,
            remittance: tx.remittance,
        });
        Ok(())
    }

    fn check_totals(&self, totals: &Totals, label: &str) -> Result<(), PaymentsError> {
        if let Some(declared) = &totals.nb_of_txs {
            let n: Option<usize> = declared.text.parse().ok();
            if n != Some(totals.count) {
                return Err(PaymentsError::Inconsistent {
                    at: self.pos(declared.at),
                    message: format!(
                        "{label}/NbOfTxs is {} but there are {} transactions",
                        declared.text, totals.count
                    ),
                });
            }
        }
        if let Some(declared) = &totals.ctrl_sum {
            let Some(sum) = parse_scaled(&declared.text) else {
                return Err(self.invalid(declared.at, "CtrlSum", "not a decimal amount"));
            };
            if sum != totals.sum {
                return Err(PaymentsError::Inconsistent {
                    at: self.pos(declared.at),
                    message: format!(
                        "{label}/CtrlSum is {} but the amounts add up to {}",
                        declared.text,
                        format_scaled(totals.sum)
                    ),
                });
            }
        }
        Ok(())
    }

    fn finish(self, end: usize) -> Result<Vec<PaymentMessage>, PaymentsError> {
        if let Some(open) = self.stack().last() {
            return Err(PaymentsError::Xml {
                at: self.pos(end),
                message: format!("the file ends inside <{}>", open.name),
            });
        }
        if self.documents == 0 {
            let at = self.pos(0);
            let found = match (self.namespace_type, self.root) {
                (Some(ns), _) => ns,
                (None, Some(root)) => format!("XML with root element <{root}>"),
                (None, None) => return Err(PaymentsError::Empty),
            };
            return Err(PaymentsError::Unsupported { at, found });
        }
        Ok(self.out)
    }
}

/// Parties, agents and accounts that may sit directly under GrpHdr, PmtInf or CdtTrfTxInf.
fn member_context(name: &str) -> Option<Ctx> {
    Some(match name {
        "Dbtr" => Ctx::Party(PartyRole::Debtor),
        "Cdtr" => Ctx::Party(PartyRole::Creditor),
        "UltmtDbtr" => Ctx::Party(PartyRole::UltimateDebtor),
        "UltmtCdtr" => Ctx::Party(PartyRole::UltimateCreditor),
        "InitgPty" => Ctx::Party(PartyRole::InitiatingParty),
        "DbtrAgt" => Ctx::Agent(AgentRole::DebtorAgent),
        "CdtrAgt" => Ctx::Agent(AgentRole::CreditorAgent),
        "IntrmyAgt1" => Ctx::Agent(AgentRole::IntermediaryAgent1),
        "IntrmyAgt2" => Ctx::Agent(AgentRole::IntermediaryAgent2),
        "IntrmyAgt3" => Ctx::Agent(AgentRole::IntermediaryAgent3),
        "InstgAgt" => Ctx::Agent(AgentRole::InstructingAgent),
        "InstdAgt" => Ctx::Agent(AgentRole::InstructedAgent),
        "PrvsInstgAgt1" | "PrvsInstgAgt2" | "PrvsInstgAgt3" => {
            Ctx::Agent(AgentRole::PreviousInstructingAgent)
        }
        "DbtrAcct" => Ctx::Account(PartyRole::Debtor),
        "CdtrAcct" => Ctx::Account(PartyRole::Creditor),
        _ => return None,
    })
}
