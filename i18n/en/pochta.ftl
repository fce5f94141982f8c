# Pochta, English. Every key here must also be in i18n/ru/pochta.ftl (tests check).
# Group keys by screen with a prefix: app-, sidebar-, list-, reader-, composer-, wizard-, accounts-,
# settings-, error-, cli-.

app-title = Pochta
app-title-demo = Pochta (demo)

# --- composer window, address completion, attachments, drafts, outbox ---
composer-window-new = New letter
composer-window-title = Write: { $subject }
composer-from = From
composer-to = To
composer-cc = Cc
composer-bcc = Bcc
composer-subject = Subject
compose-someone = someone
compose-reply-attribution = On { $date }, { $who } wrote:
compose-reply-attribution-undated = { $who } wrote:
compose-forward-header = -------- Forwarded message --------
compose-forward-from = From
compose-forward-date = Date
compose-forward-subject = Subject
compose-forward-to = To
compose-forward-cc = Cc
composer-send = Send
composer-save-draft = Save draft
composer-attach = Attach…
composer-attach-title = Attach files
composer-no-subject-ask = This letter has no subject. Send it without one?
composer-send-without-subject = Send without subject
composer-add-subject = Add a subject
composer-attachment-ask = The letter mentions an attachment (“{ $word }”), but nothing is attached.
composer-send-anyway = Send anyway
composer-cancel-send = Cancel
file-dialog-missing = This desktop has no file dialog. Install xdg-desktop-portal with xdg-desktop-portal-gtk (or -kde), or zenity; until then, drag files onto the letter's window to attach them.
composer-discard = Discard
composer-discard-ask = Discard this letter? What you wrote is not kept.
composer-discard-ask-autosaved = Discard this letter? The draft saved along the way is deleted too.
composer-discard-ask-saved = Discard the changes since the draft was saved? The saved draft stays in Drafts.
composer-keep-writing = Keep writing
composer-remove-attachment = Remove
composer-attachments-large = The attachments take { $size }: many providers refuse letters over 25 MB (Gmail, Mail.ru) or 30 MB (Yandex). Consider sending a link instead.
composer-attach-failed = Cannot attach { $file }: { $reason }
composer-attach-too-large = Cannot attach { $file }: it is { $size }, more than any mail provider accepts.
composer-draft-saved = Draft saved
composer-draft-not-kept = The draft could not be saved: { $reason }
composer-sending = Sending…
composer-sent = Sent
composer-queued = In the outbox, sent as soon as possible: { $reason }
composer-no-account = Add an account first.
composer-mailto-no-account = Add an account first; then the link opens in the composer.
composer-outbox-title = { $count ->
    [one] Outbox: { $count } letter
   *[other] Outbox: { $count } letters
}
composer-outbox-empty = Nothing is waiting to be sent.
composer-outbox-drafts = { $count ->
    [one] { $count } draft
   *[other] { $count } drafts
}
composer-outbox-no-subject = (no subject)
composer-outbox-recipients = From { $account } to { $to }
composer-outbox-state-queued = { $attempts ->
    [0] Waiting to be sent
    [one] Waiting; tried once
   *[other] Waiting; tried { $attempts } times
}
composer-outbox-state-sending = Being sent now
composer-outbox-state-failed = Refused by the server: fix it and retry, or edit it
composer-outbox-retry = Retry
composer-outbox-edit = Edit
composer-outbox-delete = Delete
composer-outbox-continue-draft = Continue
sidebar-outbox = { $count ->
    [0] Outbox
   *[other] Outbox ({ $count })
}


# --- folder actions under the folder tree ---
folders-new = New folder
folders-rename = Rename
folders-delete = Delete folder
folders-mark-read = Mark all read
folders-empty = Empty
folders-cancel = Cancel
folders-create = Create
folders-new-placeholder = Name (Parent/Name makes a subfolder)
folders-rename-hint = A path with “/” moves the folder under another one: Archive/2025.
folders-rename-confirm = Rename
folders-delete-confirm = Delete it
folders-empty-confirm = Empty it
folders-delete-consequence = Delete “{ $path }” with { $count ->
        [one] its { $count } message
       *[other] its { $count } messages
    }{ $folders ->
        [0] {""}
        [one] {" "}and the folder inside it
       *[other] {" "}and the { $folders } folders inside it
    }? They are deleted on the server too, and this cannot be undone.
folders-empty-trash-consequence = Delete { $count ->
        [one] the { $count } message
       *[other] all { $count } messages
    } in “{ $path }” for good, here and on the server?
folders-empty-junk-consequence = Move { $count ->
        [one] the { $count } message
       *[other] all { $count } messages
    } in “{ $path }” to Trash?
folders-created = Folder “{ $path }” created
folders-renamed = “{ $from }” is now “{ $to }”
folders-deleted = Folder “{ $path }” deleted
folders-marked-read = All mail in “{ $path }” marked read
folders-emptied = “{ $path }” emptied
# --- keyboard shortcuts window (F1) ---
keys-title = Keyboard shortcuts
keys-next-unread = Next unread message
keys-next = Next message
keys-previous = Previous message
keys-page = A page down or up
keys-first-last = First or last message
keys-extend = Add the next or previous message to the selection (Shift works with PgDn, PgUp, Home and End too)
keys-mark-read = Mark as read
keys-toggle-read = Mark as read or unread
keys-flag = Flag or unflag
keys-junk = Mark as junk
keys-not-junk = Mark as not junk (back to the Inbox)
keys-delete = Delete
keys-continue-draft = Continue the draft (in Drafts; a double click does the same)
keys-select-all = Select all
keys-write = Write a letter
keys-reply = Reply
keys-reply-all = Reply to all
keys-forward = Forward
keys-search = Search
keys-clear-search = Clear the search and go back to the folder
keys-get-mail = Get mail
keys-this-list = This list
keys-send = Send (in a letter)
keys-save-draft = Save the draft (in a letter)
keys-close-letter = Close the letter, its words kept as a draft (in a letter)
keys-next-field = Next or previous field (in a letter)
keys-undo-redo = Undo or redo typing (in a letter)
# --- reader ---
reader-empty = Select a message to read it.
reader-no-subject = (no subject)
reader-from = From: { $sender }
reader-to = To: { $recipients }
reader-cc = Cc: { $recipients }
reader-reply-to = Reply to: { $recipients }
reader-more-recipients = { $count ->
    [one] and { $count } more
   *[other] and { $count } more
}
reader-all-headers = All headers
reader-fewer-headers = Fewer headers
reader-actions = Actions
reader-fewer-actions = Hide actions
reader-forwarded = Forwarded message
reader-show-source = Show source
reader-show-message = Show message
reader-copy = Copy
reader-redecode = Re-decode as…
reader-loading = Loading the message from the server…
reader-load-failed = The message could not be loaded: { $reason }
reader-unnamed = (unnamed)
reader-attachment-save = Save
reader-attachment-open = Open
reader-save-title = Save attachment
reader-saved = Saved { $path }
reader-open-failed = Could not open it with the desktop's application: { $reason }
reader-link-refused = Pochta opens only web and mail links, not { $link }
reader-image = [image]
reader-remote-blocked = Remote content is blocked.
reader-remote-junk = Remote content is blocked: this letter is judged junk. Mark it "Not junk" to load it.
reader-remote-load-once = Load once
reader-remote-always = Always for { $sender }
reader-remote-failed = { $count ->
    [one] { $count } remote image could not be shown (only https is fetched, and no very large picture).
   *[other] { $count } remote images could not be shown (only https is fetched, and no very large picture).
}
reader-sender-known-as = You wrote to this address as “{ $name }”: this letter uses another name.
reader-remote-unverified = The sender could not be verified, so Pochta asks every time.
reader-image-refused = [{ $alt } — not shown: { $reason }]
reader-picture-too-large = the picture is too large to show ({ $width }x{ $height })
reader-picture-unreadable = the picture cannot be read ({ $reason })
reader-pictures-too-large-together = the letter's pictures are too large to show together
reader-link-misleads = The link says { $claimed }, but it leads to { $target }.
reader-link-open-anyway = Open { $target }
reader-cancel = Cancel
reader-attachment-misleading = really .{ $extension }
reader-save-into = Save “{ $name }” into:
reader-save-here = Save here
reader-body-cut = Only the beginning of this long letter is shown.
reader-body-show-more = Show more
reader-body-show-all = Show everything

