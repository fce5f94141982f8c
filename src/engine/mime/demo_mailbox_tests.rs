//! The bundled demo mailbox (assets/demo) read by Pochta's own MIME parser: every letter decodes
//! without replacement characters, and folders.toml files every letter into a listed folder.

use super::*;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

#[derive(Deserialize)]
struct Layout {
    folder: Vec<FolderEntry>,
    message: Vec<MessageEntry>,
}

#[derive(Deserialize)]
struct FolderEntry {
    name: String,
    role: Option<String>,
}

#[derive(Deserialize)]
struct MessageEntry {
    file: String,
    folder: String,
    flags: Vec<String>,
}

fn demo_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/demo")
}

/// File name → raw bytes, for every .eml in the demo folder.
fn demo_letters() -> BTreeMap<String, Vec<u8>> {
    let mut letters = BTreeMap::new();
    for entry in std::fs::read_dir(demo_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|ext| ext == "eml") {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            letters.insert(name, std::fs::read(&path).unwrap());
        }
    }
    letters
}

fn layout() -> Layout {
    toml::from_str(&std::fs::read_to_string(demo_dir().join("folders.toml")).unwrap()).unwrap()
}

#[test]
fn demo_mailbox_letters_decode_without_replacement_characters() {
    let letters = demo_letters();
    assert!(letters.len() >= 30, "{} letters", letters.len());
    // 2026-08-01 .. 2026-12-01 UTC: the demo's months.
    let months = 1_785_542_400..1_796_083_200;
    for (name, raw) in &letters {
        let bare_lf = raw.windows(2).filter(|w| w[1] == b'\n' && w[0] != b'\r').count();
        assert!(bare_lf == 0 && raw[0] != b'\n', "{name}: lines must end in CRLF");
        let parsed = parse(raw);
        let from = parsed.from.as_ref().unwrap_or_else(|| panic!("{name}: no From"));
        for (what, value) in [("subject", &parsed.subject), ("sender", &from.name), ("text", &parsed.text)] {
            assert!(!value.trim().is_empty() || what == "sender", "{name}: empty {what}");
            assert!(!value.contains('\u{FFFD}'), "{name}: {what} has U+FFFD: {value}");
        }
        assert!(parsed.message_id.is_some(), "{name}: no Message-ID");
        assert!(parsed.date.is_some_and(|date| months.contains(&date)), "{name}: date {:?}", parsed.date);
    }
}

#[test]
fn demo_mailbox_old_charsets_read_as_russian() {
    let letters = demo_letters();
    let read = |name: &str| parse(&letters[name]);
    let koi8 = read("02-advance-report-koi8r-8bit.eml");
    assert_eq!(koi8.subject, "Авансовые отчёты за октябрь - до 10 ноября");
    assert!(koi8.text.contains("авансовые отчёты за октябрь"), "{}", koi8.text);
    let cp1251_qp = read("15-order-shipped-cp1251-qp.eml");
    assert_eq!(cp1251_qp.subject, "Заказ №48213 передан в доставку");
    assert_eq!(cp1251_qp.from.unwrap().name, "Книжный дом");
    assert!(cp1251_qp.text.contains("«Мастер и Маргарита», М. Булгаков — 1 шт."), "{}", cp1251_qp.text);
    let cp1251_8bit = read("16-hot-water-cp1251-8bit.eml");
    assert!(cp1251_8bit.text.contains("будет отключена горячая вода"), "{}", cp1251_8bit.text);
    let koi8_qp = read("17-recipe-koi8r-qp.eml");
    assert_eq!(koi8_qp.subject, "Рецепт шарлотки");
    assert!(koi8_qp.text.contains("рецепт пирога с яблоками"), "{}", koi8_qp.text);
    assert_eq!(read("23-birthday-emoji-base64.eml").subject, "С днём рождения! 🎂");
}

#[test]
fn demo_mailbox_attachments_threads_and_remote_images() {
    let letters = demo_letters();
    let read = |name: &str| parse(&letters[name]);
    for (name, filename, content_type) in [
        ("19-invoice-pdf-cyrillic-rfc2231.eml", "Счёт №118 от 25.11.2026.pdf", "application/pdf"),
        ("20-dacha-photo-png.eml", "дача.png", "image/png"),
        ("21-notes-attached-txt.eml", "sync-notes-2026-10-20.txt", "text/plain"),
        ("26-presentation-sent-rfc2047-name.eml", "Презентация (черновик).pdf", "application/pdf"),
    ] {
        let parsed = read(name);
        assert!(parsed.has_attachments, "{name}");
        assert_eq!(
            (parsed.attachments[0].filename.as_str(), parsed.attachments[0].content_type.as_str()),
            (filename, content_type)
        );
    }
    let newsletter = read("18-newsletter-remote-images.eml");
    assert!(newsletter.html.unwrap().contains("<img src=\"https://cdn.osweekly.example/"));

    // Every reply points at a letter of the demo, and threads are 3 to 5 letters long.
    let parsed: Vec<ParsedMessage> = letters.values().map(|raw| parse(raw)).collect();
    let ids: BTreeSet<&str> = parsed.iter().filter_map(|p| p.message_id.as_deref()).collect();
    let mut thread_sizes: BTreeMap<&str, usize> = BTreeMap::new();
    for reply in parsed.iter().filter(|p| !p.references.is_empty()) {
        let root = reply.references[0].as_str();
        if ids.contains(root) {
            assert!(ids.contains(reply.in_reply_to.as_deref().unwrap()), "{}", reply.subject);
            *thread_sizes.entry(root).or_insert(1) += 1;
        }
    }
    assert_eq!(thread_sizes.len(), 3, "{thread_sizes:?}");
    assert!(thread_sizes.values().all(|size| (3..=5).contains(size)), "{thread_sizes:?}");
}

#[test]
fn demo_mailbox_folders_toml_files_every_letter_once() {
    let letters = demo_letters();
    let layout = layout();
    let folders: BTreeSet<&str> = layout.folder.iter().map(|f| f.name.as_str()).collect();
    assert!(folders.contains("INBOX") && folders.contains("Работа"), "{folders:?}");
    for folder in &layout.folder {
        if let Some(role) = &folder.role {
            assert!(crate::model::FolderRole::parse(role).is_some(), "{role}");
        }
    }
    let mut listed = BTreeSet::new();
    for message in &layout.message {
        assert!(letters.contains_key(&message.file), "{} is not in assets/demo", message.file);
        assert!(listed.insert(message.file.as_str()), "{} listed twice", message.file);
        assert!(folders.contains(message.folder.as_str()), "{}: unknown folder {}", message.file, message.folder);
        let flags = crate::model::Flags::from_names(message.flags.iter().map(String::as_str));
        assert!(flags.keywords.is_empty() && flags.names().len() == message.flags.len(), "{:?}", message.flags);
    }
    assert_eq!(listed.len(), letters.len(), "every .eml must be in folders.toml");
    let total: usize = letters.values().map(Vec::len).sum();
    assert!(total < 300 * 1024, "the demo is {total} bytes");
}
