//! Every server function, one file per resource. Each is a public HTTP endpoint: it checks the
//! caller itself, parses its arguments into domain values and calls a use-case.
//!
//! Arguments and answers travel as postcard (`application/x-postcard`), errors too: a compact
//! binary form of the same serde types, whose readers and writers take far less of the wasm
//! than JSON's (the README gives the figures). Sign-in alone takes a form (see
//! `session::sign_in`). The tests and the benchmark call the functions the same way.
pub mod account;
pub mod audit;
pub mod clients;
pub mod error;
pub mod import;
pub mod mail;
pub mod onboarding;
pub mod plan;
pub mod session;
pub mod team;

use leptos::{
    prelude::Resource,
    server::codee::{Decoder, Encoder},
};
use serde::{de::DeserializeOwned, Serialize};

/// How a resource's data travels inside the server-rendered HTML: postcard, the binary format
/// the server functions answer in, written as hex. The wasm then holds one compact reader per
/// type: JSON readers cost the Clients page about 2 KB of wasm for every type it loads, and
/// Leptos's own binary path (base64) another 1.3 KB gzip of decoder.
pub struct Binary;

impl<T: Serialize> Encoder<T> for Binary {
    type Error = postcard::Error;
    type Encoded = String;

    fn encode(value: &T) -> Result<String, postcard::Error> {
        postcard::to_allocvec(value).map(hex::encode)
    }
}

impl<T: DeserializeOwned> Decoder<T> for Binary {
    type Error = postcard::Error;
    type Encoded = str;

    fn decode(text: &str) -> Result<T, postcard::Error> {
        let bytes = hex::decode(text).map_err(|_| postcard::Error::DeserializeBadEncoding)?;
        postcard::from_bytes(&bytes)
    }
}

/// A resource of the pages: loaded by a server function, rendered on the server, its data
/// handed to the browser in the HTML with [`Binary`].
pub type Loaded<T> = Resource<T, Binary>;

/// A [`Loaded`] resource: `fetcher` runs whenever `source` changes (like `Resource::new`).
pub fn load<T, S, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> Loaded<T>
where
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    S: Send + Sync + Clone + PartialEq + 'static,
    Fut: std::future::Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resource_data_comes_back_from_the_page_as_it_went_in() {
        let value = (vec!["Ada \"Lovelace\"".to_string()], -7_i64, Some(true));
        let text = <Binary as Encoder<_>>::encode(&value).unwrap();
        assert!(text.bytes().all(|b| b.is_ascii_hexdigit()), "{text}");
        let back: (Vec<String>, i64, Option<bool>) = Binary::decode(&text).unwrap();
        assert_eq!(back, value);
        assert!(<Binary as Decoder<i64>>::decode("not hex").is_err());
    }
}
