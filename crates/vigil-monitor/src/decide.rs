//! The analyst workflow: an open alert is confirmed or marked a false positive, with a
//! reason, by someone, at a time; every decision is audited.

use crate::MonitorError;
use serde_json::json;
use vigil_store::{Alert, AlertStatus, AuditRecord, Store};

/// Longest reason accepted: a note, not a document.
const MAX_REASON_BYTES: usize = 4096;

/// Parses `confirmed` or `false-positive` (also `false_positive`).
pub fn parse_decision(text: &str) -> Result<AlertStatus, MonitorError> {
    match text.parse::<AlertStatus>() {
        Ok(status @ (AlertStatus::Confirmed | AlertStatus::FalsePositive)) => Ok(status),
        _ => Err(MonitorError::Invalid(format!(
            "decision {text:?}: expected confirmed or false-positive"
        ))),
    }
}

/// Records `decision` ("confirmed" or "false-positive") on open alert `id` by `analyst`.
pub fn decide(
    store: &mut Store,
    id: i64,
    decision: &str,
    reason: &str,
    analyst: &str,
) -> Result<Alert, MonitorError> {
    let status = parse_decision(decision)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(MonitorError::Invalid(
            "reason: say why (e.g. \"different birth date\")".into(),
        ));
    }
    if reason.len() > MAX_REASON_BYTES {
        return Err(MonitorError::Invalid(format!(
            "reason: longer than {MAX_REASON_BYTES} bytes"
        )));
    }
    if analyst.trim().is_empty() {
        return Err(MonitorError::Invalid(
            "analyst: who decided is required".into(),
        ));
    }
    let alert = store.decide_alert(id, status, reason, analyst.trim())?;
    store.append_audit(&[AuditRecord {
        at: chrono::Utc::now(),
        actor: analyst.trim().to_owned(),
        action: "alert_decision".into(),
        request: json!({ "alert": id, "decision": status, "reason": reason }),
        response: json!({
            "alert": alert.id,
            "status": alert.status,
            "set": alert.set,
            "subject_id": alert.subject_id,
            "entity_id": alert.entity_id,
        }),
        list_versions: json!([{ "source": alert.list_source, "version": alert.list_version }]),
    }])?;
    Ok(alert)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_parse() {
        assert_eq!(
            parse_decision("false-positive").unwrap(),
            AlertStatus::FalsePositive
        );
        assert_eq!(parse_decision("Confirmed").unwrap(), AlertStatus::Confirmed);
        assert!(parse_decision("open").is_err());
        assert!(parse_decision("delisted").is_err());
    }
}
