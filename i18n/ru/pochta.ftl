# Почта, русский. Те же ключи, что в i18n/en/pochta.ftl (это проверяют тесты).

app-title = Почта
app-title-demo = Почта (демо)
