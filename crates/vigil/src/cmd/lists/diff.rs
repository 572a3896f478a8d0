//! `vigil lists diff`: what one version changed, as counts then entity by entity.

use crate::context::Context;
use serde_json::Value;
use std::process::ExitCode;
use vigil_store::{ChangedEntity, EntitySummary, FieldChange, ListDiff};

#[derive(clap::Args)]
pub struct DiffArgs {
    /// The list, e.g. un-sc.
    source: String,
    /// The version to show (default: the latest); it is compared with the one before it.
    #[arg(long)]
    version: Option<u32>,
    /// Print the full diff as JSON (values untruncated).
    #[arg(long)]
    json: bool,
}

/// Values longer than this are cut in the human view; `--json` has them whole.
const MAX_VALUE_CHARS: usize = 160;

pub fn run(ctx: &Context, args: DiffArgs) -> anyhow::Result<ExitCode> {
    let diff = ctx.open_store()?.diff(&args.source, args.version)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&diff)?);
    } else {
        print_diff(&diff);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_diff(diff: &ListDiff) {
    let against = match diff.previous_version {
        Some(previous) => format!("against version {previous}"),
        None => "(first version: everything is new)".to_owned(),
    };
    println!(
        "{} version {} {against}: +{} added, -{} removed, ~{} changed",
        diff.source,
        diff.version,
        diff.added.len(),
        diff.removed.len(),
        diff.changed.len()
    );
    print_summaries("Added", '+', &diff.added);
    print_summaries("Removed", '-', &diff.removed);
    if !diff.changed.is_empty() {
        println!("\nChanged:");
        for entity in &diff.changed {
            print_changed(entity);
        }
    }
}

fn print_summaries(title: &str, mark: char, entities: &[EntitySummary]) {
    if entities.is_empty() {
        return;
    }
    println!("\n{title}:");
    for e in entities {
        println!("  {mark} {}  {}", e.id, e.name);
    }
}

fn print_changed(entity: &ChangedEntity) {
    let fields: Vec<&str> = entity.fields.iter().map(|f| f.field.as_str()).collect();
    println!(
        "  ~ {}  {}  [{}]",
        entity.id,
        entity.name,
        fields.join(", ")
    );
    for field in &entity.fields {
        print_field(field);
    }
}

fn print_field(field: &FieldChange) {
    for line in field_lines(field) {
        println!("      {line}");
    }
}

/// A changed list (names, documents, ...) as the items it lost and gained, so an added
/// alias reads as one line; any other value as "old → new".
fn field_lines(field: &FieldChange) -> Vec<String> {
    let items = |v: &Option<Value>| match v {
        Some(Value::Array(items)) => Some(items.clone()),
        None => Some(Vec::new()),
        Some(_) => None,
    };
    match (items(&field.old), items(&field.new)) {
        (Some(old), Some(new)) => std::iter::once(format!("{}:", field.field))
            .chain(
                old.iter()
                    .filter(|v| !new.contains(v))
                    .map(|v| format!("  - {}", show_value(Some(v)))),
            )
            .chain(
                new.iter()
                    .filter(|v| !old.contains(v))
                    .map(|v| format!("  + {}", show_value(Some(v)))),
            )
            .collect(),
        _ => {
            let (old, new) = skip_common_start(field.old.as_ref(), field.new.as_ref());
            vec![format!(
                "{}: {} → {}",
                field.field,
                show_value(old.as_ref()),
                show_value(new.as_ref())
            )]
        }
    }
}

/// Two long texts that share a start (a remark with a sentence appended) are shown from
/// a little before where they part, so the cut-off view still shows the change.
fn skip_common_start(old: Option<&Value>, new: Option<&Value>) -> (Option<Value>, Option<Value>) {
    const CONTEXT: usize = 30;
    if let (Some(Value::String(a)), Some(Value::String(b))) = (old, new) {
        let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
        if common > 2 * CONTEXT {
            let tail = |s: &str| {
                Value::String(format!(
                    "…{}",
                    s.chars().skip(common - CONTEXT).collect::<String>()
                ))
            };
            return (Some(tail(a)), Some(tail(b)));
        }
    }
    (old.cloned(), new.cloned())
}

/// A field value on one line: strings unquoted, absent as "(none)", long values cut.
fn show_value(value: Option<&Value>) -> String {
    let text = match value {
        None | Some(Value::Null) => return "(none)".to_owned(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= MAX_VALUE_CHARS {
        return text;
    }
    let cut: String = text.chars().take(MAX_VALUE_CHARS).collect();
    format!("{cut}… ({} chars)", text.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lists_show_lost_and_gained_items() {
        let field = FieldChange {
            field: "names".into(),
            old: Some(json!(["A", "B"])),
            new: Some(json!(["A", "C"])),
        };
        assert_eq!(field_lines(&field), ["names:", "  - B", "  + C"]);
        let field = FieldChange {
            field: "remarks".into(),
            old: None,
            new: Some(json!("x")),
        };
        assert_eq!(field_lines(&field), ["remarks: (none) → x"]);
        let same_start = "s".repeat(100);
        let field = FieldChange {
            field: "remarks".into(),
            old: Some(json!(format!("{same_start} old"))),
            new: Some(json!(format!("{same_start} new"))),
        };
        // The shared start is the 100 s and the space: 30 characters of it are kept.
        let tail = "s".repeat(29);
        assert_eq!(
            field_lines(&field),
            [format!("remarks: …{tail} old → …{tail} new")]
        );
    }

    #[test]
    fn values_are_shown_on_one_line_and_cut() {
        assert_eq!(show_value(None), "(none)");
        assert_eq!(show_value(Some(&json!("a\n  b"))), "a b");
        assert_eq!(show_value(Some(&json!(["x", 1]))), r#"["x",1]"#);
        let long = show_value(Some(&json!("y".repeat(500))));
        assert_eq!(
            long,
            format!("{}… (500 chars)", "y".repeat(MAX_VALUE_CHARS))
        );
    }
}
