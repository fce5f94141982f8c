# Почта, русский. Те же ключи, что в i18n/en/pochta.ftl (это проверяют тесты).

app-title = Почта
app-title-demo = Почта (демо)

# --- composer window, address completion, attachments, drafts, outbox ---
composer-window-new = Новое письмо
composer-window-title = Письмо: { $subject }
composer-from = От
composer-to = Кому
composer-cc = Копия
composer-bcc = Скрытая
composer-subject = Тема
composer-quoted-below = Цитата под подписью:
    { $preview }
composer-send = Отправить
composer-save-draft = Сохранить черновик
composer-attach = Вложить…
composer-attach-title = Вложить файлы
composer-discard = Отменить
composer-remove-attachment = Убрать
composer-attachments-large = Вложения занимают { $size }: многие почтовые службы не принимают письма больше 25 МБ (Gmail, Mail.ru) или 30 МБ (Яндекс). Лучше отправить ссылку.
composer-attach-failed = Не удалось вложить { $file }: { $reason }
composer-attach-too-large = Не удалось вложить { $file }: он занимает { $size }, больше, чем принимает любая почтовая служба.
composer-draft-saved = Черновик сохранён
composer-sending = Отправка…
composer-sent = Отправлено
composer-queued = В исходящих, уйдёт при первой возможности: { $reason }
composer-no-account = Сначала добавьте учётную запись.
composer-mailto-no-account = Сначала добавьте учётную запись; тогда ссылка откроется в окне письма.
composer-outbox-title = { $count ->
    [one] Исходящие: { $count } письмо
    [few] Исходящие: { $count } письма
   *[many] Исходящие: { $count } писем
}
composer-outbox-empty = Ничего не ждёт отправки.
composer-outbox-drafts = { $count ->
    [one] { $count } черновик
    [few] { $count } черновика
   *[many] { $count } черновиков
}
composer-outbox-no-subject = (без темы)
composer-outbox-recipients = От { $account } для { $to }
composer-outbox-state-queued = { $attempts ->
    [0] Ждёт отправки
    [one] Ждёт; была { $attempts } попытка
    [few] Ждёт; было { $attempts } попытки
   *[many] Ждёт; было { $attempts } попыток
}
composer-outbox-state-sending = Отправляется
composer-outbox-state-failed = Сервер отказал: исправьте и повторите или измените письмо
composer-outbox-retry = Повторить
composer-outbox-edit = Изменить
composer-outbox-delete = Удалить
composer-outbox-continue-draft = Продолжить
sidebar-outbox = { $count ->
    [0] Исходящие
   *[other] Исходящие ({ $count })
}

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
