# Почта, русский. Те же ключи, что в i18n/en/pochta.ftl (это проверяют тесты).

app-title = Почта
app-title-demo = Почта (демо)

# --- reader ---
reader-empty = Выберите письмо, чтобы прочитать его.
reader-no-subject = (без темы)
reader-from = От: { $sender }
reader-to = Кому: { $recipients }
reader-show-source = Исходный текст
reader-show-message = Показать письмо
reader-copy = Копировать
reader-redecode = Перекодировать как…
reader-loading = Письмо загружается с сервера…
reader-load-failed = Не удалось загрузить письмо: { $reason }
reader-unnamed = (без имени)
reader-attachment-save = Сохранить
reader-attachment-open = Открыть
reader-save-title = Сохранить вложение
reader-saved = Сохранено: { $path }
reader-open-failed = Не удалось открыть в приложении рабочего стола: { $reason }
reader-link-refused = Pochta открывает только веб-ссылки и адреса почты, а не { $link }
reader-image = [изображение]
reader-remote-blocked = Внешнее содержимое заблокировано.
reader-remote-load-once = Загрузить один раз
reader-remote-always = Всегда для { $sender }
reader-remote-failed = { $count ->
    [one] { $count } внешнее изображение не загрузилось (загружаются только https).
    [few] { $count } внешних изображения не загрузились (загружаются только https).
   *[many] { $count } внешних изображений не загрузились (загружаются только https).
}
