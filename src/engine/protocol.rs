//! Wire clients only: TCP and TLS, IMAP, POP3, SMTP. No SQL and no policy: these modules say
//! what the server said, precisely, and the layers above decide what it means for the user.

pub mod deadline;
pub mod imap;
pub mod net;
pub mod pop3;
pub mod sasl;
pub mod smtp;
pub mod tls;