# --- main window: list, sidebar, status ---
sidebar-all-inboxes = All inboxes
sidebar-saved-searches = Saved searches
list-choose-folder = Choose a folder on the left.
list-empty = No messages here.
list-no-subject = (no subject)
list-sort-date = Date
list-sort-sender = Sender
list-sort-subject = Subject
list-threads = Threads
list-sort-recipient = Recipient
list-size = Size
list-two-lines = Sender, subject and first words
list-to = To: {$recipients}
list-junk = Junk
list-not-junk = Not junk
list-why-junk = Why junk?
list-rule-from-letter = Make a rule from this letter…
list-move-to = Move to…
list-copy-to = Copy to…
list-search-server = Search on server
list-save-search = Save search
list-found = { $count ->
        [one] {$count} found
       *[other] {$count} found
    }
list-selected = { $count ->
    [one] { $count } selected
   *[other] { $count } selected
}
notice-dismiss = Dismiss
notice-saved = Saved { $path }
notice-moved = { $count ->
    [one] Moved { $count } message
   *[other] Moved { $count } messages
}
notice-copied = { $count ->
    [one] Copied { $count } message
   *[other] Copied { $count } messages
}
notice-marked-read = { $count ->
    [one] Marked { $count } message read
   *[other] Marked { $count } messages read
}
notice-marked-unread = { $count ->
    [one] Marked { $count } message unread
   *[other] Marked { $count } messages unread
}
notice-flagged = { $count ->
    [one] Flagged { $count } message
   *[other] Flagged { $count } messages
}
notice-unflagged = { $count ->
    [one] Removed the flag from { $count } message
   *[other] Removed the flag from { $count } messages
}
notice-deleted = { $count ->
    [one] Deleted { $count } message
   *[other] Deleted { $count } messages
}
notice-junked = { $count ->
    [one] Moved { $count } message to Junk
   *[other] Moved { $count } messages to Junk
}
notice-not-junk = { $count ->
    [one] Marked { $count } message as not junk
   *[other] Marked { $count } messages as not junk
}
notice-ruled = { $count ->
    [one] The rules changed { $count } message
   *[other] The rules changed { $count } messages
}
notice-undone = Undone
notice-undo-partly = { $count ->
    [one] { $count } change could not be undone: the server has already deleted the message
   *[other] { $count } changes could not be undone: the server has already deleted the messages
}
notice-undo-moved = Undo move
notice-undo-copied = Undo copy
notice-undo-deleted = Undo delete
notice-undo-junk = Undo "Junk"
notice-undo-not-junk = Undo "Not junk"
notice-undo-marked = Undo marking
notice-undo-flag = Undo flag
notice-undo-rules = Undo rules
notice-new-mail = { $account }: { $count ->
    [one] { $count } new message
   *[other] { $count } new messages
}
notice-desktop-new-mail-title = New mail
notice-desktop-new-mail-body = { $account }: { $count ->
    [one] { $count } new message
   *[other] { $count } new messages
}
notice-desktop-no-subject = (no subject)
notice-desktop-letter-line = {$sender}: {$subject}
notice-desktop-grouped-title = { $count ->
    [one] { $count } new message from {$senders}
   *[other] { $count } new messages from {$senders}
}
notice-desktop-more = and {$count} more
notice-online = { $account }: online
notice-offline = { $account }: offline ({ $reason })
notice-needs-attention = {$account}: waiting for you: {$reason}
attention-reenter-password = Enter the password
attention-sign-in-again = Sign in again
attention-review-certificate = Review the certificate
attention-open-provider = Open the provider's settings
attention-edit-settings = Check the settings
notice-syncing = { $account }: { $folder } { $done }/{ $total }
notice-outbox = { $count } in the outbox
notice-pending = { $count ->
    [one] { $count } change waiting for the server
   *[other] { $count } changes waiting for the server
}
notice-searching-server = Searching on the server…
notice-found-server = { $count ->
    [one] Found { $count } message on the server
   *[other] Found { $count } messages on the server
}
error-other-account = { $folder } belongs to another account: a message moves only within its account
error-search-server-folder = Open a folder to search on its server.

