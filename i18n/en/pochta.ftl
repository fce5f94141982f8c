# Pochta, English. Every key here must also be in i18n/ru/pochta.ftl (tests check).
# Group keys by screen with a prefix: app-, sidebar-, list-, reader-, composer-, wizard-, accounts-,
# settings-, error-, cli-.

app-title = Pochta
app-title-demo = Pochta (demo)

# --- import, export, single instance ---
error-export-not-cached = The text of message { $id } is not on this computer yet; run `pochta sync` and try again.
