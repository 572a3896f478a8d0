//! Text extraction for scanning: HTML becomes its visible text (tags dropped, scripts and
//! styles skipped, entities decoded); plain text passes through unchanged, so character
//! offsets in scan results refer to the text as the reader sees it.

/// True when the input looks like an HTML document or fragment.
pub fn looks_like_html(text: &str) -> bool {
    let head = text
        .trim_start()
        .get(..512.min(text.trim_start().len()))
        .unwrap_or("");
    let head = head.to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || ["<body", "<p>", "<div", "<article", "<br"]
            .iter()
            .any(|t| head.contains(t))
}

/// The visible text of an HTML document. Block elements become line breaks.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_decoded(&mut out, &rest[..lt]);
        rest = &rest[lt..];
        let Some(gt) = rest.find('>') else {
            // A stray '<' with no tag after it is text.
            push_decoded(&mut out, rest);
            return out;
        };
        let tag = rest[1..gt].trim().to_ascii_lowercase();
        rest = &rest[gt + 1..];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if (name == "script" || name == "style") && !tag.starts_with('/') {
            let close = format!("</{name}");
            let end = rest.to_ascii_lowercase().find(&close).unwrap_or(rest.len());
            rest = &rest[end..];
            continue;
        }
        if is_block(&name) && !out.ends_with('\n') {
            out.push('\n');
        }
    }
    push_decoded(&mut out, rest);
    out
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "br"
            | "div"
            | "li"
            | "ul"
            | "ol"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "tr"
            | "td"
            | "th"
            | "table"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "blockquote"
            | "title"
            | "figcaption"
            | "pre"
    )
}

fn push_decoded(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match rest
            .find(';')
            .filter(|&semi| semi <= 10)
            .and_then(|semi| decode_entity(&rest[1..semi]).map(|c| (c, semi)))
        {
            Some((c, semi)) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

fn decode_entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "rsquo" => '’',
        "lsquo" => '‘',
        "rdquo" => '”',
        "ldquo" => '“',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tags_scripts_and_decodes_entities() {
        let html = "<html><head><style>p{}</style><script>var x='<p>';</script></head>\
                    <body><p>Lashkar-e-Taiba&nbsp;(LeT) &amp; JeM</p><p>Hafiz Saeed&#8217;s</p></body></html>";
        assert!(looks_like_html(html));
        let text = html_to_text(html);
        assert_eq!(text.trim(), "Lashkar-e-Taiba (LeT) & JeM\nHafiz Saeed’s");
    }

    #[test]
    fn plain_text_is_not_html() {
        assert!(!looks_like_html("The Taliban <b>said</b> nothing"));
        assert_eq!(html_to_text("a < b & c"), "a < b & c");
    }
}
