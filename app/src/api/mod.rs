//! Every server function, one file per resource. Each is a public HTTP endpoint: it checks the
//! caller itself, parses its arguments into domain values and calls a use-case.
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

/// How a resource's data travels inside the server-rendered HTML: JSON, read back from bytes
/// (`serde_json::from_slice`) as a server function's response is. Leptos's default codec reads
/// it from text (`from_str`), which compiled a second JSON reader for every type a page loads
/// into the wasm: `Client`, `CurrentUser` and the rest each came twice.
pub struct Json;

impl<T: Serialize> Encoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(value: &T) -> Result<String, serde_json::Error> {
        serde_json::to_string(value)
    }
}

impl<T: DeserializeOwned> Decoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(text: &str) -> Result<T, serde_json::Error> {
        serde_json::from_slice(text.as_bytes())
    }
}

/// A resource of the pages: loaded by a server function, rendered on the server, its data
/// handed to the browser in the HTML with [`Json`].
pub type Loaded<T> = Resource<T, Json>;

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
