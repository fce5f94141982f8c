//! Fetching a message's remote images once the user allowed it: HTTPS only, verified TLS (the
//! system roots plus an optional CA the user named), one GET per image with no cookies and no
//! Referer, each bounded in size and time, a few at a time. HTTP images are not fetched: their
//! address often carries a per-recipient token that anyone on the network path would read, and
//! their content could be swapped inside a letter the user trusts. The bytes are bounded here;
//! the pixels they decode to are bounded before decoding (`mime::images`, by the caller).

use super::discovery::https::{HttpsUrl, Response, parse_response, resolve_location};
use super::protocol::net::{connect_tcp, verified_tls_with_roots};
use futures::StreamExt;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// One image's whole exchange (connect, TLS, request, answer, redirects) must end within this.
const IMAGE_TIMEOUT: Duration = Duration::from_secs(15);
/// Images fetched at the same time.
const PARALLEL: usize = 4;
const MAX_REDIRECTS: usize = 3;
/// The answer's head on top of the body cap (1 MB, the HTTPS client's own limit).
const MAX_HEAD: usize = 64 * 1024;

/// Fetches each of `urls` (https only); the answers in the same order, each the image's bytes
/// or a sentence saying why not.
pub async fn fetch_images(urls: Vec<String>, extra_roots: Vec<Vec<u8>>) -> Vec<(String, Result<Vec<u8>, String>)> {
    futures::stream::iter(urls)
        .map(|url| {
            let roots = extra_roots.clone();
            async move {
                let result = tokio::time::timeout(IMAGE_TIMEOUT, fetch_one(&url, roots))
                    .await
                    .unwrap_or_else(|_| Err(format!("{url} did not answer in time")));
                (url, result)
            }
        })
        .buffered(PARALLEL)
        .collect()
        .await
}

async fn fetch_one(url: &str, roots: Vec<Vec<u8>>) -> Result<Vec<u8>, String> {
    if url.to_ascii_lowercase().starts_with("http://") {
        return Err(format!("{url} is not encrypted (http); Pochta loads remote images over https only"));
    }
    let mut current = HttpsUrl::parse(url)?;
    for _ in 0..=MAX_REDIRECTS {
        match get_once(&current, roots.clone()).await? {
            Response::Body(body) => return Ok(body),
            Response::Redirect(location) => current = resolve_location(&current, &location)?,
        }
    }
    Err(format!("{url} redirected more than {MAX_REDIRECTS} times"))
}

async fn get_once(url: &HttpsUrl, roots: Vec<Vec<u8>>) -> Result<Response, String> {
    let tcp = connect_tcp(&url.host, url.port).await.map_err(|failure| failure.to_string())?;
    let mut tls = verified_tls_with_roots(&url.host, tcp, roots)
        .await
        .map_err(|err| format!("no secure connection to {}: {err}", url.host))?;
    // No cookies, no Referer, a generic agent: the request says as little as it can.
    let request = format!(
        "GET {} HTTP/1.1\r\nHost: {}\r\nUser-Agent: Mozilla/5.0\r\nAccept: image/*\r\nConnection: close\r\n\r\n",
        url.target, url.host
    );
    tls.write_all(request.as_bytes()).await.map_err(|err| format!("{}: {err}", url.host))?;
    let mut raw = Vec::new();
    let limit = (MAX_HEAD + crate::engine::discovery::https::MAX_BODY + 1) as u64;
    let read = (&mut tls).take(limit).read_to_end(&mut raw).await;
    if let Err(err) = read
        && raw.is_empty()
    {
        return Err(format!("{}: {err}", url.host));
    }
    if raw.len() as u64 >= limit {
        return Err(format!("an image from {} is larger than 1 MB", url.host));
    }
    parse_response(&raw).map_err(|why| format!("{}: {why}", url.host))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn plain_http_and_odd_addresses_are_never_fetched() {
        let urls = vec![
            "http://tracker.example/pixel.gif".to_string(),
            "HTTP://TRACKER.EXAMPLE/x".to_string(),
            "https://user@evil.example/x.png".to_string(),
            "ftp://files.example/x.png".to_string(),
        ];
        let results = fetch_images(urls.clone(), Vec::new()).await;
        assert_eq!(results.iter().map(|(url, _)| url.clone()).collect::<Vec<_>>(), urls, "answers keep the order");
        assert!(results[0].1.as_ref().unwrap_err().contains("https only"), "{:?}", results[0]);
        assert!(results[1].1.as_ref().unwrap_err().contains("https only"), "{:?}", results[1]);
        assert!(results.iter().all(|(_, result)| result.is_err()));
    }
}
