//! Reading an uploaded CSV from a multipart form: the CSRF field checked first, the file
//! capped at the configured size (a clear 413 page beyond it), text required to be UTF-8.

use crate::error::PageError;
use crate::session::Signed;
use axum::extract::Multipart;

pub struct Upload {
    pub file_name: String,
    pub text: String,
    /// The other (text) fields of the form.
    pub fields: Vec<(String, String)>,
}

impl Upload {
    pub fn field(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }
}

pub async fn read(
    mut form: Multipart,
    signed: &Signed,
    max_bytes: usize,
) -> Result<Upload, PageError> {
    let too_large = |_| PageError::TooLarge(max_bytes);
    let mut upload = Upload {
        file_name: String::new(),
        text: String::new(),
        fields: Vec::new(),
    };
    let mut csrf_checked = false;
    while let Some(mut field) = form.next_field().await.map_err(too_large)? {
        let name = field.name().unwrap_or("").to_owned();
        if name == "file" {
            if !csrf_checked {
                return Err(PageError::Csrf);
            }
            upload.file_name = field.file_name().unwrap_or("upload.csv").to_owned();
            let mut bytes = Vec::new();
            while let Some(chunk) = field.chunk().await.map_err(too_large)? {
                if bytes.len() + chunk.len() > max_bytes {
                    return Err(PageError::TooLarge(max_bytes));
                }
                bytes.extend_from_slice(&chunk);
            }
            upload.text = String::from_utf8(bytes).map_err(|e| {
                PageError::BadRequest(format!(
                    "{}: not UTF-8 text (byte {}); save the CSV as UTF-8",
                    upload.file_name,
                    e.utf8_error().valid_up_to()
                ))
            })?;
        } else {
            let value = field.text().await.map_err(too_large)?;
            if name == "csrf" {
                signed.check_csrf(&value)?;
                csrf_checked = true;
            }
            upload.fields.push((name, value));
        }
    }
    if !csrf_checked {
        return Err(PageError::Csrf);
    }
    if upload.text.trim().is_empty() {
        return Err(PageError::BadRequest("Choose a non-empty CSV file.".into()));
    }
    Ok(upload)
}
