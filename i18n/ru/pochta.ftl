# Почта, русский. Те же ключи, что в i18n/en/pochta.ftl (это проверяют тесты).

app-title = Почта
app-title-demo = Почта (демо)

# --- main window: list, sidebar, status ---
sidebar-all-inboxes = Все входящие
list-choose-folder = Выберите папку слева.
list-empty = Здесь нет писем.
list-no-subject = (без темы)
list-sort-date = Дата
list-sort-sender = Отправитель
list-sort-subject = Тема
list-threads = Цепочки
list-junk = Спам
list-move-to = Переместить в…
list-copy-to = Копировать в…
list-search-server = Искать на сервере
list-selected = Выбрано: { $count }
notice-dismiss = Закрыть
notice-saved = Сохранено: { $path }
notice-moved = { $count ->
    [one] Перемещено { $count } письмо
    [few] Перемещено { $count } письма
   *[many] Перемещено { $count } писем
}
notice-copied = { $count ->
    [one] Скопировано { $count } письмо
    [few] Скопировано { $count } письма
   *[many] Скопировано { $count } писем
}
notice-new-mail = { $account }: { $count ->
    [one] { $count } новое письмо
    [few] { $count } новых письма
   *[many] { $count } новых писем
}
notice-desktop-new-mail-title = Новая почта
notice-desktop-new-mail-body = { $account }: { $count ->
    [one] { $count } новое письмо
    [few] { $count } новых письма
   *[many] { $count } новых писем
}
notice-online = { $account }: на связи
notice-offline = { $account }: нет связи ({ $reason })
notice-syncing = { $account }: { $folder } { $done }/{ $total }
notice-outbox = Писем в исходящих: { $count }
notice-pending = Изменений ждут сервера: { $count }
notice-searching-server = Идёт поиск на сервере…
notice-found-server = { $count ->
    [one] На сервере найдено { $count } письмо
    [few] На сервере найдено { $count } письма
   *[many] На сервере найдено { $count } писем
}
error-other-account = Папка { $folder } принадлежит другой учётной записи: письмо перемещается только внутри своей
error-search-server-folder = Откройте папку, чтобы искать на её сервере.
