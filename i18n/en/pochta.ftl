# Pochta, English. Every key here must also be in i18n/ru/pochta.ftl (tests check).
# Group keys by screen with a prefix: app-, sidebar-, list-, reader-, composer-, wizard-, accounts-,
# settings-, error-, cli-.

app-title = Pochta
app-title-demo = Pochta (demo)

# --- import, export, single instance ---
error-export-not-cached = The text of message { $id } is not on this computer yet; run `pochta sync` and try again.
cli-instance-no-answer = Pochta is already running on this profile but did not take the request ({ $error }). Close it, or try again.
reader-save-eml = Save as .eml
reader-save-eml-title = Save the message as an .eml file
accounts-import-mail = Import mail…
import-title = Import mail
import-explanation = Mailbox files (mbox, as Thunderbird keeps them), single messages (.eml) or a Maildir folder. The messages are copied; the files stay as they are. An account's folder gets them on the server at the next sync.
import-choose-files = Choose mbox or .eml files…
import-choose-maildir = Choose a Maildir folder…
import-choose-files-title = Mailbox files to import
import-choose-maildir-title = A Maildir folder to import
import-local-folders = Local Folders (on this computer)
import-default-folder = Imported
import-into = Into
import-folder = folder
import-start = Import
import-close = Close
import-running = Importing file { $file } of { $files }: { $count ->
    [one] { $count } message
   *[other] { $count } messages
} so far…
import-done = Imported { $count ->
    [one] { $count } message
   *[other] { $count } messages
} into { $folder }.
import-file-failed = { $file } was not imported: { $error }
import-skipped = { $file }: { $count ->
    [one] { $count } message could not be read
   *[other] { $count } messages could not be read
}:
import-skipped-more = …and { $count } more.