# --- i18n: engine errors (network, TLS, protocols) ---
error-net-unknown-host = the server name {$host} was not found: check its spelling and your internet connection
error-net-refused = {$host} refused the connection on port {$port}: the port or security setting is probably wrong
error-net-timed-out = {$host} did not answer on port {$port} in time: check the port, a firewall, or your connection
error-net-unreachable = cannot reach {$host}:{$port} ({$detail}): are you online?
error-net-closed = the server closed the connection: {$detail}
error-net-handshake-interrupted = the connection to {$host} broke while the secure connection was being set up ({$detail}). This is a network problem, not a certificate problem: try again later
error-net-expects-tls = port {$port} expects SSL/TLS from the start, not STARTTLS or no security: choose SSL/TLS for this port
error-tls-untrusted = the server's certificate is not trusted: "{$subject}" issued by "{$issuer}", valid {$from} to {$until}, SHA-256 {$fingerprint}. Accept it only if your provider or administrator confirms this fingerprint.
error-tls-expired = the server's certificate expired on {$until} (SHA-256 {$fingerprint}). If that date has not passed yet, check this computer's date and time.
error-tls-not-yet-valid = the server's certificate is valid only from {$from}: this computer's clock is probably wrong; set the correct date and time (SHA-256 {$fingerprint}).
error-tls-host-mismatch = the server's certificate is for {$names} and not for {$host}: check the server name (SHA-256 {$fingerprint}).
error-tls-pin-mismatch = the server's certificate has changed since you accepted it (was {$pinned}, now {$fingerprint} issued by "{$issuer}"). Do not continue unless your provider confirms the new certificate.
error-tls-handshake = the secure connection could not be set up: {$detail}
error-tls-plaintext-answer = the server answered without encryption, so this port does not expect SSL/TLS: choose STARTTLS for it, or the SSL/TLS port (usually 993 for IMAP, 465 for sending, 995 for POP3)
error-tls-bad-ca-file = the extra CA file cannot be used: {$detail}
error-tls-ca-file-empty = {$path}: no certificate in the file
error-imap-starttls-not-offered = the server does not offer STARTTLS, so the connection cannot be encrypted; the password was not sent. Choose SSL/TLS (usually port 993) instead
error-imap-starttls-refused = the server refused STARTTLS: {$reply}
error-imap-greeting = the server refused the connection: {$reply}
error-imap-login-rejected = the server refused the login: {$reply}
error-imap-login-disabled = this server requires an encrypted connection before the password: choose SSL/TLS (usually port 993) or STARTTLS (port 143). The password was not sent
error-imap-no-password-method = it takes a password neither by LOGIN (disabled) nor by AUTHENTICATE PLAIN; the password was not sent
error-imap-protocol = the IMAP server sent something unexpected: {$detail}
error-imap-unreadable-reply = the IMAP server sent a reply Pochta cannot read: "{$reply}"
error-imap-timeout = the IMAP server did not answer in time ({$during})
error-smtp-starttls-not-offered = the outgoing server does not offer STARTTLS, so the connection cannot be encrypted; the password was not sent. Choose SSL/TLS (usually port 465) instead
error-smtp-starttls-refused = the outgoing server refused STARTTLS: {$reply}
error-smtp-greeting = the outgoing server refused the connection: {$reply}
error-smtp-login-rejected = the outgoing server refused the login: {$reply}
error-smtp-no-auth-mechanism = the outgoing server offers no password login Pochta can use (it offers: {$offered})
error-smtp-rejected = the outgoing server refused: {$reply}
error-smtp-protocol = the outgoing server sent something unexpected: {$detail}
error-smtp-no-reply = the connection closed before the server finished its reply
error-smtp-timeout = the outgoing server did not answer in time ({$during})
error-pop3-stls-not-offered = the POP3 server does not offer STLS, so the connection cannot be encrypted; the password was not sent. Choose SSL/TLS (usually port 995) instead
error-pop3-io = the connection to the POP3 server failed during {$during}: {$detail}
error-pop3-timeout = the POP3 server did not answer in time ({$during})
error-pop3-refused = the POP3 server refused {$command}: {$reply}
error-pop3-line-too-long = the POP3 server sent a line longer than {$limit} bytes during {$during}
error-pop3-reply-too-large = the POP3 server sent more than {$limit} bytes in one reply during {$during}
error-pop3-protocol = the POP3 server sent something unexpected: {$detail}
error-pop3-stls-injection = the POP3 server (or something between us) sent data right after agreeing to STLS, before encryption started; the connection was abandoned to keep it safe
error-pop3-invalid-input = cannot send this to the POP3 server: {$detail}
error-pop3-session-broke = the POP3 session broke ({$detail}); every message downloaded so far is stored and nothing else was deleted on the server, so the next sync continues where this one stopped
error-imap-session-broke = the IMAP session broke ({$detail}); nothing was lost, the next sync continues
error-imap-stalled = the IMAP server stopped answering, or answers too slowly to finish: Pochta waited {$seconds} seconds and gave up. Nothing was lost; the next sync continues
error-secret-no-keyring = no keyring (Secret Service) is reachable{$detail}: start your desktop's keyring (GNOME Keyring, KWallet) or use --password-command, e.g. --password-command 'pass show mail/{$email}'
error-secret-no-dbus = no D-Bus session: Pochta was not started from a desktop session
error-secret-not-in-keyring = the keyring has no password for {$email}: add the account again or set a password command
error-secret-keyring-locked = the keyring refused access ({$detail}): unlock it and try again
error-secret-command-failed = the password command failed: {$detail}
error-secret-empty = the password is empty
error-store-database = database error: {$detail}
error-store-migration = cannot upgrade the database schema: {$detail}
error-store-create = cannot create {$path}: {$detail}
error-import-read = cannot read {$path}: {$detail}
error-import-not-mbox = {$path} is not an mbox file: it does not begin with a "From " line
error-import-not-maildir = {$path} is not a Maildir folder: it has neither cur/ nor new/
error-import-too-large = message {$index} in {$path} is larger than {$limit} bytes and was not imported
error-config-read = cannot read {$path}: {$detail}
error-config-parse = {$path} is not valid: {$detail}
error-config-write = cannot write {$path}: {$detail}
error-layout-failed = the message could not be laid out: {$err}
error-no-sender-to-remember = this message has no sender address to remember
error-not-a-save-place = {$path} is not a place to save to
error-not-in-a-folder = {$path} is not in a folder
error-cannot-prepare = cannot prepare {$path}: {$err}
error-draft-not-downloaded = the draft {$id} is not downloaded yet; sync first
error-compose-no-recipients = the letter has no recipients: add at least one To, Cc or Bcc
error-not-an-address = "{$address}" is not an email address (it should look like name@example.org)
error-compose-build = the letter could not be put together: {$detail}
error-server-said = (server said: {$reply})
error-web-login-required = The provider wants you to sign in through its website first (a security check): sign in there once from this computer, then try again.
error-wrong-password = Wrong login or password for "{$login}".
error-wrong-password-app-hint = {$provider} expects an app password for mail programs, not your usual password: {$how}
error-app-password-how = create one in your mail provider's security settings
error-app-password-required = This mailbox needs an app password for mail programs instead of your usual password: {$how}
error-access-disabled-how = switch it on in your mailbox's web settings (mail programs / IMAP / POP3)
error-access-disabled = Access by {$protocol} is switched off for this mailbox: {$how}
error-oauth-required = {$provider} accepts only its own sign-in (OAuth2) for this account: sign in with {$provider} (the accounts screen, or `pochta account add --oauth`); where this build cannot, use an app password if the provider offers one, or forward the mail to another mailbox.
error-oauth-required-unknown = This provider accepts only its own sign-in (OAuth2) for this account, and Pochta knows no sign-in page for it; use an app password if the provider offers one, or forward the mail to another mailbox.
error-oauth-sign-in-again = The provider no longer accepts Pochta's sign-in for {$email}{$detail}: sign in again.
error-oauth-token-endpoint = The provider's sign-in server could not be reached: {$detail}. Pochta will try again.
error-oauth-code-refused = The provider refused to finish the sign-in ({$detail}): sign in again.
error-oauth-no-refresh-token = The provider signed you in but gave Pochta no permission to stay signed in (no refresh token): sign in again and allow offline access.
error-oauth-browser-timeout = The browser did not come back to Pochta in time: nothing was saved. Start the sign-in again and finish it in the browser.
error-oauth-state-mismatch = The answer that came back from the browser does not belong to this sign-in (the state does not match): it was refused and nothing was saved.
error-oauth-denied = The provider did not allow the sign-in ({$error}): nothing was saved.
error-oauth-listener = Pochta could not wait for the browser's answer: {$detail}
error-oauth-invalid-token = The mail server did not accept the sign-in token ({$status}): Pochta gets a new one; if this goes on, sign in again.
error-oauth-insufficient-scope = The sign-in does not allow access to mail ({$status}, needs {$scope}): sign in again and allow mail access.
error-oauth-invalid-request = The mail server did not understand the sign-in ({$status}): this is a bug in Pochta or the server; please report it.
error-oauth-no-mechanism = The server does not offer signing in with a token ({$mechanism}); it lists: {$offered}
error-oauth-not-configured = {$email} is not set up to sign in with its provider.
error-oauth-not-offered = {$provider} does not let mail programs sign in through its own page; use a password or an app password.
error-oauth-not-in-build = Signing in with {$provider} is not available in this build of Pochta (it was built without a client id for {$provider}; one can be set in settings.toml). Use an app password instead. {$how}
error-oauth-not-in-build-no-alternative = Signing in with {$provider} is not available in this build of Pochta (it was built without a client id for {$provider}; one can be set in settings.toml), and {$provider} accepts no password from mail programs.
oauth-page-done = You are signed in. You can close this tab and go back to Pochta.
error-pop3-stls-not-offered-explained = The server does not offer STLS (STARTTLS for POP3), so the connection cannot be encrypted; the password was not sent. Choose SSL/TLS (usually port 995) instead.
error-send-too-large-for-server = The letter is too large for the outgoing server: it is {$size}, the server accepts at most {$limit}. Remove or shrink attachments, or share large files by link.
error-send-login = The outgoing server did not accept the login. {$explained}
error-send-sender-not-owned = The outgoing server does not let the login "{$login}" send as {$from}: the From address must be the login's own address ({$address}) or an alias the provider allows for it.
error-send-relay-denied = The outgoing server refuses to pass the letter on (relay access denied): it does not consider this login allowed to send there. Check the outgoing server and that it asks for the login.
error-send-relay-denied-to = The outgoing server refuses to pass the letter on to {$recipient} (relay access denied): it does not consider this login allowed to send there. Check the outgoing server and that it asks for the login.
error-send-recipient-unknown = The recipient {$recipient} does not exist: check the address.
error-send-a-recipient-unknown = A recipient does not exist: check the addresses.
error-send-mailbox-full = The mailbox of {$recipient} is full; it may take letters again later.
error-send-a-mailbox-full = The mailbox of a recipient is full; it may take letters again later.
error-send-too-large = The letter is too large for the server: remove or shrink attachments.
error-send-rate-limited = The provider is limiting sending from this account for now (too many letters, or they looked like mass mail): Pochta tries again later by itself.
error-send-server-busy = The outgoing server is busy; Pochta tries again shortly.
error-send-connection-broke = The connection broke while sending: {$detail}.
error-send-outcome-unknown = The letter was handed to the outgoing server, but the connection broke before the server confirmed it ({$detail}). It may have been delivered: Pochta sends it again after a pause, with the same Message-ID, so at worst the recipients see it twice and their mail program can tell it is the same letter.
error-send-connection-broke-to = The connection broke while sending to {$recipient}: {$detail}.
error-send-refused = The outgoing server refused the letter.
error-send-refused-to = The outgoing server refused the letter to {$recipient}.
format-bytes = {$size} B
format-kilobytes = {$size} KB
format-megabytes = {$size} MB
wizard-source-preset = built-in settings ({$id})
wizard-source-preset-named = Pochta's built-in settings for {$provider}
wizard-source-mx = built-in settings ({$preset}), recognised by the mail server {$host}
wizard-source-mx-named = Pochta's built-in settings for {$provider}, recognised by its mail server {$host}
wizard-source-autoconfig = the provider's settings file {$url}
wizard-source-probe = servers that answered on the usual names and ports
wizard-source-not-found = nothing found, enter the servers by hand
wizard-server-incoming = incoming mail ({$protocol})
wizard-server-outgoing = outgoing mail (SMTP)
wizard-stage-connect = connect
wizard-stage-login = log in
wizard-stage-capabilities = capabilities
wizard-stage-mailbox = mailbox
error-demo-incomplete = the demo mailbox is incomplete ({$name}: {$err})
error-demo-index = the demo mailbox index cannot be read: {$err}
error-message-folder-gone = the folder of message {$id} is gone; sync first
error-no-message = there is no message {$id} in the local cache
error-no-folder = there is no folder {$path}; see `pochta folders`
error-no-folder-id = there is no folder {$folder}; see `pochta folders`
error-no-junk-folder = {$email} has no Junk folder
error-search-server-local = {$email} keeps its mail on this computer: the local search has it all
error-send-local = letters cannot be sent from {$email}: its mail is kept on this computer only, with no server to send through. To send mail, add your account (⋮ → Add account)
error-search-index = the search index cannot be brought up to date: {$err}
error-folder-exists = the folder {$path} exists already
error-folder-holds-no-mail = {$path} only groups other folders on the server and cannot hold messages; choose one of the folders inside it
error-no-folder-short = no folder {$from}
error-inbox-rename = INBOX cannot be renamed
error-inbox-delete = INBOX cannot be deleted
error-bad-folder-name = "{$path}" is not a folder name (no empty parts, no * or %)
error-no-attachment = message {$id} has no attachment number {$part_index}
error-attachment-unreadable = attachment {$part_index} of message {$id} cannot be read
error-no-account = there is no account {$email}; see `pochta account list`
error-letter-sending = letter {$id} is being sent right now
error-no-outbox-letter = there is no letter {$id} in the outbox; see `pochta outbox`
error-account-gone = the account no longer exists
error-letter-sending-or-sent = letter {$id} is being sent right now (or was just sent); look again in a moment
error-no-draft = there is no draft {$id}
error-letter-account-gone = the letter's account no longer exists
error-profile-folders = cannot create the profile folders: {$err}
error-engine-start = cannot start the engine: {$err}
error-engine-stopped = the engine has stopped
error-engine-task = engine task failed: {$err}
error-login-empty = the login name is empty
error-local-database = local mail database: {$err}
error-demo-folder-missing = the demo folder {$folder} is not listed
error-no-folder-in-account = {$email} has no folder {$folder}; see `pochta folders`
error-message-waiting-for-server = message {$id} is waiting for an earlier change to reach the server; sync first
error-cannot-save-into = cannot save into {$folder}: {$detail}
error-no-free-file-name = no free file name for {$name} in {$folder}
error-original-not-downloaded = the letter {$id} is not downloaded yet; sync first to answer or forward it
error-incoming-host-invalid = the incoming server name "{$host}" is not valid
error-outgoing-host-invalid = the outgoing server name "{$host}" is not valid
error-incoming-port-invalid = the incoming server port must be between 1 and 65535
error-outgoing-port-invalid = the outgoing server port must be between 1 and 65535
error-account-exists = the account {$email} exists already

