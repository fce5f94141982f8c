# Почта, русский. Те же ключи, что в i18n/en/pochta.ftl (это проверяют тесты).

app-title = Почта
app-title-demo = Почта (демо)

# --- import, export, single instance ---
error-export-not-cached = Текста письма { $id } ещё нет на этом компьютере; выполните `pochta sync` и попробуйте снова.
