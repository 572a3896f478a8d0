//! Webhook delivery from the store's durable outbox. Each notification is POSTed as JSON
//! with `X-Vigil-Signature: sha256=<hex HMAC-SHA256 of the body keyed by the secret>`;
//! a non-2xx answer or a network error is retried with exponential backoff until the
//! policy's attempts are spent, then the notification is marked `failed`.

use crate::MonitorError;
use chrono::{DateTime, SecondsFormat, Utc};
use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::Sha256;
use std::time::{Duration, Instant};
use vigil_store::{Delivery, Store};

/// The header carrying the signature.
pub const SIGNATURE_HEADER: &str = "X-Vigil-Signature";

#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// The wait after the first failure; doubled after each further one.
    pub base_delay: Duration,
    pub max_delay: Duration,
    /// Attempts before a notification is given up.
    pub max_attempts: u32,
    /// Per request.
    pub timeout: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            base_delay: Duration::from_secs(2),
            max_delay: Duration::from_secs(3600),
            max_attempts: 10,
            timeout: Duration::from_secs(10),
        }
    }
}

impl RetryPolicy {
    /// The wait after the `attempts`-th failed attempt (1-based).
    pub fn delay(&self, attempts: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempts.saturating_sub(1));
        self.base_delay.saturating_mul(factor).min(self.max_delay)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DeliveryReport {
    pub delivered: usize,
    /// Failed attempts that will be retried.
    pub retrying: usize,
    /// Notifications given up.
    pub failed: usize,
}

/// `sha256=<hex>` of the body keyed by the secret.
pub fn sign(secret: &str, body: &[u8]) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Attempts every notification due now, once each.
pub fn deliver_due(
    store: &mut Store,
    policy: &RetryPolicy,
) -> Result<DeliveryReport, MonitorError> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(policy.timeout))
        .http_status_as_error(false)
        .build()
        .into();
    let mut report = DeliveryReport::default();
    loop {
        let due = store.due_deliveries(&rfc3339(Utc::now()), 100)?;
        if due.is_empty() {
            return Ok(report);
        }
        for delivery in due {
            match post(&agent, &delivery) {
                Ok(()) => {
                    store.mark_delivered(delivery.id)?;
                    report.delivered += 1;
                }
                Err(error) => {
                    let attempts = delivery.attempts + 1;
                    let next = (attempts < policy.max_attempts).then(|| {
                        let delay = chrono::Duration::from_std(policy.delay(attempts))
                            .unwrap_or(chrono::Duration::MAX);
                        rfc3339(Utc::now() + delay)
                    });
                    store.mark_attempt_failed(delivery.id, &error, next.as_deref())?;
                    if next.is_some() {
                        report.retrying += 1;
                    } else {
                        report.failed += 1;
                    }
                }
            }
        }
    }
}

/// Delivers what is due, then keeps retrying failures as they fall due, for at most
/// `max_wait` (the CLI's bounded retries at the end of a command). What is still pending
/// stays in the outbox for the server's worker or the next command.
pub fn deliver_pending(
    store: &mut Store,
    policy: &RetryPolicy,
    max_wait: Duration,
) -> Result<DeliveryReport, MonitorError> {
    let deadline = Instant::now() + max_wait;
    let mut total = DeliveryReport::default();
    loop {
        let round = deliver_due(store, policy)?;
        total.delivered += round.delivered;
        total.retrying += round.retrying;
        total.failed += round.failed;
        let Some(next) = store.next_delivery_at()? else {
            return Ok(total);
        };
        let next = DateTime::parse_from_rfc3339(&next)
            .map_err(|e| MonitorError::Invalid(format!("outbox time {next:?}: {e}")))?
            .with_timezone(&Utc);
        let wait = (next - Utc::now()).to_std().unwrap_or(Duration::ZERO);
        if Instant::now() + wait > deadline {
            return Ok(total);
        }
        std::thread::sleep(wait);
    }
}

fn post(agent: &ureq::Agent, delivery: &Delivery) -> Result<(), String> {
    let response = agent
        .post(&delivery.url)
        .header("Content-Type", "application/json")
        .header(
            SIGNATURE_HEADER,
            &sign(&delivery.secret, delivery.body.as_bytes()),
        )
        .header("X-Vigil-Delivery", &delivery.id.to_string())
        .send(delivery.body.as_bytes())
        .map_err(|e| e.to_string())?;
    let status = response.status();
    if status.is_success() {
        Ok(())
    } else {
        Err(format!("HTTP {status}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_matches_rfc_4231_case_2() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        assert_eq!(
            sign("Jefe", b"what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let p = RetryPolicy {
            base_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(5),
            ..RetryPolicy::default()
        };
        let delays: Vec<u64> = (1..=5).map(|a| p.delay(a).as_secs()).collect();
        assert_eq!(delays, [1, 2, 4, 5, 5]);
    }
}
