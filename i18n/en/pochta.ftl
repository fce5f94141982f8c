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
composer-quoted-below = Quoted below the signature:
    { $preview }
composer-send = Send
composer-save-draft = Save draft
composer-attach = Attach…
composer-attach-title = Attach files
composer-discard = Discard
composer-remove-attachment = Remove
composer-attachments-large = The attachments take { $size }: many providers refuse letters over 25 MB (Gmail, Mail.ru) or 30 MB (Yandex). Consider sending a link instead.
composer-attach-failed = Cannot attach { $file }: { $reason }
composer-attach-too-large = Cannot attach { $file }: it is { $size }, more than any mail provider accepts.
composer-draft-saved = Draft saved
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

# --- reader ---
reader-empty = Select a message to read it.
reader-no-subject = (no subject)
reader-from = From: { $sender }
reader-to = To: { $recipients }
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
reader-remote-load-once = Load once
reader-remote-always = Always for { $sender }
reader-remote-failed = { $count ->
    [one] { $count } remote image could not be loaded (only https is fetched).
   *[other] { $count } remote images could not be loaded (only https is fetched).
}

# --- main window: list, sidebar, status ---
sidebar-all-inboxes = All inboxes
list-choose-folder = Choose a folder on the left.
list-empty = No messages here.
list-no-subject = (no subject)
list-sort-date = Date
list-sort-sender = Sender
list-sort-subject = Subject
list-threads = Threads
list-junk = Junk
list-move-to = Move to…
list-copy-to = Copy to…
list-search-server = Search on server
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
notice-new-mail = { $account }: { $count ->
    [one] { $count } new message
   *[other] { $count } new messages
}
notice-desktop-new-mail-title = New mail
notice-desktop-new-mail-body = { $account }: { $count ->
    [one] { $count } new message
   *[other] { $count } new messages
}
notice-online = { $account }: online
notice-offline = { $account }: offline ({ $reason })
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
