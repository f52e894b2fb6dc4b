//! Display names from variant identifiers: `RoomGone` -> "Room Gone".

/// Splits an identifier into words: before an uppercase letter that follows a lowercase
/// letter or a digit, before the last capital of an acronym followed by lowercase
/// (`TLSFailure` -> "TLS Failure"), and at underscores.
pub(crate) fn words(ident: &str) -> String {
    let chars: Vec<char> = ident.trim_start_matches("r#").chars().collect();
    let mut out = String::with_capacity(ident.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c == '_' {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let boundary = c.is_uppercase()
            && prev.is_some_and(|p| {
                p.is_lowercase() || p.is_ascii_digit() || (p.is_uppercase() && next.is_some_and(char::is_lowercase))
            });
        if boundary && !out.ends_with(' ') {
            out.push(' ');
        }
        out.push(c);
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::words;

    #[test]
    fn identifiers_become_words() {
        assert_eq!(words("RoomGone"), "Room Gone");
        assert_eq!(words("Kicked"), "Kicked");
        assert_eq!(words("TLSFailure"), "TLS Failure");
        assert_eq!(words("Http2Error"), "Http2 Error");
        assert_eq!(words("Snake_Case_Name"), "Snake Case Name");
        assert_eq!(words("ABC"), "ABC");
        assert_eq!(words("r#Type"), "Type");
    }
}