error-pop3-not-sent = the server would not send {$text}
error-pop3-shared-id = the server gives several messages the same id "{$id}", so they cannot be told apart: they stay on the server untouched; the rest of the mail was downloaded
error-pop3-not-deleted = the server would not delete message {$msg}: {$err}
error-pop3-delete-unfinished = the server did not finish deleting downloaded messages: {$err}
error-imap-change-refused = the server refused {$operation}: {$text}
error-imap-rule-change-refused = the server refused a rule's change ({$operation}): {$text}
operation-create-folder = creating the folder {$path}
operation-rename-folder = renaming the folder {$from} to {$to}
operation-delete-folder = deleting the folder {$path}
operation-move = moving message {$uid} from {$from} to {$to}
operation-copy = copying message {$uid} from {$from} to {$to}
operation-flags = changing the flags of message {$uid} in {$folder}
operation-expunge = deleting message {$uid} in {$folder}
operation-append = storing a message in {$folder}
error-rule-bad-folder = a rule moves mail to "{$path}", which is not a folder of this account
error-rule-nothing-to-find = rule {$number}: say what to look for
error-rule-bad-header = rule {$number}: give the header's name, such as List-Id (letters, digits and dashes, no colon)
error-rule-no-action = rule {$number}: choose what to do (move, copy, mark read, flag, tag, delete or stop)
error-rule-no-condition = rule {$number}: add a condition (what the letter must have)
error-rule-pattern-too-long = rule {$number}: a "matches" pattern can be at most {$max} characters long
error-rule-bad-tag = rule {$number}: "{$tag}" cannot be a tag (no spaces, no ( ) {"{"} % * " \ ] and not starting with \)
error-rule-move-and-delete = rule {$number}: a rule either moves a letter or deletes it; choose one
error-local-folder-exists = the folder {$to} exists already
error-store-no-account = no account {$email} in the local cache

# --- i18n: command line ---
cli-preset-domains = Domains
cli-preset-hosted = Hosted domains
cli-preset-hosted-under = whose MX is under {$suffixes}
cli-preset-login = Login
cli-preset-sign-in = Sign-in
cli-preset-sent = Sent mail
cli-preset-sent-by-server = the server files sent letters in Sent itself
cli-preset-sent-by-program = the program puts a copy in Sent
cli-preset-enable-access = Enable access
cli-preset-app-password = App password
cli-preset-pop3-delete = POP3 delete
cli-preset-notes = Notes
cli-preset-last-verified = Last verified
cli-preset-server = Server
cli-preset-host = Host
cli-preset-port = Port
cli-preset-security = Security
cli-preset-alternative = alternative
cli-preset-not-offered = not offered
cli-preset-login-full-address = the full address ({$login})
cli-preset-login-local-part = the part before @ ({$login})
cli-preset-auth-password = your usual password
cli-preset-auth-app-password = an app password only (your usual password is refused)
cli-preset-auth-oauth2 = only the provider's own sign-in (OAuth2); passwords are refused
cli-preset-auth-app-password-or-oauth2 = an app password (your usual password is refused) or OAuth2
cli-preset-dele-deletes = deletes the message on the server
cli-preset-dele-keeps-copy = the server keeps its copy
cli-preset-dele-per-web-settings = depends on a setting in the web interface
cli-presets-provider = provider
cli-presets-domains = domains
cli-presets-more = `pochta presets DOMAIN` shows one provider in full.
cli-presets-more-domains = +{$count} more
cli-presets-none = no preset for {$query}; the wizard can look the settings up, or give the servers with `pochta account add`
wizard-oauth2-only = {$provider} lets mail programs in only through its own sign-in page (OAuth2), which this build of Pochta cannot do, and it refuses passwords, app passwords included. Read this mailbox in the browser, or set {$provider} to forward your mail to a mailbox Pochta can connect to.
wizard-note-no-mx = {$domain} has no mail servers (MX) in DNS
wizard-note-mx-failed = the mail servers of {$domain} could not be looked up: {$why}
wizard-note-no-autoconfig = no settings file at {$url}: {$why}
wizard-note-enable-at = the provider says mail programs are switched on at {$enable}
wizard-note-mx-unknown = the mail servers of {$domain} ({$hosts}) belong to no known provider
wizard-note-names-missing = these server names do not exist: {$hosts}
wizard-dns-no-such-domain = the domain {$domain} does not exist
wizard-dns-server-error = the DNS server answered with error code {$code}
wizard-dns-malformed = the DNS answer could not be read ({$what})
wizard-dns-network = the DNS server could not be asked: {$detail}
wizard-dns-timed-out = the DNS server did not answer in time
wizard-dns-bad-name = “{$name}” is not a domain name DNS can look up
cli-password-stdin-unreadable = cannot read the password from standard input: {$err}
cli-password-stdin-empty = the password on standard input is empty
cli-no-preset = there is no preset "{$id}"; `pochta presets` lists them
cli-give-preset-or = give --preset, or --{$what} (see `pochta account add --help`)
cli-not-host-port = "{$host_port}" is not HOST:PORT (for example imap.example.org:993)
cli-not-security = "{$security}" is not a security setting (ssl, starttls or none)
cli-no-accounts-yet = no accounts yet: add one with `pochta account add --email ADDR --preset ID --password-stdin`
cli-not-fingerprint = "{$text}" is not a SHA-256 fingerprint (64 hex digits)
cli-fingerprint-not-presented = no server of this account presented a certificate with that fingerprint
cli-junk-learned = the junk filter learned { $junk } junk and { $good } good letters
cli-junk-known-correspondent = not junk: you have written to this sender
cli-junk-verdict-junk = junk (score { $score }; 0.90 and above is junk); the tokens that weigh most:
cli-junk-verdict-good = not junk (score { $score }; 0.90 and above is junk); the tokens that weigh most:
junk-why-junk = Judged junk (score { $score }; 0.90 and above is junk). What weighs most: { $clues }
junk-why-good = Not junk (score { $score }; 0.90 and above is junk). What weighs most: { $clues }
junk-why-known = Not junk: you have written to this sender.
cli-no-accounts-to-sync = there are no accounts to sync; add one with `pochta account add`
cli-no-accounts = there are no accounts
cli-body-not-cached = the body of message {$id} is not cached yet; run `pochta sync`
cli-flag-sign = "{$text}" should start with + or - (e.g. +seen)
cli-flag-unknown = unknown flag "{$name}": use seen, flagged or answered
cli-no-accounts-add = there are no accounts; add one with `pochta account add`
cli-body-stdin-unreadable = cannot read the letter's text from standard input: {$err}
cli-account-removed = removed {$email} and its local copy of the mail
cli-password-source-missing = say where the password comes from: --password-stdin (stored in the keyring) or --password-command CMD
cli-oauth-open = Open this address in a browser and sign in; Pochta waits for the answer:
cli-oauth-no-provider = Pochta does not know how {$email}'s provider signs in: give --preset, or --oauth-authorize-url, --oauth-token-url and --oauth-client-id.
cli-account-added = added {$email} ({$protocol} {$incoming}, SMTP {$smtp}); check it with: pochta account test {$email}
cli-preset-no-protocol = {$provider} offers no {$protocol} access
cli-preset-no-smtp = {$provider} has no SMTP server
cli-pop3-keeps-copy-days = POP3: keeps a copy on the server for {$days} days after download
cli-pop3-keeps-copy = POP3: keeps a copy on the server
cli-pop3-deletes = POP3: downloads and then deletes on the server
cli-pop3-delete-here-deletes-there = ; deleting a message here deletes it there too
cli-pop3-dele-deletes = a deleted message is gone from the server
cli-pop3-dele-keeps-copy = the server keeps its copy whatever Pochta deletes
cli-pop3-dele-per-web-settings = what a delete does depends on a setting in the web interface
cli-pop3-at-provider = At {$provider}: {$what}.
cli-certificate-accepted = accepted the certificate of {$endpoint} ({$fingerprint})
cli-test-server = {$server} server {$endpoint}
cli-test-ok = ok    {$stage}
cli-test-fail = FAIL  {$stage}
cli-sync-headers = {$path}: headers {$done}/{$total}
cli-sync-bodies = {$path}: bodies {$done}/{$total}
cli-sync-summary = {$folders} folders, {$new} new, {$bodies} bodies, {$bytes} bytes in {$seconds} s
cli-sync-refused = the server refused { $count ->
        [one] {$count} change
       *[other] {$count} changes
    }; they were undone here (see above)
cli-outbox-not-sent = outbox letter {$id} not sent: {$reason}
cli-folders-unread = {$count} unread
cli-show-attachment = Attachment: {$name} ({$kind}, {$size})
cli-show-body-not-cached = (the body is not cached yet; run `pochta sync`)
cli-imported = imported { $count ->
        [one] {$count} message
       *[other] {$count} messages
    } into {$folder}
cli-import-skipped = skipped: {$detail}
cli-attachment-too-large = {$path} is {$size}: mail servers do not take files that large; share it by link instead
cli-sent = sent <{$message_id}>
cli-queued = queued <{$message_id}> as letter {$id}
cli-not-sent-yet = Not sent yet: {$reason} It stays in the outbox and is tried again at {$at} (or now: `pochta outbox flush`).
cli-send-held = {$reason} The letter stays in the outbox as letter {$id}: `pochta outbox retry {$id}` after fixing it, `pochta outbox edit {$id}` to change it, or `pochta outbox cancel {$id}`.
cli-letter-problem = letter {$id}: {$reason}
cli-outbox-flushed = {$sent} sent, {$waiting} still waiting
cli-draft = draft {$id}
cli-discover-looking = looking up the settings for {$address}...
cli-discover-not-found = not found
cli-discover-login = login {$login}
cli-discover-smtp-login = SMTP login {$login}
cli-discover-untrusted = certificate of {$endpoint} is not trusted: "{$subject}" issued by "{$issuer}", SHA-256 {$fingerprint}
cli-discover-tried = Tried:
reader-date = Date
reader-subject = Subject
error-demo-profile = cannot create a temporary profile for the demo: {$detail}
error-demo-not-loaded = the demo mailbox could not be loaded: {$detail}
error-mailto-unusable = {$uri} cannot be opened: {$detail}
error-window = the window could not be opened: {$detail}
error-mailto-not-mailto = not a mailto: link
error-mailto-too-long = the mailto: link is longer than {$limit} characters
format-security-none = none

# --- i18n: account wizard ---
wizard-editing = Editing {$email}: an empty password keeps the saved one
wizard-enter-address = Enter your whole email address, like ivan@example.org.
wizard-looking = Looking for the settings…
wizard-testing = Testing the connection…
wizard-lookup-failed = The settings could not be looked up ({$detail}). Fill them in below.
wizard-found = Settings: {$source}
wizard-login-hint = Login: {$login}
wizard-saving = Saving the account…
wizard-enter-password = Enter the password (or the provider's app password).
wizard-title-edit = Edit the account
wizard-title-add = Add an account
wizard-your-name = Your name
wizard-name-placeholder = Ivan Petrov
wizard-email = Email
wizard-email-placeholder = ivan@example.org
wizard-password = Password
wizard-find-settings = Find settings
wizard-cancel = Cancel
wizard-imap-choice = IMAP (recommended): the same mail on every device; folders live on the server
wizard-pop3-choice = POP3: mail is downloaded to this computer and removed from the server, unless you keep a copy
wizard-leave-copy = Leave a copy of each message on the server
wizard-delete-after = Delete after
wizard-delete-after-placeholder = days (empty: keep the copy)
wizard-use-smtp = Use SMTP {$server} instead
wizard-use-starttls = Use STARTTLS on this port and test again
wizard-login = Login
wizard-test-and-save = Test and save
wizard-sign-in-with = Sign in with {$provider}
wizard-use-app-password = Use an app password instead
wizard-sign-in-instead = Sign in with {$provider} instead
wizard-sign-in-explained = Your browser opens {$provider}'s own page; Pochta never sees your password. The servers below are used with the sign-in.
wizard-sign-in-unavailable = Signing in on {$provider}'s own page is not available in this build of Pochta: use an app password, as described below.
wizard-sign-in-open-by-hand = If no browser opened, open this address in one:
wizard-sign-in-starting = Starting the sign-in…
wizard-sign-in-waiting = Waiting for the sign-in in the browser…
wizard-step-ok = ok: {$endpoint} {$stage}: {$detail}
wizard-step-ok-short = ok: {$endpoint} {$stage}
wizard-details = Details
wizard-hide-details = Hide details
wizard-link-failed = Could not open {$url} in the browser ({$reason}). Copy the address into the browser by hand.
wizard-step-failed = {$server}, {$endpoint}
wizard-test-failed = The account was not saved: the test failed.
wizard-test-failed-next = Correct the settings (your provider or administrator knows the right ones), then press “Test and save” again.
wizard-test-error = The account was not saved: {$problem}
wizard-save-failed = The test passed, but the account was not saved: {$problem}
wizard-certificate-untrusted = {$host} presented a certificate this computer does not trust.
wizard-certificate-subject = Subject: {$subject}
wizard-certificate-issuer = Issuer: {$issuer}
wizard-certificate-validity = Valid from {$from} to {$until}
wizard-certificate-dates = The dates do not fit today's date: check this computer's clock first.
wizard-certificate-compare = Compare the fingerprint with the one your provider or administrator gives, then:
wizard-certificate-trust = Trust this certificate
wizard-enter-host = Enter the {$server} server's host name.
wizard-port-invalid = The {$server} port should be a number from 1 to 65535.
wizard-port-digits-only = The port is a number: letters and other characters are left out.
wizard-host-placeholder = host
wizard-logged-in = logged in as {$login}
wizard-logged-in-oauth = signed in as {$login} with a token from the provider ({$mechanism})
wizard-connected = connected to {$endpoint}; certificate "{$subject}" issued by "{$issuer}", valid until {$until}, SHA-256 {$fingerprint}
wizard-connected-plain = connected to {$endpoint} without encryption
wizard-folder-count = { $count ->
        [one] {$count} folder
       *[other] {$count} folders
    }
wizard-maildrop = { $count ->
        [one] {$count} message
       *[other] {$count} messages
    }, {$size} on the server

# --- i18n: dates and sizes ---
format-today = today {$time}
format-yesterday = yesterday

# --- i18n: settings ---
settings-title = Settings
settings-open = Settings
settings-language = Language
settings-language-system = System language
settings-theme = Theme
settings-theme-system = As in the system
settings-theme-light = Light
settings-theme-dark = Dark
settings-poll = Check other folders every
settings-poll-unit = minutes
settings-poll-note = INBOX gets new mail at once (IDLE); the interval applies to other folders and to servers without IDLE, from the next start.
settings-reply-above-quote = Write replies above the quoted letter (top-posting); otherwise below it
settings-notification-content = Show the sender and the subject in new-mail notifications
settings-poll-invalid = The interval should be a whole number of minutes from 1 to {$max}
settings-save = Save
settings-cancel = Cancel
settings-saved = Settings saved

# --- i18n: main window, folders, list, reader, composer, accounts screen ---
app-get-mail = Get mail
app-add-account = Add account
app-accounts = Accounts
app-write = Write
app-reply = Reply
app-reply-all = Reply all
app-forward = Forward
app-read-unread = Read/Unread
app-flag = Flag
app-delete = Delete
app-more = More
app-open = Open
app-mark-read = Mark as read
app-mark-unread = Mark as unread
app-unflag = Remove flag
app-search = Search mail (Ctrl+K)
app-search-help = Search: words, from: to: subject: body: folder: has:attachment is:unread is:flagged after:2026-11 before:11/2026 "phrase"
notice-search-found = { $count ->
    [one] { $count } message found
   *[other] { $count } messages found
}
notice-search-found-more = More than { $count } messages found; the newest { $count } are shown
status-search-rebuild = Rebuilding the search index: { $percent }% (search answers meanwhile)
notice-saved-to = Saved {$path}
notice-account-removed = Removed {$email}
notice-saving-attachment = Saving the attachment…
notice-checking = Checking for new mail…
notice-in-outbox = {$count} in the outbox
notice-pending-changes = { $count ->
        [one] {$count} change waiting for the server
       *[other] {$count} changes waiting for the server
    }
notice-add-account-first = add an account first
notice-add-account-for-link = add an account first; then the link opens in the composer
notice-sending = Sending…
notice-draft-saved = Draft saved
notice-sent = Sent
notice-queued = In the outbox, sent as soon as possible: {$reason}
notice-account-saved = Saved {$email}; fetching its mail…
sidebar-inbox = Inbox
sidebar-sent = Sent
sidebar-drafts = Drafts
sidebar-trash = Trash
sidebar-junk = Junk
sidebar-archive = Archive
reader-select-message = Select a message to read it.
composer-cannot-attach = Cannot attach {$path}: {$detail}
composer-attach-path = Path of a file to attach
accounts-remove-question = Remove {$email}?
accounts-remove-for-good = Remove for good
accounts-keep = Keep it
accounts-protocol-local = local folders
accounts-edit = Edit
accounts-senders = Signature and addresses
accounts-senders-title = Signature and From addresses of { $email }
accounts-signature = Signature
accounts-signature-hint = Added below each letter from this account, after a “-- ” line (added for you).
accounts-identities = Other From addresses (aliases your mail service lets you send as)
accounts-identity-name = Name
accounts-identity-email = Address
accounts-identity-signature = Its own signature (empty: the account’s)
accounts-identity-add = Add an address
accounts-identity-remove = Remove
accounts-senders-save = Save
accounts-senders-cancel = Cancel
accounts-senders-saved = Signature and addresses saved
accounts-roles = Special folders
accounts-rules = Rules
accounts-rules-saved = Rules saved
rules-title = Rules of {$email}
rules-explain = Rules sort new mail as it arrives, in this order; the first rule that moves a letter decides its folder, and "Stop here" keeps the later ones from running. "Run now" applies them to the letters of a folder. Drag a rule by its handle to another place; Alt+Up and Alt+Down move the rule you edited last.
rules-none = No rules yet.
rules-when = When
rules-field-from = From
rules-field-to = To or Cc
rules-field-subject = Subject
rules-field-header = Header
rules-header-name = Header name (List-Id)
rules-contains = contains
rules-contains-placeholder = text, any case
rules-test-is = is
rules-test-starts-with = starts with
rules-test-matches = matches
rules-pattern-placeholder = pattern: * any text, ? one character
rules-match-all = all
rules-match-any = any
rules-of-these = of these hold:
rules-add-condition = Add a condition
rules-remove-condition = Remove condition
rules-then = Then:
rules-copy-to = Copy to
rules-tag = Add tag
rules-tag-placeholder = tag ($label1)
rules-stop = Stop here (no later rules)
rules-enabled = On
rules-run-on = Run now on
rules-run-folder = a folder
rules-run-now = Run now
rules-run-stop = Stop
rules-run-starting = Starting…
rules-run-progress = Checked { $checked } of { $total } letters; { $matched } matched.
rules-run-done = Done.
rules-run-stopped = Stopped.
rules-move-to = Move to
rules-folder-placeholder = folder (Archive/Bills)
rules-mark-read = Mark read
rules-flag = Flag
rules-delete = Delete (to Trash)
rules-name-placeholder = Rule name (optional)
rules-drag-handle = Drag to change the order
rules-up = Up
rules-down = Down
rules-remove = Remove
rules-add = Add a rule
rules-save = Save
rules-cancel = Cancel
accounts-roles-title = Special folders of { $email }
accounts-roles-hint = Which folder keeps sent letters, drafts, deleted and junk mail, and the archive. Pochta uses your choice instead of what the server says.
accounts-roles-none = (none)
accounts-remove = Remove
accounts-close = Close
accounts-removal-imap = { $count ->
        [one] The {$count} message cached on this computer is deleted
       *[other] The {$count} messages cached on this computer are deleted
    }; the mail on the server stays and comes back if you add the account again.
accounts-removal-pop3 = { $count ->
        [one] The {$count} message of this account exists
       *[other] The {$count} messages of this account exist
    } only on this computer (POP3 moved them here): removing the account deletes them for good. Export what you want to keep first.
accounts-removal-local = { $count ->
        [one] The {$count} message of this account exists
       *[other] The {$count} messages of this account exist
    } only on this computer: removing the account deletes them for good. Export what you want to keep first.
accounts-removal-outbox = { $count ->
        [one] {$count} unsent letter in the outbox is deleted too.
       *[other] {$count} unsent letters in the outbox are deleted too.
    }

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

# --- command line help (src/cli/help.rs) ---
cli-help = A desktop email client that never loses a letter
cli-help--profile = Keep everything (settings, mail cache, logs) under this folder
cli-help--json = Machine-readable output
cli-help--demo = Open the GUI on a bundled sample mailbox in a temporary profile (no account needed)
cli-help-account = Add, list, remove and test accounts
cli-help-account-add = Add an account (the password goes to the keyring or comes from a command)
cli-help-account-add--name = The name shown to recipients
cli-help-account-add--preset = Take the servers from a provider preset (see `pochta presets`); IMAP unless `--protocol pop3`
cli-help-account-add--incoming = Incoming server as HOST:PORT
cli-help-account-add--smtp = Outgoing (SMTP) server as HOST:PORT
cli-help-account-add--login = Login name, if not the one the preset or the address implies
cli-help-account-add--password-stdin = Read the password from standard input and store it in the OS keyring
cli-help-account-add--password-command = A command that prints the password (run each time it is needed)
cli-help-account-add--oauth = Sign in through the provider (OAuth 2.0) instead of a password: prints the address to open in a browser and waits for the sign-in (the preset is found from the address)
cli-help-account-add--oauth-wait = With --oauth: how long to wait for the browser, in seconds (default 300)
cli-help-account-add--oauth-authorize-url = With --oauth for a provider without a preset (its autoconfig names OAuth2): the endpoints, the client id, the scopes (repeatable) and the SASL mechanism for IMAP/POP3
cli-help-account-add--ca-file = Trust one extra CA (PEM) for this account's servers; verification stays on
cli-help-account-add--pop3-leave-on-server = POP3: keep a copy of each message on the server
cli-help-account-add--body-days = IMAP: keep bodies for offline reading only for mail of the last N days
cli-help-account-add--attachments-on-demand = IMAP: keep headers and text for offline reading; fetch attachments when opened
cli-help-account-add--pop3-delete-after-days = POP3: with a copy left on the server, delete it there after N days
cli-help-account-add--signature = A signature put below the text of every letter sent from this account
cli-help-account-add--pop3-delete-when-deleted-locally = POP3: delete the server copy when the message is deleted here
cli-help-account-list = List the configured accounts
cli-help-account-remove = Remove an account and its local copy of the mail
cli-help-account-test = Connect to the servers exactly as configured, log in, and report clearly
cli-help-account-test--accept-fingerprint = Accept the server certificate with this SHA-256 fingerprint (as printed by a failed test) and remember it for this server
cli-help-sync = One full pass: folders, headers, flags, bodies, pending operations; then a summary
cli-help-sync--headers-only = Headers and flags only, no bodies
cli-help-folders = The folder tree with total and unread counts
cli-help-list = Messages of a folder, newest first
cli-help-list--folder = Folder path ("INBOX", "Archive/2024"); INBOX by default
cli-help-show = A message as text, or its exact bytes
cli-help-export = Write a message's exact bytes to an .eml file (named after the subject; never overwrites)
cli-help-export--to = A folder to write into (the current one by default), or the file to write
cli-help-search = Local full-text search, newest first: words in any form, from: to: cc: subject: body: folder: account: has:attachment is:unread is:flagged is:answered before: after: "phrases"
cli-help-search--query = What to look for, as in the window's search box (operators in English or Russian)
cli-help-search--account = Only this account (its address)
cli-help-search--folder = Only this folder (its path, name or role: "INBOX", "Archive/2024", "sent")
cli-help-flag = Set or clear flags: `pochta flag 42 +seen -flagged` (queued, pushed on the next sync)
cli-help-flag--changes = +seen, -seen, +flagged, -flagged, +answered, -answered
cli-help-move = Move a message to a folder (queued, pushed on the next sync)
cli-help-copy = Copy a message to a folder (queued, pushed on the next sync)
cli-help-delete = Delete a message: to Trash, or for good from Trash (queued, pushed on the next sync)
cli-help-junk = Mark a message as junk: the junk filter learns it, it gets $Junk and goes to the Junk folder
cli-help-not-junk = Mark a message as not junk: the junk filter learns it as good, it gets $NotJunk and leaves Junk for the Inbox
cli-help-junk-filter = The junk filter: learn from the Junk folders and Inboxes, say why a letter is junk, switch it per account
cli-help-junk-filter-learn = Learn the cached letters of every account's Junk folder as junk and of its Inbox as good
cli-help-junk-filter-why = How the filter judges a cached letter, and the tokens that weigh most
cli-help-junk-filter-on = Score new mail of this account on arrival (the default)
cli-help-junk-filter-off = Never move this account's new mail to Junk (Junk / Not junk still teach the filter)
cli-help-folder = Create, rename or delete a folder (queued, done on the server at the next sync)
cli-help-import = Import an mbox file (Thunderbird's too), a Maildir folder or an .eml file into a folder: of Local Folders, or of an account (IMAP: uploaded by the next sync)
cli-help-import--folder = The folder to file the messages in (created if missing)
cli-help-send = Write a letter (the text on standard input): it goes to the outbox, then to the server
cli-help-send--account = The account to send from (its address); the first account by default
cli-help-send--from = Another From address (an alias the provider allows for this login)
cli-help-send--html = Also send an HTML version of the text
cli-help-send--no-signature = Leave out the account's signature
cli-help-send--reply = Answer this cached message (threading headers and quote); with --all, answer everyone on it
cli-help-send--forward = Forward this cached message (inline; with --as-attachment, the whole letter attached)
cli-help-send--draft = Save as a draft instead of sending
cli-help-send--draft-id = Save into this existing draft (replacing it, also on the server); implies --draft
cli-help-outbox = The letters waiting to go: list them, send now, retry, cancel, or turn back into a draft
cli-help-outbox-list = The letters waiting to go (the default)
cli-help-outbox-flush = Try every due letter now
cli-help-outbox-retry = Try this letter again now (after fixing what the server refused)
cli-help-outbox-cancel = Take this letter out of the outbox for good
cli-help-outbox-edit = Take this letter out of the outbox back into a draft
cli-help-drafts = Saved drafts: list, send or delete
cli-help-drafts-list = The saved drafts (the default)
cli-help-drafts-send = Send this draft
cli-help-discover = Find the server settings for an address: built-in presets, the domain's MX, the provider's autoconfig file, then probing the usual names and ports (no password is sent)
cli-help-discover--address = The email address (ivan@example.org)
cli-help-discover--ca-file = Also trust the CA certificates of this PEM file when probing (self-hosted servers)
cli-help-presets = The provider table, or the settings for one domain or address
cli-help-presets--query = A domain (mail.ru) or an address (ivan@yandex.ru)
