use super::backoff;
use super::submit::size_limit;
use lettre::transport::smtp::response::{Category, Code, Detail, Response, Severity};

fn ehlo(lines: &[&str]) -> Response {
    let code = Code::new(Severity::PositiveCompletion, Category::MailSystem, Detail::Zero);
    Response::new(code, lines.iter().map(|l| l.to_string()).collect())
}

#[test]
fn size_limit_comes_from_the_ehlo_size_line() {
    assert_eq!(size_limit(&ehlo(&["mail.example.org", "PIPELINING", "SIZE 10485760", "8BITMIME"])), Some(10485760));
    assert_eq!(size_limit(&ehlo(&["mail.example.org", "size 0"])), None, "SIZE 0: no fixed limit (RFC 1870)");
    assert_eq!(size_limit(&ehlo(&["mail.example.org", "SIZE"])), None);
    assert_eq!(size_limit(&ehlo(&["mail.example.org", "SIZEX 5"])), None);
}

#[test]
fn backoff_doubles_up_to_an_hour() {
    assert_eq!(backoff(1), 60);
    assert_eq!(backoff(2), 120);
    assert_eq!(backoff(3), 240);
    assert_eq!(backoff(10), 3600);
    assert_eq!(backoff(u32::MAX), 3600);
}
