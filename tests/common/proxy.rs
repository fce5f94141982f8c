//! A TCP proxy for fault tests: forwards to a real server, and on request cuts every connection
//! after some bytes from the server, or rewrites the server's bytes (to make replies unparsable).

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

#[derive(Debug, Clone, Default)]
pub struct Faults {
    /// Close both directions once this many bytes came from the server on a connection.
    pub cut_after: Option<usize>,
    /// Replace these byte strings in what the server sends.
    pub rewrite: Vec<(Vec<u8>, Vec<u8>)>,
}

pub struct Proxy {
    pub port: u16,
    faults: Arc<Mutex<Faults>>,
}

impl Proxy {
    pub fn start(upstream_port: u16) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let faults: Arc<Mutex<Faults>> = Arc::default();
        let shared = faults.clone();
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let Ok(server) = TcpStream::connect(("127.0.0.1", upstream_port)) else { continue };
                let faults = shared.lock().unwrap().clone();
                let (client_read, server_write) = (client.try_clone().unwrap(), server.try_clone().unwrap());
                std::thread::spawn(move || pump(client_read, server_write, None, Vec::new()));
                std::thread::spawn(move || pump(server, client, faults.cut_after, faults.rewrite));
            }
        });
        Proxy { port, faults }
    }

    pub fn set(&self, faults: Faults) {
        *self.faults.lock().unwrap() = faults;
    }
}

fn pump(mut from: TcpStream, mut to: TcpStream, cut_after: Option<usize>, rewrite: Vec<(Vec<u8>, Vec<u8>)>) {
    let mut buf = vec![0u8; 16 * 1024];
    let mut total = 0;
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let mut chunk = buf[..n].to_vec();
        for (find, replace) in &rewrite {
            chunk = replace_all(&chunk, find, replace);
        }
        if let Some(limit) = cut_after.filter(|limit| total + chunk.len() >= *limit) {
            let _ = to.write_all(&chunk[..limit.saturating_sub(total).min(chunk.len())]);
            break;
        }
        total += chunk.len();
        if to.write_all(&chunk).is_err() {
            break;
        }
    }
    let _ = to.shutdown(std::net::Shutdown::Both);
    let _ = from.shutdown(std::net::Shutdown::Both);
}

fn replace_all(data: &[u8], find: &[u8], replace: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        if data[i..].starts_with(find) {
            out.extend_from_slice(replace);
            i += find.len();
        } else {
            out.push(data[i]);
            i += 1;
        }
    }
    out
}
