//! Plain text as pages show it: the links inside an email body, so they can be followed.

/// Splits `text` into pieces, each marked `true` when it is an http(s) link.
pub fn links(text: &str) -> Vec<(String, bool)> {
    let mut pieces: Vec<(String, bool)> = Vec::new();
    let mut rest = text;
    while let Some(start) = ["https://", "http://"]
        .iter()
        .filter_map(|scheme| rest.find(scheme))
        .min()
    {
        if start > 0 {
            pieces.push((rest[..start].to_string(), false));
        }
        let tail = &rest[start..];
        let end = tail
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"'))
            .unwrap_or(tail.len());
        let link = tail[..end].trim_end_matches(['.', ',', ')', ';']);
        pieces.push((link.to_string(), true));
        rest = &tail[link.len()..];
    }
    if !rest.is_empty() {
        pieces.push((rest.to_string(), false));
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_found_and_the_text_around_them_is_kept() {
        let pieces = links("Open http://127.0.0.1:3000/register#code=AB12-CD34. Then sign in.");
        assert_eq!(
            pieces,
            vec![
                ("Open ".to_string(), false),
                (
                    "http://127.0.0.1:3000/register#code=AB12-CD34".to_string(),
                    true
                ),
                (". Then sign in.".to_string(), false),
            ]
        );
    }

    #[test]
    fn text_without_links_is_one_piece() {
        assert_eq!(links("no links"), vec![("no links".to_string(), false)]);
        assert!(links("").is_empty());
    }
}
