# Pochta, English. Every key here must also be in i18n/ru/pochta.ftl (tests check).
# Group keys by screen with a prefix: app-, sidebar-, list-, reader-, composer-, wizard-, accounts-,
# settings-, error-, cli-.

app-title = Pochta
app-title-demo = Pochta (demo)

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
