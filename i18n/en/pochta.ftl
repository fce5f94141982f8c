# Pochta, English. Every key here must also be in i18n/ru/pochta.ftl (tests check).
# Group keys by screen with a prefix: app-, sidebar-, list-, reader-, composer-, wizard-, accounts-,
# settings-, error-, cli-.

app-title = Pochta
app-title-demo = Pochta (demo)

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
