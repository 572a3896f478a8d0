//! Payment screening against terror financing: ISO 20022 pacs.008 / pain.001 and SWIFT
//! MT103.
//!
//! [`screen_bytes`] is what the CLI (`vigil payments screen`) and the HTTP service
//! (`POST /v1/payments/screen`) call: it detects the format from the content, reads every
//! message, screens parties, banks and remittance text, and decides `pass` or `hold` per
//! message.
//!
//! A "message" in the report is one credit transfer: one ISO 20022 `CdtTrfTxInf` (a bank
//! holds or releases a transfer, not a whole batch; the transfer inherits the group's and
//! payment block's parties) or one MT103. Any fault in the input fails the whole call with
//! an error naming the line: nothing in a file that could not be read is ever reported as
//! passing.

mod amount;
mod error;
mod fields;
mod iso20022;
mod model;
mod mt103;
mod names;
mod remittance;
mod screen;

pub use error::{PaymentsError, Position};
pub use model::{
    Agent, AgentRole, Amount, Birth, Party, PartyId, PartyRole, PaymentMessage, PostalAddress,
    Remittance,
};
pub use remittance::remittance_matches;
pub use screen::{
    party_query, AgentReport, Decision, Hit, MessageReport, PartyReport, PaymentScreener,
    PaymentsOptions, PaymentsReport, TextMatch,
};

use vigil_match::MatchIndex;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Reads every payment in `bytes` (ISO 20022 XML or SWIFT MT, detected from the content).
pub fn parse_bytes(bytes: &[u8]) -> Result<Vec<PaymentMessage>, PaymentsError> {
    use vigil_core::limits::{check_size, MAX_MESSAGE_BYTES};
    check_size("the input", bytes.len(), MAX_MESSAGE_BYTES).map_err(PaymentsError::TooLarge)?;
    let body = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    if body.starts_with(b"\xFF\xFE") || body.starts_with(b"\xFE\xFF") {
        return Err(PaymentsError::Xml {
            at: Position { line: 1, column: 1 },
            message: "UTF-16 input: convert the file to UTF-8".into(),
        });
    }
    let first = body
        .iter()
        .find(|b| !(b.is_ascii_whitespace() || matches!(b, b'$' | 0x01 | 0x03)));
    match first {
        None => Err(PaymentsError::Empty),
        Some(b'<') => iso20022::parse(body),
        Some(b'{') => mt103::parse(body),
        Some(_) => Err(PaymentsError::UnknownFormat),
    }
}

/// Reads and screens every payment in `bytes`. Fails rather than pass anything when the
/// input cannot be read or no list is loaded.
pub fn screen_bytes(
    index: &MatchIndex,
    bytes: &[u8],
    options: &PaymentsOptions,
) -> Result<PaymentsReport, PaymentsError> {
    PaymentScreener::new(index).screen_bytes(bytes, options)
}

impl PaymentScreener<'_> {
    /// As [`screen_bytes`], reusing this screener's prepared BIC lookup.
    pub fn screen_bytes(
        &self,
        bytes: &[u8],
        options: &PaymentsOptions,
    ) -> Result<PaymentsReport, PaymentsError> {
        if self.index().is_empty() {
            return Err(PaymentsError::NoLists);
        }
        let messages = parse_bytes(bytes)?;
        Ok(PaymentsReport {
            messages: self.screen(messages, options),
        })
    }
}
