//! Renders stored JSON values (entity fields, field changes) as readable text, never as raw
//! markup: every string goes through maud's escaping.

use maud::{html, Markup};
use serde_json::Value;

/// A field name as a label: `birth_dates` → `birth dates`.
pub fn label(field: &str) -> String {
    field.replace('_', " ")
}

/// A value: scalars as text, lists one per line, objects as `key: value` pairs.
pub fn value(v: &Value) -> Markup {
    match v {
        Value::Array(items) if items.iter().all(is_scalar) => html! {
            (items.iter().map(scalar).collect::<Vec<_>>().join(", "))
        },
        Value::Array(items) => html! {
            ul.plain { @for item in items { li { (value(item)) } } }
        },
        Value::Object(map) => html! {
            @for (i, (k, v)) in map.iter().enumerate() {
                @if i > 0 { " · " }
                span.muted { (label(k)) ": " } (value(v))
            }
        },
        other => html! { (scalar(other)) },
    }
}

fn is_scalar(v: &Value) -> bool {
    !matches!(v, Value::Array(_) | Value::Object(_))
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "–".into(),
        other => other.to_string(),
    }
}
