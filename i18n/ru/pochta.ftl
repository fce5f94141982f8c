# Почта, русский. Те же ключи, что в i18n/en/pochta.ftl (это проверяют тесты).

app-title = Почта
app-title-demo = Почта (демо)

# --- composer window, address completion, attachments, drafts, outbox ---
composer-window-new = Новое письмо
composer-window-title = Письмо: { $subject }
composer-from = От
composer-to = Кому
composer-cc = Копия
composer-bcc = Скрытая копия
composer-subject = Тема
compose-someone = кто-то
compose-reply-attribution = { $date }, { $who } пишет:
compose-reply-attribution-undated = { $who } пишет:
compose-forward-header = -------- Пересылаемое сообщение --------
compose-forward-from = От
compose-forward-date = Дата
compose-forward-subject = Тема
compose-forward-to = Кому
compose-forward-cc = Копия
composer-send = Отправить
composer-save-draft = Сохранить черновик
composer-attach = Вложить…
composer-attach-title = Вложить файлы
composer-no-subject-ask = У письма нет темы. Отправить без темы?
composer-send-without-subject = Отправить без темы
composer-add-subject = Добавить тему
composer-attachment-ask = В письме упомянуто вложение («{ $word }»), но ничего не вложено.
composer-send-anyway = Всё равно отправить
composer-cancel-send = Отмена
file-dialog-missing = На этом рабочем столе нет окна выбора файлов. Установите xdg-desktop-portal с xdg-desktop-portal-gtk (или -kde) либо zenity; а пока перетащите файлы в окно письма, чтобы вложить их.
composer-discard = Удалить черновик
composer-discard-ask = Удалить это письмо? Написанное не сохранится.
composer-discard-ask-autosaved = Удалить это письмо? Черновик, сохранённый по ходу работы, тоже будет удалён.
composer-discard-ask-saved = Отменить изменения после сохранения черновика? Сохранённый черновик останется в «Черновиках».
composer-keep-writing = Продолжить писать
composer-remove-attachment = Убрать
composer-attachments-large = Вложения занимают { $size }: многие почтовые службы не принимают письма больше 25 МБ (Gmail, Mail.ru) или 30 МБ (Яндекс). Лучше отправить ссылку.
composer-attach-failed = Не удалось вложить { $file }: { $reason }
composer-attach-too-large = Не удалось вложить { $file }: он занимает { $size }, больше, чем принимает любая почтовая служба.
composer-draft-saved = Черновик сохранён
composer-draft-not-kept = Черновик не удалось сохранить: { $reason }
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
composer-outbox-recipients = От { $account } кому: { $to }
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
        [one] Исходящие ({ $count })
        [few] Исходящие ({ $count })
       *[many] Исходящие ({ $count })
    }


# --- folder actions under the folder tree ---
folders-new = Новая папка
folders-rename = Переименовать
folders-delete = Удалить папку
folders-mark-read = Прочитать все
folders-empty = Очистить
folders-cancel = Отмена
folders-create = Создать
folders-new-placeholder = Имя (Папка/Имя — вложенная папка)
folders-rename-hint = Путь с «/» переносит папку в другую: Архив/2025.
folders-rename-confirm = Переименовать
folders-delete-confirm = Удалить её
folders-empty-confirm = Очистить
folders-delete-consequence = Удалить «{ $path }» { $count ->
        [one] вместе с { $count } письмом
        [few] вместе с { $count } письмами
       *[many] вместе с { $count } письмами
    }{ $folders ->
        [0] {""}
        [one] {" "}и { $folders } вложенной папкой
        [few] {" "}и { $folders } вложенными папками
       *[many] {" "}и { $folders } вложенными папками
    }? Они удалятся и на сервере, отменить это нельзя.
folders-empty-trash-consequence = Удалить { $count ->
        [one] { $count } письмо
        [few] { $count } письма
       *[many] { $count } писем
    } из «{ $path }» навсегда, здесь и на сервере?
folders-empty-junk-consequence = Переместить { $count ->
        [one] { $count } письмо
        [few] { $count } письма
       *[many] { $count } писем
    } из «{ $path }» в корзину?
folders-created = Папка «{ $path }» создана
folders-renamed = «{ $from }» теперь «{ $to }»
folders-deleted = Папка «{ $path }» удалена
folders-marked-read = Все письма в «{ $path }» отмечены как прочитанные
folders-emptied = Папка «{ $path }» очищена
# --- keyboard shortcuts window (F1) ---
keys-title = Сочетания клавиш
keys-next-unread = Следующее непрочитанное письмо
keys-next = Следующее письмо
keys-previous = Предыдущее письмо
keys-page = На страницу вниз или вверх
keys-first-last = Первое или последнее письмо
keys-extend = Добавить к выделению следующее или предыдущее письмо (Shift действует и с PgDn, PgUp, Home и End)
keys-mark-read = Отметить как прочитанное
keys-toggle-read = Отметить как прочитанное или непрочитанное
keys-flag = Поставить или снять флажок
keys-junk = Отметить как спам
keys-not-junk = Отметить как «не спам» (вернуть во «Входящие»)
keys-delete = Удалить
keys-continue-draft = Продолжить черновик (в «Черновиках»; двойной щелчок тоже)
keys-select-all = Выделить всё
keys-write = Написать письмо
keys-reply = Ответить
keys-reply-all = Ответить всем
keys-forward = Переслать
keys-search = Поиск
keys-clear-search = Очистить поиск и вернуться в папку
keys-get-mail = Получить почту
keys-this-list = Этот список
keys-send = Отправить (в письме)
keys-save-draft = Сохранить черновик (в письме)
keys-close-letter = Закрыть письмо, сохранив написанное в черновиках (в письме)
keys-next-field = Следующее или предыдущее поле (в письме)
keys-undo-redo = Отменить или вернуть ввод (в письме)
# --- reader ---
reader-empty = Выберите письмо, чтобы прочитать его.
reader-no-subject = (без темы)
reader-from = От: { $sender }
reader-to = Кому: { $recipients }
reader-cc = Копия: { $recipients }
reader-reply-to = Ответ на: { $recipients }
reader-more-recipients = { $count ->
    [one] и ещё { $count }
    [few] и ещё { $count }
   *[many] и ещё { $count }
}
reader-all-headers = Все заголовки
reader-fewer-headers = Меньше заголовков
reader-actions = Действия
reader-fewer-actions = Скрыть действия
reader-forwarded = Пересланное письмо
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
reader-link-refused = Почта открывает только веб-ссылки и адреса почты, а не { $link }
reader-image = [изображение]
reader-remote-blocked = Внешнее содержимое заблокировано.
reader-remote-junk = Внешнее содержимое заблокировано: письмо считается спамом. Отметьте его как «Не спам», чтобы загрузить.
reader-remote-load-once = Загрузить один раз
reader-remote-always = Всегда для { $sender }
reader-remote-failed = { $count ->
    [one] { $count } внешнее изображение не показано (загружаются только https и не слишком большие изображения).
    [few] { $count } внешних изображения не показаны (загружаются только https и не слишком большие изображения).
   *[many] { $count } внешних изображений не показаны (загружаются только https и не слишком большие изображения).
}
reader-sender-known-as = Вы писали на этот адрес как «{ $name }»: в этом письме указано другое имя.
reader-remote-unverified = Отправитель не подтверждён, поэтому Почта спрашивает каждый раз.
reader-image-refused = [{ $alt } — не показано: { $reason }]
reader-picture-too-large = изображение слишком велико для показа ({ $width }x{ $height })
reader-picture-unreadable = изображение не читается ({ $reason })
reader-pictures-too-large-together = изображения письма слишком велики, чтобы показать их все
reader-link-misleads = Ссылка выглядит как { $claimed }, но ведёт на { $target }.
reader-link-open-anyway = Открыть { $target }
reader-cancel = Отмена
reader-attachment-misleading = на самом деле .{ $extension }
reader-save-into = Сохранить «{ $name }» в папку:
reader-save-here = Сохранить сюда
reader-body-cut = Показано только начало этого длинного письма.
reader-body-show-more = Показать ещё
reader-body-show-all = Показать всё

# --- main window: list, sidebar, status ---
sidebar-all-inboxes = Все входящие
sidebar-saved-searches = Сохранённые поиски
list-choose-folder = Выберите папку слева.
list-empty = Здесь нет писем.
list-no-subject = (без темы)
list-sort-date = Дата
list-sort-sender = Отправитель
list-sort-subject = Тема
list-threads = Цепочки
list-sort-recipient = Получатель
list-size = Размер
list-two-lines = Отправитель, тема и начало письма
list-to = Кому: {$recipients}
list-junk = Спам
list-not-junk = Не спам
list-why-junk = Почему спам?
list-rule-from-letter = Создать правило по этому письму…
list-move-to = Переместить в…
list-copy-to = Копировать в…
list-search-server = Искать на сервере
list-save-search = Сохранить поиск
list-found = { $count ->
        [one] Найдено: {$count}
        [few] Найдено: {$count}
       *[many] Найдено: {$count}
    }
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
notice-marked-read = { $count ->
    [one] { $count } письмо отмечено прочитанным
    [few] { $count } письма отмечены прочитанными
   *[many] { $count } писем отмечено прочитанными
}
notice-marked-unread = { $count ->
    [one] { $count } письмо отмечено непрочитанным
    [few] { $count } письма отмечены непрочитанными
   *[many] { $count } писем отмечено непрочитанными
}
notice-flagged = { $count ->
    [one] { $count } письмо помечено флажком
    [few] { $count } письма помечены флажком
   *[many] { $count } писем помечено флажком
}
notice-unflagged = { $count ->
    [one] Флажок снят с { $count } письма
    [few] Флажок снят с { $count } писем
   *[many] Флажок снят с { $count } писем
}
notice-deleted = { $count ->
    [one] Удалено { $count } письмо
    [few] Удалено { $count } письма
   *[many] Удалено { $count } писем
}
notice-junked = { $count ->
    [one] { $count } письмо перемещено в «Спам»
    [few] { $count } письма перемещены в «Спам»
   *[many] { $count } писем перемещено в «Спам»
}
notice-not-junk = { $count ->
    [one] { $count } письмо отмечено как «не спам»
    [few] { $count } письма отмечены как «не спам»
   *[many] { $count } писем отмечено как «не спам»
}
notice-ruled = { $count ->
    [one] Правила изменили { $count } письмо
    [few] Правила изменили { $count } письма
   *[many] Правила изменили { $count } писем
}
notice-undone = Отменено
notice-undo-partly = { $count ->
    [one] { $count } изменение не удалось отменить: сервер уже удалил письмо
    [few] { $count } изменения не удалось отменить: сервер уже удалил письма
   *[many] { $count } изменений не удалось отменить: сервер уже удалил письма
}
notice-undo-moved = Отменить перемещение
notice-undo-copied = Отменить копирование
notice-undo-deleted = Отменить удаление
notice-undo-junk = Отменить «Спам»
notice-undo-not-junk = Отменить «Не спам»
notice-undo-marked = Отменить отметку
notice-undo-flag = Отменить флажок
notice-undo-rules = Отменить правила
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
notice-desktop-no-subject = (без темы)
notice-desktop-letter-line = {$sender}: {$subject}
notice-desktop-grouped-title = { $count ->
    [one] { $count } новое письмо: {$senders}
    [few] { $count } новых письма: {$senders}
   *[many] { $count } новых писем: {$senders}
}
notice-desktop-more = и ещё {$count}
notice-online = { $account }: на связи
notice-offline = { $account }: нет связи ({ $reason })
notice-needs-attention = {$account}: нужно ваше участие: {$reason}
attention-reenter-password = Ввести пароль
attention-sign-in-again = Войти заново
attention-review-certificate = Проверить сертификат
attention-open-provider = Открыть настройки почты у провайдера
attention-edit-settings = Проверить настройки
notice-syncing = { $account }: { $folder } { $done }/{ $total }
notice-outbox = Писем в исходящих: { $count }
notice-pending = { $count ->
    [one] { $count } изменение ждёт сервера
    [few] { $count } изменения ждут сервера
   *[many] { $count } изменений ждут сервера
}
notice-searching-server = Идёт поиск на сервере…
notice-found-server = { $count ->
    [one] На сервере найдено { $count } письмо
    [few] На сервере найдено { $count } письма
   *[many] На сервере найдено { $count } писем
}
error-other-account = Папка { $folder } принадлежит другой учётной записи: письмо перемещается только внутри своей
error-search-server-folder = Откройте папку, чтобы искать на её сервере.

# --- i18n: engine errors (network, TLS, protocols) ---
error-net-unknown-host = сервер {$host} не найден: проверьте, правильно ли написано имя и есть ли подключение к интернету
error-net-refused = {$host} не принимает подключения на порт {$port}: скорее всего, неверно указан порт или тип защиты
error-net-timed-out = {$host} не ответил вовремя на порту {$port}: проверьте порт, брандмауэр или подключение к интернету
error-net-unreachable = не удаётся связаться с {$host}:{$port} ({$detail}): есть ли подключение к интернету?
error-net-closed = сервер закрыл соединение: {$detail}
error-tls-untrusted = этот компьютер не доверяет сертификату сервера: «{$subject}», выдан «{$issuer}», действует с {$from} по {$until}, SHA-256 {$fingerprint}. Принимайте его, только если почтовый сервис или администратор подтвердит этот отпечаток. Если не уверены, не принимайте его.
error-net-handshake-interrupted = соединение с {$host} оборвалось во время установки защищённого соединения ({$detail}). Это сбой сети, а не проблема сертификата: попробуйте позже
error-net-expects-tls = порт {$port} ожидает SSL/TLS с самого начала, а не STARTTLS и не соединение без защиты: выберите для этого порта SSL/TLS
error-tls-expired = срок действия сертификата сервера истёк {$until} (SHA-256 {$fingerprint}). Если эта дата ещё не наступила, проверьте дату и время на компьютере.
error-tls-not-yet-valid = сертификат сервера действует только с {$from}: похоже, на компьютере неверно выставлены часы; установите правильные дату и время (SHA-256 {$fingerprint}).
error-tls-host-mismatch = сертификат сервера выдан для {$names}, а не для {$host}: проверьте имя сервера (SHA-256 {$fingerprint}).
error-tls-pin-mismatch = сертификат сервера сменился с тех пор, как вы его приняли (был {$pinned}, теперь {$fingerprint}, выдан «{$issuer}»). Не продолжайте, пока почтовый сервис не подтвердит новый сертификат.
error-tls-handshake = не удалось установить защищённое соединение: {$detail}
error-tls-plaintext-answer = сервер ответил без шифрования, значит, этот порт не ожидает SSL/TLS: выберите для него STARTTLS или укажите порт SSL/TLS (обычно 993 для IMAP, 465 для отправки, 995 для POP3)
error-tls-bad-ca-file = дополнительный файл сертификатов (CA) не подходит: {$detail}
error-tls-ca-file-empty = {$path}: в файле нет ни одного сертификата
error-imap-starttls-not-offered = сервер не поддерживает STARTTLS, поэтому соединение нельзя зашифровать; пароль не отправлен. Выберите SSL/TLS (обычно порт 993)
error-imap-starttls-refused = сервер отказал в STARTTLS: {$reply}
error-imap-greeting = сервер отказал в подключении: {$reply}
error-imap-login-rejected = сервер не принял логин или пароль: {$reply}
error-imap-login-disabled = этот сервер требует зашифрованного соединения до ввода пароля: выберите SSL/TLS (обычно порт 993) или STARTTLS (порт 143). Пароль не отправлен
error-imap-no-password-method = он не принимает пароль ни командой LOGIN (отключена), ни через AUTHENTICATE PLAIN; пароль не отправлен
error-imap-protocol = IMAP-сервер прислал что-то непонятное: {$detail}
error-imap-timeout = IMAP-сервер не ответил вовремя ({$during}): проверьте подключение к интернету и попробуйте ещё раз позже
error-imap-unreadable-reply = IMAP-сервер прислал ответ, который Почта не может разобрать: «{$reply}»
error-smtp-starttls-not-offered = сервер исходящей почты не поддерживает STARTTLS, поэтому соединение нельзя зашифровать; пароль не отправлен. Выберите SSL/TLS (обычно порт 465)
error-smtp-starttls-refused = сервер исходящей почты отказал в STARTTLS: {$reply}
error-smtp-greeting = сервер исходящей почты отказал в подключении: {$reply}
error-smtp-login-rejected = сервер исходящей почты не принял логин или пароль: {$reply}
error-smtp-no-auth-mechanism = сервер исходящей почты не предлагает входа по паролю, который умеет Почта (он предлагает: {$offered})
error-smtp-rejected = сервер исходящей почты отказал: {$reply}
error-smtp-protocol = сервер исходящей почты прислал что-то непонятное: {$detail}
error-smtp-timeout = сервер исходящей почты не ответил вовремя ({$during}): проверьте подключение к интернету; письмо останется в «Исходящих» и будет отправлено позже
error-smtp-no-reply = соединение закрылось раньше, чем сервер закончил ответ
error-pop3-stls-not-offered = POP3-сервер не поддерживает STLS, поэтому соединение нельзя зашифровать; пароль не отправлен. Выберите SSL/TLS (обычно порт 995)
error-pop3-io = связь с POP3-сервером оборвалась ({$during}): {$detail}
error-pop3-timeout = POP3-сервер не ответил вовремя ({$during}): проверьте подключение к интернету и попробуйте ещё раз позже
error-pop3-refused = POP3-сервер отклонил команду {$command}: {$reply}
error-pop3-line-too-long = POP3-сервер прислал строку длиннее {$limit} байт ({$during})
error-pop3-reply-too-large = POP3-сервер прислал больше {$limit} байт в одном ответе ({$during})
error-pop3-protocol = POP3-сервер прислал что-то непонятное: {$detail}
error-pop3-stls-injection = POP3-сервер (или кто-то между нами) прислал данные сразу после согласия на STLS, ещё до начала шифрования; соединение разорвано ради безопасности
error-pop3-invalid-input = это нельзя отправить POP3-серверу: {$detail}
error-pop3-session-broke = сеанс POP3 прервался ({$detail}); все скачанные письма сохранены, на сервере больше ничего не удалено, следующая синхронизация продолжит с того же места
error-imap-session-broke = сеанс IMAP прервался ({$detail}); ничего не потеряно, следующая синхронизация продолжит работу
error-secret-no-keyring = хранилище паролей (Secret Service) недоступно{$detail}: запустите хранилище паролей рабочего стола (GNOME Keyring, KWallet) или используйте --password-command, например --password-command 'pass show mail/{$email}'
error-secret-no-dbus = нет сеанса D-Bus: Почта запущена не из сеанса рабочего стола
error-secret-not-in-keyring = в хранилище паролей нет пароля для {$email}: добавьте учётную запись заново или задайте команду для пароля
error-secret-keyring-locked = хранилище паролей не дало доступа ({$detail}): разблокируйте его и попробуйте ещё раз
error-imap-stalled = IMAP-сервер перестал отвечать или отвечает слишком медленно: Почта ждала {$seconds} с и прекратила ожидание. Ничего не потеряно, следующая синхронизация продолжит работу
error-secret-command-failed = команда для получения пароля завершилась с ошибкой: {$detail}
error-secret-empty = пароль пустой
error-store-database = ошибка базы данных: {$detail}
error-store-migration = не удаётся обновить схему базы данных: {$detail}
error-store-create = не удаётся создать {$path}: {$detail}
error-import-read = не удаётся прочитать {$path}: {$detail}
error-import-not-mbox = {$path} — не файл mbox: он не начинается со строки «From »
error-import-not-maildir = {$path} — не папка Maildir: в ней нет ни cur/, ни new/
error-import-too-large = письмо {$index} в {$path} больше {$limit} байт и не импортировано
error-config-read = не удаётся прочитать {$path}: {$detail}
error-config-parse = {$path} содержит ошибку: {$detail}
error-config-write = не удаётся записать {$path}: {$detail}
error-layout-failed = не удалось подготовить письмо к показу: {$err}
error-no-sender-to-remember = у этого письма нет адреса отправителя, который можно запомнить
error-not-a-save-place = в {$path} сохранить нельзя
error-not-in-a-folder = {$path} не находится ни в какой папке
error-cannot-prepare = не удаётся подготовить {$path}: {$err}
error-draft-not-downloaded = черновик {$id} ещё не загружен; сначала получите почту
error-compose-no-recipients = у письма нет получателей: добавьте хотя бы один адрес в «Кому», «Копия» или «Скрытая копия»
error-not-an-address = «{$address}» — не адрес электронной почты (адрес должен выглядеть так: name@example.org)
error-compose-build = не удалось собрать письмо: {$detail}
error-server-said = (ответ сервера: {$reply})
error-web-login-required = Почтовый сервис просит сначала войти через его сайт (проверка безопасности): войдите там один раз с этого компьютера, затем попробуйте снова.
error-wrong-password = Неверный логин или пароль для «{$login}». Проверьте раскладку клавиатуры и Caps Lock.
error-wrong-password-app-hint = {$provider} требует для почтовых программ пароль приложения, а не обычный пароль: {$how}
error-app-password-how = создайте его в настройках безопасности вашего почтового сервиса
error-app-password-required = Для этой учётной записи нужен пароль приложения для почтовых программ вместо обычного пароля: {$how}
error-access-disabled-how = включите его в веб-настройках почты (почтовые программы / IMAP / POP3)
error-access-disabled = Доступ по {$protocol} для этой учётной записи выключен: {$how}
error-oauth-required = {$provider} принимает для этой учётной записи только собственный вход (OAuth2): войдите через {$provider} (экран учётных записей или `pochta account add --oauth`); если эта сборка так не умеет, используйте пароль приложения, если почтовый сервис его предлагает, или настройте пересылку почты в другой ящик.
error-oauth-required-unknown = Этот почтовый сервис принимает для учётной записи только собственный вход (OAuth2), а страница входа для него Почте неизвестна; используйте пароль приложения, если почтовый сервис его предлагает, или настройте пересылку почты в другой ящик.
error-oauth-sign-in-again = Почтовый сервис больше не принимает вход Почты для {$email}{$detail}: войдите заново.
error-oauth-token-endpoint = Сервер входа почтового сервиса недоступен: {$detail}. Почта попробует ещё раз.
error-oauth-code-refused = Почтовый сервис не дал завершить вход ({$detail}): войдите заново.
error-oauth-no-refresh-token = Почтовый сервис впустил вас, но не разрешил Почте оставаться в системе (нет токена обновления): войдите заново и разрешите доступ в офлайне.
error-oauth-browser-timeout = Браузер не вернулся в Почту вовремя: ничего не сохранено. Начните вход заново и завершите его в браузере.
error-oauth-state-mismatch = Ответ из браузера относится не к этому входу (параметр state не совпадает): он отклонён, ничего не сохранено.
error-oauth-denied = Почтовый сервис не разрешил вход ({$error}): ничего не сохранено.
error-oauth-listener = Почта не может дождаться ответа браузера: {$detail}
error-oauth-invalid-token = Почтовый сервер не принял токен входа ({$status}): Почта получит новый; если это повторится, войдите заново.
error-oauth-insufficient-scope = Вход не даёт доступа к почте ({$status}, нужно {$scope}): войдите заново и разрешите доступ к почте.
error-oauth-invalid-request = Почтовый сервер не понял запрос входа ({$status}): это ошибка Почты или сервера, сообщите о ней.
error-oauth-no-mechanism = Сервер не предлагает вход по токену ({$mechanism}); он предлагает: {$offered}
error-oauth-not-configured = Для {$email} не настроен вход через почтовый сервис.
error-oauth-not-offered = {$provider} не даёт почтовым программам входить через свою страницу; используйте пароль или пароль приложения.
error-oauth-not-in-build = Вход через сервис {$provider} в этой сборке Почты недоступен (она собрана без идентификатора клиента для сервиса {$provider}; его можно задать в settings.toml). Используйте пароль приложения. {$how}
error-oauth-not-in-build-no-alternative = Вход через сервис {$provider} в этой сборке Почты недоступен (она собрана без идентификатора клиента для сервиса {$provider}; его можно задать в settings.toml), а пароли от почтовых программ этот сервис не принимает.
oauth-page-done = Вход выполнен. Эту вкладку можно закрыть и вернуться в Почту.
error-pop3-stls-not-offered-explained = Сервер не поддерживает STLS (STARTTLS для POP3), поэтому соединение нельзя зашифровать; пароль не отправлен. Выберите SSL/TLS (обычно порт 995).
error-send-too-large-for-server = Письмо слишком большое для сервера исходящей почты: его размер {$size}, а сервер принимает не больше {$limit}. Уберите или уменьшите вложения либо отправьте большие файлы ссылкой.
error-send-login = Сервер исходящей почты не принял логин или пароль. {$explained}
error-send-sender-not-owned = Сервер исходящей почты не разрешает логину «{$login}» отправлять письма от имени {$from}. Укажите в поле «От» свой адрес ({$address}) или разрешённый псевдоним.
error-send-relay-denied = Сервер исходящей почты отказывается передать письмо дальше (relay access denied): он считает, что с этим логином туда отправлять нельзя. Проверьте адрес сервера исходящей почты в настройках учётной записи и то, что для него указаны логин и пароль.
error-send-relay-denied-to = Сервер исходящей почты отказывается передать письмо получателю {$recipient} (relay access denied): он считает, что с этим логином туда отправлять нельзя. Проверьте адрес сервера исходящей почты в настройках учётной записи и то, что для него указаны логин и пароль.
error-send-recipient-unknown = Адресата {$recipient} не существует: проверьте адрес.
error-send-a-recipient-unknown = Одного из получателей не существует: проверьте адреса.
error-send-mailbox-full = Ящик {$recipient} переполнен; позже он, возможно, снова будет принимать письма.
error-send-a-mailbox-full = Ящик одного из получателей переполнен; позже он, возможно, снова будет принимать письма.
error-send-too-large = Письмо слишком большое для сервера: уберите или уменьшите вложения.
error-send-rate-limited = Почтовый сервис временно ограничил отправку с этой учётной записи (слишком много писем, или они похожи на рассылку): Почта сама попробует позже.
error-send-server-busy = Сервер исходящей почты занят; Почта скоро попробует снова.
error-send-connection-broke = Связь оборвалась во время отправки: {$detail}.
error-send-connection-broke-to = Связь оборвалась во время отправки письма получателю {$recipient}: {$detail}. Письмо осталось в «Исходящих» и будет отправлено ещё раз.
error-send-outcome-unknown = Письмо передано серверу исходящей почты, но связь оборвалась до того, как сервер его подтвердил ({$detail}). Возможно, оно доставлено: Почта отправит его ещё раз после паузы с тем же Message-ID, так что в худшем случае получатели увидят его дважды, и их почтовая программа поймёт, что это одно и то же письмо.
error-send-refused = Сервер исходящей почты отклонил письмо.
error-send-refused-to = Сервер исходящей почты отклонил письмо для {$recipient}.
format-bytes = {$size} Б
format-kilobytes = {$size} КБ
format-megabytes = {$size} МБ
wizard-source-preset = встроенные настройки ({$id})
wizard-source-preset-named = встроенные настройки Почты для сервиса {$provider}
wizard-source-mx = встроенные настройки ({$preset}), опознанные по почтовому серверу {$host}
wizard-source-mx-named = встроенные настройки Почты для сервиса {$provider}, опознанного по почтовому серверу {$host}
wizard-source-autoconfig = файл настроек почтового сервиса {$url}
wizard-source-probe = серверы, ответившие по обычным именам и портам
wizard-source-not-found = ничего не найдено, укажите серверы вручную
wizard-server-incoming = входящая почта ({$protocol})
wizard-server-outgoing = исходящая почта (SMTP)
wizard-stage-connect = подключение
wizard-stage-login = вход
wizard-stage-capabilities = возможности сервера
wizard-stage-mailbox = почтовый ящик
error-demo-incomplete = демонстрационный ящик неполон ({$name}: {$err})
error-demo-index = не удаётся прочитать оглавление демонстрационного ящика: {$err}
error-message-folder-gone = папки письма {$id} больше нет; сначала синхронизируйте почту
error-no-message = в локальном кэше нет письма {$id}
error-no-folder = папки {$path} нет; список папок: `pochta folders`
error-no-folder-id = папки {$folder} нет; список папок: `pochta folders`
error-no-junk-folder = у {$email} нет папки «Спам»
error-search-server-local = почта {$email} хранится на этом компьютере: локальный поиск находит всё
error-send-local = с адреса {$email} письма не отправить: его почта хранится только на этом компьютере, сервера для отправки у него нет. Чтобы отправлять письма, добавьте свою учётную запись (⋮ → Добавить учётную запись)
error-search-index = не удаётся обновить поисковый индекс: {$err}
error-folder-exists = папка {$path} уже есть
error-folder-holds-no-mail = {$path} на сервере только объединяет другие папки и не может хранить письма; выберите одну из папок внутри неё
error-no-folder-short = нет папки {$from}
error-inbox-rename = «Входящие» (INBOX) нельзя переименовать
error-inbox-delete = «Входящие» (INBOX) нельзя удалить
error-bad-folder-name = «{$path}» не годится как имя папки (без пустых частей, без * и %)
error-no-attachment = у письма {$id} нет вложения номер {$part_index}
error-attachment-unreadable = не удаётся прочитать вложение {$part_index} письма {$id}
error-no-account = учётной записи {$email} нет; список: `pochta account list`
error-letter-sending = письмо {$id} отправляется прямо сейчас
error-no-outbox-letter = в исходящих нет письма {$id}; список: `pochta outbox`
error-account-gone = этой учётной записи больше нет
error-letter-sending-or-sent = письмо {$id} отправляется прямо сейчас (или только что ушло); загляните чуть позже
error-no-draft = черновика {$id} нет
error-letter-account-gone = учётной записи этого письма больше нет
error-profile-folders = не удаётся создать папки профиля: {$err}
error-engine-start = не удаётся запустить почтовый движок: {$err}
error-engine-stopped = почтовый движок остановлен
error-engine-task = задача почтового движка завершилась сбоем: {$err}
error-login-empty = логин не указан
error-local-database = локальная база писем: {$err}
error-demo-folder-missing = демонстрационной папки {$folder} нет в оглавлении
error-no-folder-in-account = у {$email} нет папки {$folder}; список папок: `pochta folders`
error-message-waiting-for-server = письмо {$id} ждёт, пока на сервер дойдёт предыдущее изменение; сначала синхронизируйте почту
error-cannot-save-into = не удаётся сохранить в {$folder}: {$detail}
error-no-free-file-name = не нашлось свободного имени файла для {$name} в {$folder}
error-original-not-downloaded = письмо {$id} ещё не скачано; синхронизируйте почту, чтобы ответить на него или переслать
error-incoming-host-invalid = имя сервера входящей почты «{$host}» неверно
error-outgoing-host-invalid = имя сервера исходящей почты «{$host}» неверно
error-incoming-port-invalid = порт сервера входящей почты должен быть от 1 до 65535
error-outgoing-port-invalid = порт сервера исходящей почты должен быть от 1 до 65535
error-account-exists = учётная запись {$email} уже есть

error-pop3-not-sent = сервер не отдал {$text}
error-pop3-shared-id = сервер даёт нескольким письмам один и тот же идентификатор «{$id}», и их нельзя различить: они остаются на сервере нетронутыми; остальная почта загружена
error-pop3-not-deleted = сервер не удалил письмо {$msg}: {$err}
error-pop3-delete-unfinished = сервер не закончил удаление скачанных писем: {$err}
error-imap-change-refused = сервер отклонил {$operation}: {$text}
error-imap-rule-change-refused = сервер отклонил изменение по правилу ({$operation}): {$text}
operation-create-folder = создание папки {$path}
operation-rename-folder = переименование папки {$from} в {$to}
operation-delete-folder = удаление папки {$path}
operation-move = перемещение письма {$uid} из {$from} в {$to}
operation-copy = копирование письма {$uid} из {$from} в {$to}
operation-flags = изменение флагов письма {$uid} в {$folder}
operation-expunge = удаление письма {$uid} в {$folder}
operation-append = сохранение письма в {$folder}
error-rule-bad-folder = правило перекладывает почту в «{$path}», но такой папки в этой учётной записи нет
error-rule-nothing-to-find = правило {$number}: укажите, что искать
error-rule-bad-header = правило {$number}: укажите название заголовка, например List-Id (буквы, цифры и дефисы, без двоеточия)
error-rule-no-action = правило {$number}: выберите действие (переместить, скопировать, отметить прочитанным, пометить флажком, поставить метку, удалить или остановиться)
error-rule-no-condition = правило {$number}: добавьте условие (что должно быть в письме)
error-rule-pattern-too-long = правило {$number}: шаблон «подходит под» может быть не длиннее {$max} символов
error-rule-bad-tag = правило {$number}: «{$tag}» не годится как метка (без пробелов, без ( ) {"{"} % * " \ ] и не с \ в начале)
error-rule-move-and-delete = правило {$number}: правило либо перемещает письмо, либо удаляет его; выберите одно
error-local-folder-exists = папка {$to} уже есть
error-store-no-account = в локальном кэше нет учётной записи {$email}

# --- i18n: command line ---
cli-preset-domains = Домены
cli-preset-hosted = Свои домены
cli-preset-hosted-under = с MX на {$suffixes}
cli-preset-login = Логин
cli-preset-sign-in = Вход
cli-preset-sent = Отправленные
cli-preset-sent-by-server = сервер сам кладёт отправленные письма в «Отправленные»
cli-preset-sent-by-program = копию в «Отправленные» кладёт программа
cli-preset-enable-access = Включить доступ
cli-preset-app-password = Пароль приложения
cli-preset-pop3-delete = Удаление по POP3
cli-preset-notes = Заметки
cli-preset-last-verified = Проверено
cli-preset-server = Сервер
cli-preset-host = Адрес
cli-preset-port = Порт
cli-preset-security = Шифрование
cli-preset-alternative = запасной
cli-preset-not-offered = не поддерживается
cli-preset-login-full-address = полный адрес ({$login})
cli-preset-login-local-part = часть адреса до @ ({$login})
cli-preset-auth-password = обычный пароль от почты
cli-preset-auth-app-password = только пароль приложения (обычный пароль не подойдёт)
cli-preset-auth-oauth2 = только вход через сайт почтового сервиса (OAuth2); пароли не принимаются
cli-preset-auth-app-password-or-oauth2 = пароль приложения (обычный пароль не подойдёт) или OAuth2
cli-preset-dele-deletes = письмо удаляется на сервере
cli-preset-dele-keeps-copy = сервер оставляет свою копию
cli-preset-dele-per-web-settings = зависит от настройки в веб-интерфейсе
cli-presets-provider = почтовый сервис
cli-presets-domains = домены
cli-presets-more = `pochta presets ДОМЕН` — все настройки одного почтового сервиса.
cli-presets-more-domains = и ещё {$count}
cli-presets-none = для {$query} нет готовых настроек; мастер может найти их сам, или укажите серверы в `pochta account add`
wizard-oauth2-only = Сервис {$provider} пускает почтовые программы только через свою страницу входа (OAuth2), а эта сборка Почты так не умеет; пароли, в том числе пароли приложений, сервис отклоняет. Читайте эту почту в браузере или настройте в сервисе {$provider} пересылку писем на ящик, который Почта может подключить.
wizard-note-no-mx = у {$domain} нет почтовых серверов (MX) в DNS
wizard-note-mx-failed = не удалось узнать почтовые серверы {$domain}: {$why}
wizard-note-no-autoconfig = файла настроек по адресу {$url} нет: {$why}
wizard-note-enable-at = почтовый сервис пишет, что почтовые программы включаются здесь: {$enable}
wizard-note-mx-unknown = почтовые серверы {$domain} ({$hosts}) не принадлежат ни одному известному почтовому сервису
wizard-note-names-missing = таких имён серверов не существует: {$hosts}
wizard-dns-no-such-domain = домена {$domain} не существует
wizard-dns-server-error = DNS-сервер ответил ошибкой с кодом {$code}
wizard-dns-malformed = не удалось прочитать ответ DNS ({$what})
wizard-dns-network = не удалось обратиться к DNS-серверу: {$detail}
wizard-dns-timed-out = DNS-сервер не ответил вовремя
wizard-dns-bad-name = «{$name}» — не доменное имя, которое можно найти в DNS
cli-password-stdin-unreadable = не удаётся прочитать пароль со стандартного ввода: {$err}
cli-password-stdin-empty = на стандартном вводе пустой пароль
cli-no-preset = готовых настроек «{$id}» нет; список: `pochta presets`
cli-give-preset-or = укажите --preset или --{$what} (см. `pochta account add --help`)
cli-not-host-port = «{$host_port}» — не HOST:PORT (например, imap.example.org:993)
cli-not-security = «{$security}» — не тип защиты (ssl, starttls или none)
cli-no-accounts-yet = учётных записей пока нет: добавьте первую командой `pochta account add --email ADDR --preset ID --password-stdin`
cli-not-fingerprint = «{$text}» — не отпечаток SHA-256 (64 шестнадцатеричные цифры)
cli-fingerprint-not-presented = ни один сервер этой учётной записи не предъявил сертификат с таким отпечатком
cli-junk-learned = фильтр спама изучил писем: спам — { $junk }, не спам — { $good }
cli-junk-known-correspondent = не спам: вы писали этому отправителю
cli-junk-verdict-junk = спам (оценка { $score }; спам — от 0.90); больше всего весят слова:
cli-junk-verdict-good = не спам (оценка { $score }; спам — от 0.90); больше всего весят слова:
junk-why-junk = Похоже на спам (оценка { $score }; спам — от 0.90). Больше всего весят: { $clues }
junk-why-good = Не спам (оценка { $score }; спам — от 0.90). Больше всего весят: { $clues }
junk-why-known = Не спам: вы писали этому отправителю.
cli-no-accounts-to-sync = синхронизировать нечего: учётных записей нет; добавьте первую командой `pochta account add`
cli-no-accounts = учётных записей нет
cli-body-not-cached = текст письма {$id} ещё не скачан; выполните `pochta sync`
cli-flag-sign = «{$text}» должно начинаться с + или - (например, +seen)
cli-flag-unknown = неизвестный флаг «{$name}»: используйте seen, flagged или answered
cli-no-accounts-add = учётных записей нет; добавьте первую командой `pochta account add`
cli-body-stdin-unreadable = не удаётся прочитать текст письма со стандартного ввода: {$err}
cli-account-removed = учётная запись {$email} и локальная копия её почты удалены
cli-password-source-missing = укажите, откуда брать пароль: --password-stdin (сохраняется в хранилище паролей) или --password-command КОМАНДА
cli-oauth-open = Откройте этот адрес в браузере и войдите; Почта ждёт ответа:
cli-oauth-no-provider = Почта не знает, как входить в почтовый сервис {$email}: укажите --preset или --oauth-authorize-url, --oauth-token-url и --oauth-client-id.
cli-account-added = Учётная запись {$email} добавлена ({$protocol} {$incoming}, SMTP {$smtp}); проверить: pochta account test {$email}
cli-preset-no-protocol = {$provider} не поддерживает доступ по {$protocol}
cli-preset-no-smtp = у {$provider} нет SMTP-сервера
cli-pop3-keeps-copy-days = POP3: копия остаётся на сервере { $days ->
        [one] {$days} день
        [few] {$days} дня
       *[many] {$days} дней
    } после скачивания
cli-pop3-keeps-copy = POP3: копия остаётся на сервере
cli-pop3-deletes = POP3: письма скачиваются и удаляются с сервера
cli-pop3-delete-here-deletes-there = ; письмо, удалённое здесь, удаляется и там
cli-pop3-dele-deletes = удалённое письмо исчезает с сервера
cli-pop3-dele-keeps-copy = сервер хранит свою копию, что бы Почта ни удаляла
cli-pop3-dele-per-web-settings = что происходит при удалении, зависит от настройки в веб-интерфейсе
cli-pop3-at-provider = У {$provider}: {$what}.
cli-certificate-accepted = сертификат {$endpoint} принят ({$fingerprint})
cli-test-server = Сервер: {$server}, {$endpoint}
cli-test-ok = готово  {$stage}
cli-test-fail = ОШИБКА  {$stage}
cli-sync-headers = {$path}: заголовки {$done}/{$total}
cli-sync-bodies = {$path}: тексты писем {$done}/{$total}
cli-sync-summary = папок: {$folders}, новых: {$new}, текстов: {$bodies}, { $bytes ->
        [one] {$bytes} байт
        [few] {$bytes} байта
       *[many] {$bytes} байт
    } за {$seconds} с
cli-sync-refused = сервер отклонил { $count ->
        [one] {$count} изменение
        [few] {$count} изменения
       *[many] {$count} изменений
    }; здесь они отменены (подробности выше)
cli-outbox-not-sent = письмо {$id} из исходящих не отправлено: {$reason}
cli-folders-unread = { $count ->
        [one] {$count} непрочитанное
        [few] {$count} непрочитанных
       *[many] {$count} непрочитанных
    }
cli-show-attachment = Вложение: {$name} ({$kind}, {$size})
cli-show-body-not-cached = (текст письма ещё не скачан; выполните `pochta sync`)
cli-imported = { $count ->
        [one] импортировано {$count} письмо
        [few] импортировано {$count} письма
       *[many] импортировано {$count} писем
    } в {$folder}
cli-import-skipped = пропущено: {$detail}
cli-attachment-too-large = {$path} весит {$size}: почтовые серверы не принимают такие большие файлы; отправьте его ссылкой
cli-sent = отправлено <{$message_id}>
cli-queued = <{$message_id}> поставлено в очередь как письмо {$id}
cli-not-sent-yet = Пока не отправлено: {$reason} Письмо остаётся в исходящих, следующая попытка в {$at} (или сейчас: `pochta outbox flush`).
cli-send-held = {$reason} Письмо остаётся в исходящих под номером {$id}: исправьте причину и выполните `pochta outbox retry {$id}`, изменить письмо — `pochta outbox edit {$id}`, отменить — `pochta outbox cancel {$id}`.
cli-letter-problem = письмо {$id}: {$reason}
cli-outbox-flushed = отправлено: {$sent}, ещё ждут: {$waiting}
cli-draft = черновик {$id}
cli-discover-looking = поиск настроек для {$address}…
cli-discover-not-found = не найден
cli-discover-login = логин {$login}
cli-discover-smtp-login = логин SMTP {$login}
cli-discover-untrusted = сертификату {$endpoint} нет доверия: «{$subject}», выдан «{$issuer}», SHA-256 {$fingerprint}
cli-discover-tried = Что проверено:
reader-date = Дата
reader-subject = Тема
error-demo-profile = не удаётся создать временный профиль для демонстрации: {$detail}
error-demo-not-loaded = не удалось загрузить демонстрационный ящик: {$detail}
error-mailto-unusable = не удаётся открыть {$uri}: {$detail}
error-window = не удалось открыть окно: {$detail}
error-mailto-not-mailto = это не ссылка mailto:
error-mailto-too-long = ссылка mailto: длиннее {$limit} символов
format-security-none = без шифрования

# --- i18n: account wizard ---
wizard-editing = Изменение {$email}: если оставить пароль пустым, сохранится прежний
wizard-enter-address = Введите адрес почты целиком, например ivan@example.org.
wizard-looking = Поиск настроек…
wizard-testing = Проверка подключения…
wizard-lookup-failed = Не удалось найти настройки ({$detail}). Заполните их ниже.
wizard-found = Настройки: {$source}
wizard-login-hint = Логин: {$login}
wizard-saving = Сохранение учётной записи…
wizard-enter-password = Введите пароль (или пароль приложения от почтового сервиса).
wizard-title-edit = Изменить учётную запись
wizard-title-add = Добавить учётную запись
wizard-your-name = Ваше имя
wizard-name-placeholder = Иван Петров
wizard-email = Адрес почты
wizard-email-placeholder = ivan@example.org
wizard-password = Пароль
wizard-find-settings = Найти настройки
wizard-cancel = Отмена
wizard-imap-choice = IMAP (рекомендуется): одна и та же почта на всех устройствах, папки хранятся на сервере
wizard-pop3-choice = POP3: почта скачивается на этот компьютер и удаляется с сервера, если не оставлять копию
wizard-leave-copy = Оставлять копию каждого письма на сервере
wizard-delete-after = Удалять через
wizard-delete-after-placeholder = дней (пусто — хранить копию)
wizard-use-smtp = Использовать SMTP {$server}
wizard-use-starttls = Включить STARTTLS на этом порту и проверить снова
wizard-login = Логин
wizard-test-and-save = Проверить и сохранить
wizard-sign-in-with = Войти через сервис {$provider}
wizard-use-app-password = Использовать пароль приложения
wizard-sign-in-instead = Вместо этого войти через сервис {$provider}
wizard-sign-in-explained = В браузере откроется страница сервиса {$provider}; Почта не видит ваш пароль. Серверы ниже будут использоваться для входа.
wizard-sign-in-unavailable = Вход через страницу сервиса {$provider} в этой сборке Почты недоступен: используйте пароль приложения, как описано ниже.
wizard-sign-in-open-by-hand = Если браузер не открылся, откройте в нём этот адрес:
wizard-sign-in-starting = Начинаем вход…
wizard-sign-in-waiting = Ожидание входа в браузере…
wizard-step-ok = готово: {$endpoint} {$stage}: {$detail}
wizard-step-ok-short = готово: {$endpoint} {$stage}
wizard-details = Подробности
wizard-hide-details = Скрыть подробности
wizard-link-failed = Не удалось открыть {$url} в браузере ({$reason}). Скопируйте адрес в браузер вручную.
wizard-step-failed = {$server}, {$endpoint}
wizard-test-failed = Учётная запись не сохранена: проверка не прошла.
wizard-test-failed-next = Исправьте настройки (правильные знает почтовый сервис или администратор) и снова нажмите «Проверить и сохранить».
wizard-test-error = Учётная запись не сохранена: {$problem}
wizard-save-failed = Проверка прошла, но учётная запись не сохранена: {$problem}
wizard-certificate-untrusted = {$host} предъявил сертификат, которому этот компьютер не доверяет.
wizard-certificate-subject = Владелец: {$subject}
wizard-certificate-issuer = Выдан: {$issuer}
wizard-certificate-validity = Действует с {$from} по {$until}
wizard-certificate-dates = Даты не сходятся с сегодняшним днём: сначала проверьте часы на компьютере.
wizard-certificate-compare = Сравните отпечаток с тем, который сообщил почтовый сервис или администратор, затем:
wizard-certificate-trust = Принять сертификат
wizard-enter-host = Укажите адрес сервера {$server}.
wizard-port-invalid = Порт {$server} должен быть числом от 1 до 65535.
wizard-port-digits-only = Порт — это число: буквы и другие знаки не вводятся.
wizard-host-placeholder = адрес
wizard-logged-in = вход выполнен как {$login}
wizard-logged-in-oauth = вход как {$login} с токеном почтового сервиса ({$mechanism})
wizard-connected = подключено к {$endpoint}; сертификат «{$subject}», выдан «{$issuer}», действует до {$until}, SHA-256 {$fingerprint}
wizard-connected-plain = подключено к {$endpoint} без шифрования
wizard-folder-count = { $count ->
        [one] {$count} папка
        [few] {$count} папки
       *[many] {$count} папок
    }
wizard-maildrop = { $count ->
        [one] {$count} письмо
        [few] {$count} письма
       *[many] {$count} писем
    } на сервере, {$size}

# --- i18n: dates and sizes ---
format-today = сегодня {$time}
format-yesterday = вчера

# --- i18n: settings ---
settings-title = Настройки
settings-open = Настройки
settings-language = Язык
settings-language-system = Язык системы
settings-theme = Оформление
settings-theme-system = Как в системе
settings-theme-light = Светлое
settings-theme-dark = Тёмное
settings-poll = Проверять остальные папки каждые
settings-poll-unit = мин.
settings-poll-note = Во «Входящие» новые письма приходят сразу (IDLE); интервал действует для остальных папок и серверов без IDLE, начиная со следующего запуска.
settings-reply-above-quote = Писать ответ над цитатой (а не под ней)
settings-notification-content = Показывать отправителя и тему в уведомлениях о новых письмах
settings-poll-invalid = Интервал должен быть целым числом минут от 1 до {$max}
settings-save = Сохранить
settings-cancel = Отмена
settings-saved = Настройки сохранены

# --- i18n: main window, folders, list, reader, composer, accounts screen ---
app-get-mail = Получить почту
app-add-account = Добавить учётную запись
app-accounts = Учётные записи
app-write = Написать
app-reply = Ответить
app-reply-all = Ответить всем
app-forward = Переслать
app-read-unread = Прочитано/нет
app-flag = Пометить
app-delete = Удалить
app-more = Ещё
app-open = Открыть
app-mark-read = Отметить как прочитанное
app-mark-unread = Отметить как непрочитанное
app-unflag = Снять пометку
app-search = Поиск писем (Ctrl+K)
app-search-help = Поиск: слова, от: кому: тема: текст: папка: есть:вложение это:непрочитанное это:важное после:2026-11 до:11/2026 "фраза"
notice-search-found = { $count ->
    [one] Найдено { $count } письмо
    [few] Найдено { $count } письма
   *[many] Найдено { $count } писем
}
notice-search-found-more = Найдено больше { $count } писем, показаны { $count } самых новых
status-search-rebuild = Перестройка поискового индекса: { $percent }% (поиск пока работает)
notice-saved-to = Сохранено: {$path}
notice-account-removed = Учётная запись {$email} удалена
notice-saving-attachment = Сохраняю вложение…
notice-checking = Проверяю почту…
notice-in-outbox = { $count ->
        [one] {$count} письмо в исходящих
        [few] {$count} письма в исходящих
       *[many] {$count} писем в исходящих
    }
notice-pending-changes = { $count ->
        [one] {$count} изменение ждёт отправки на сервер
        [few] {$count} изменения ждут отправки на сервер
       *[many] {$count} изменений ждут отправки на сервер
    }
notice-add-account-first = Сначала добавьте учётную запись
notice-add-account-for-link = Сначала добавьте учётную запись, потом ссылка откроется в окне письма
notice-sending = Отправляю…
notice-draft-saved = Черновик сохранён
notice-sent = Отправлено
notice-queued = В исходящих, уйдёт при первой возможности: {$reason}
notice-account-saved = Учётная запись {$email} сохранена; загрузка почты…
sidebar-inbox = Входящие
sidebar-sent = Отправленные
sidebar-drafts = Черновики
sidebar-trash = Корзина
sidebar-junk = Спам
sidebar-archive = Архив
reader-select-message = Выберите письмо, чтобы прочитать его.
composer-cannot-attach = Не удаётся вложить {$path}: {$detail}
composer-attach-path = Путь к файлу для вложения
accounts-remove-question = Удалить {$email}?
accounts-remove-for-good = Удалить насовсем
accounts-keep = Оставить
accounts-protocol-local = локальные папки
accounts-edit = Изменить
accounts-senders = Подпись и адреса
accounts-senders-title = Подпись и адреса отправителя { $email }
accounts-signature = Подпись
accounts-signature-hint = Добавляется под каждым письмом с этой учётной записи после строки «-- » (её добавлять не нужно).
accounts-identities = Другие адреса в поле «От» (псевдонимы, с которых почтовый сервис разрешает отправлять)
accounts-identity-name = Имя
accounts-identity-email = Адрес
accounts-identity-signature = Своя подпись (если пусто, то подпись учётной записи)
accounts-identity-add = Добавить адрес
accounts-identity-remove = Удалить
accounts-senders-save = Сохранить
accounts-senders-cancel = Отмена
accounts-senders-saved = Подпись и адреса сохранены
accounts-roles = Особые папки
accounts-rules = Правила
accounts-rules-saved = Правила сохранены
rules-title = Правила ящика {$email}
rules-explain = Правила раскладывают новую почту при получении, по порядку; папку письма выбирает первое правило, которое его перемещает, а «Остановиться» не даёт сработать следующим. «Применить» прогоняет их по письмам выбранной папки. Правило можно перетащить за ручку на другое место; Alt+↑ и Alt+↓ двигают правило, которое вы правили последним.
rules-none = Правил пока нет.
rules-when = Если
rules-field-from = От
rules-field-to = Кому или копия
rules-field-subject = Тема
rules-field-header = Заголовок
rules-header-name = Название заголовка (List-Id)
rules-contains = содержит
rules-contains-placeholder = текст, регистр не важен
rules-test-is = равно
rules-test-starts-with = начинается с
rules-test-matches = подходит под шаблон
rules-pattern-placeholder = шаблон: * любой текст, ? один символ
rules-match-all = выполнены все условия
rules-match-any = выполнено любое условие
rules-of-these = ниже:
rules-add-condition = Добавить условие
rules-remove-condition = Убрать условие
rules-then = Тогда:
rules-copy-to = Копировать в
rules-tag = Поставить метку
rules-tag-placeholder = метка ($label1)
rules-stop = Остановиться (следующие правила не применять)
rules-enabled = Включено
rules-run-on = Применить сейчас к папке
rules-run-folder = папка
rules-run-now = Применить
rules-run-stop = Остановить
rules-run-starting = Начинаю…
rules-run-progress = Проверено писем: { $checked } из { $total }; подошло: { $matched }.
rules-run-done = Готово.
rules-run-stopped = Остановлено.
rules-move-to = Переместить в
rules-folder-placeholder = папку (Архив/Счета)
rules-mark-read = Отметить прочитанным
rules-flag = Пометить
rules-delete = Удалить (в корзину)
rules-name-placeholder = Название правила (необязательно)
rules-drag-handle = Перетащите, чтобы изменить порядок
rules-up = Выше
rules-down = Ниже
rules-remove = Убрать
rules-add = Добавить правило
rules-save = Сохранить
rules-cancel = Отмена
accounts-roles-title = Особые папки { $email }
accounts-roles-hint = В какой папке хранятся отправленные письма, черновики, удалённые письма, спам и архив. Почта будет использовать ваш выбор вместо того, что сообщает сервер.
accounts-roles-none = (нет)
accounts-remove = Удалить
accounts-close = Закрыть
accounts-removal-imap = { $count ->
        [one] {$count} письмо, сохранённое на этом компьютере, будет удалено
        [few] {$count} письма, сохранённые на этом компьютере, будут удалены
       *[many] {$count} писем, сохранённых на этом компьютере, будут удалены
    }; почта на сервере останется и вернётся, если снова добавить учётную запись.
accounts-removal-pop3 = { $count ->
        [one] {$count} письмо этой учётной записи есть только на этом компьютере (POP3 перенёс его сюда): при удалении учётной записи оно пропадёт навсегда
        [few] {$count} письма этой учётной записи есть только на этом компьютере (POP3 перенёс их сюда): при удалении учётной записи они пропадут навсегда
       *[many] {$count} писем этой учётной записи есть только на этом компьютере (POP3 перенёс их сюда): при удалении учётной записи они пропадут навсегда
    }. Сначала экспортируйте то, что хотите сохранить.
accounts-removal-local = { $count ->
        [one] {$count} письмо этой учётной записи есть только на этом компьютере: при удалении учётной записи оно пропадёт навсегда
        [few] {$count} письма этой учётной записи есть только на этом компьютере: при удалении учётной записи они пропадут навсегда
       *[many] {$count} писем этой учётной записи есть только на этом компьютере: при удалении учётной записи они пропадут навсегда
    }. Сначала экспортируйте то, что хотите сохранить.
accounts-removal-outbox = { $count ->
        [one] {$count} неотправленное письмо в исходящих тоже будет удалено.
        [few] {$count} неотправленных письма в исходящих тоже будут удалены.
       *[many] {$count} неотправленных писем в исходящих тоже будут удалены.
    }

# --- import, export, single instance ---
error-export-not-cached = Текста письма { $id } ещё нет на этом компьютере; выполните `pochta sync` и попробуйте снова.
cli-instance-no-answer = Почта уже запущена с этим профилем, но не приняла запрос ({ $error }). Закройте её или попробуйте снова.
reader-save-eml = Сохранить как .eml
reader-save-eml-title = Сохранить письмо в файл .eml
accounts-import-mail = Импорт почты…
import-title = Импорт почты
import-explanation = Файлы почтовых ящиков (mbox, как их хранит Thunderbird), отдельные письма (.eml) или папка Maildir. Письма копируются, сами файлы не меняются. Письма, импортированные в папку учётной записи IMAP, попадут на сервер при следующей синхронизации.
import-choose-files = Выбрать файлы…
import-choose-maildir = Папка Maildir…
import-choose-files-title = Файлы почтовых ящиков для импорта
import-choose-maildir-title = Папка Maildir для импорта
import-local-folders = Локальные папки (на этом компьютере)
import-default-folder = Импорт
import-into = Куда
import-folder = папка
import-start = Импортировать
import-close = Закрыть
import-running = Импорт файла { $file } из { $files }: пока { $count ->
    [one] { $count } письмо
    [few] { $count } письма
   *[many] { $count } писем
}…
import-done = { $count ->
    [one] Импортировано { $count } письмо
    [few] Импортировано { $count } письма
   *[many] Импортировано { $count } писем
} в папку { $folder }.
import-file-failed = { $file } не импортирован: { $error }
import-skipped = { $file }: { $count ->
    [one] не удалось прочитать { $count } письмо
    [few] не удалось прочитать { $count } письма
   *[many] не удалось прочитать { $count } писем
}:
import-skipped-more = …и ещё { $count }.

# --- command line help (src/cli/help.rs) ---
cli-help = Почтовый клиент, который не теряет ни одного письма
cli-help--profile = Хранить всё (настройки, кэш почты, журналы) в этой папке
cli-help--json = Вывод для программ (JSON)
cli-help--demo = Открыть окно на встроенном примере почты во временном профиле (учётная запись не нужна)
cli-help-account = Добавить, показать, удалить и проверить учётные записи
cli-help-account-add = Добавить учётную запись (пароль уходит в хранилище паролей или берётся из команды)
cli-help-account-add--name = Имя, которое видят получатели
cli-help-account-add--preset = Взять серверы из готовой настройки почтовой службы (см. `pochta presets`); IMAP, если не указано `--protocol pop3`
cli-help-account-add--incoming = Сервер входящей почты: ХОСТ:ПОРТ
cli-help-account-add--smtp = Сервер исходящей почты (SMTP): ХОСТ:ПОРТ
cli-help-account-add--login = Логин, если он не тот, что следует из настройки или адреса
cli-help-account-add--password-stdin = Прочитать пароль со стандартного ввода и сохранить его в хранилище паролей системы
cli-help-account-add--password-command = Команда, которая печатает пароль (запускается каждый раз, когда он нужен)
cli-help-account-add--oauth = Входить через почтовый сервис (OAuth 2.0), а не по паролю: печатает адрес, который нужно открыть в браузере, и ждёт входа (настройки берутся по адресу почты)
cli-help-account-add--oauth-wait = С --oauth: сколько секунд ждать браузер (по умолчанию 300)
cli-help-account-add--oauth-authorize-url = С --oauth для почтового сервиса без готовых настроек (его файл autoconfig называет OAuth2): адреса входа, идентификатор клиента, области доступа (можно несколько) и механизм SASL для IMAP/POP3
cli-help-account-add--ca-file = Доверять ещё одному удостоверяющему центру (PEM) для серверов этой записи; проверка сертификатов остаётся включённой
cli-help-account-add--pop3-leave-on-server = POP3: оставлять копию каждого письма на сервере
cli-help-account-add--body-days = IMAP: хранить тексты писем для чтения без сети только за последние N дней
cli-help-account-add--attachments-on-demand = IMAP: хранить заголовки и текст для чтения без сети; вложения загружать при открытии
cli-help-account-add--pop3-delete-after-days = POP3: если копия оставлена на сервере, удалять её там через N дней
cli-help-account-add--signature = Подпись под текстом каждого письма, отправленного с этой записи
cli-help-account-add--pop3-delete-when-deleted-locally = POP3: удалять копию на сервере, когда письмо удалено здесь
cli-help-account-list = Показать настроенные учётные записи
cli-help-account-remove = Удалить учётную запись и её локальную копию почты
cli-help-account-test = Подключиться к серверам ровно так, как настроено, войти и понятно рассказать, что вышло
cli-help-account-test--accept-fingerprint = Принять сертификат сервера с этим отпечатком SHA-256 (его печатает неудачная проверка) и запомнить его для этого сервера
cli-help-sync = Один полный проход: папки, заголовки, флаги, тексты писем, отложенные действия; затем итог
cli-help-sync--headers-only = Только заголовки и флаги, без текстов писем
cli-help-folders = Дерево папок с числом всех и непрочитанных писем
cli-help-list = Письма папки, новые первыми
cli-help-list--folder = Путь папки ("INBOX", "Archive/2024"); по умолчанию INBOX
cli-help-show = Письмо текстом или его точные байты
cli-help-export = Записать точные байты письма в файл .eml (имя по теме; существующие файлы не перезаписываются)
cli-help-export--to = Папка, куда записать (по умолчанию текущая), или сам файл
cli-help-search = Поиск по локальной почте, новые первыми: слова в любой форме, от: кому: копия: тема: текст: папка: ящик: есть:вложение это:непрочитанное это:важное это:отвеченное до: после: "фразы"
cli-help-search--query = Что искать, как в строке поиска окна (операторы по-русски или по-английски)
cli-help-search--account = Только этот ящик (его адрес)
cli-help-search--folder = Только эта папка (путь, имя или назначение: "INBOX", "Archive/2024", "sent")
cli-help-flag = Поставить или снять флаги: `pochta flag 42 +seen -flagged` (в очередь, на сервер при следующей синхронизации)
cli-help-flag--changes = +seen, -seen, +flagged, -flagged, +answered, -answered
cli-help-move = Переместить письмо в папку (в очередь, на сервер при следующей синхронизации)
cli-help-copy = Скопировать письмо в папку (в очередь, на сервер при следующей синхронизации)
cli-help-delete = Удалить письмо: в корзину, а из корзины насовсем (в очередь, на сервер при следующей синхронизации)
cli-help-junk = Отметить письмо как спам: фильтр спама запоминает его, письмо получает $Junk и уходит в папку «Спам»
cli-help-not-junk = Отметить письмо как «не спам»: фильтр запоминает его как нужное, письмо получает $NotJunk и из «Спама» возвращается во «Входящие»
cli-help-junk-filter = Фильтр спама: обучить по папкам «Спам» и «Входящие», объяснить, почему письмо — спам, включить или выключить для ящика
cli-help-junk-filter-learn = Обучить фильтр по сохранённым письмам: из «Спама» каждого ящика — как спам, из «Входящих» — как нужные
cli-help-junk-filter-why = Как фильтр оценивает сохранённое письмо и какие слова весят больше всего
cli-help-junk-filter-on = Проверять новую почту этого ящика при получении (по умолчанию)
cli-help-junk-filter-off = Никогда не переносить новую почту этого ящика в «Спам» (отметки «Спам» и «Не спам» по-прежнему обучают фильтр)
cli-help-folder = Создать, переименовать или удалить папку (в очередь, на сервере при следующей синхронизации)
cli-help-import = Импортировать файл mbox (в том числе Thunderbird), папку Maildir или файл .eml в папку: локальных папок или учётной записи (IMAP: выгружается при следующей синхронизации)
cli-help-import--folder = Папка, куда положить письма (создаётся, если её нет)
cli-help-send = Написать письмо (текст со стандартного ввода): оно попадает в исходящие, затем на сервер
cli-help-send--account = Учётная запись, с которой отправить (её адрес); по умолчанию первая
cli-help-send--from = Другой адрес отправителя (псевдоним, который служба разрешает для этого логина)
cli-help-send--html = Отправить текст ещё и в виде HTML
cli-help-send--no-signature = Не добавлять подпись учётной записи
cli-help-send--reply = Ответить на это письмо из кэша (заголовки цепочки и цитата); с --all ответить всем участникам
cli-help-send--forward = Переслать это письмо из кэша (в тексте; с --as-attachment целиком вложением)
cli-help-send--draft = Сохранить черновик вместо отправки
cli-help-send--draft-id = Сохранить в этот черновик (заменив его, и на сервере тоже); подразумевает --draft
cli-help-outbox = Письма, ждущие отправки: показать, отправить сейчас, повторить, отменить или вернуть в черновик
cli-help-outbox-list = Письма, ждущие отправки (по умолчанию)
cli-help-outbox-flush = Попробовать отправить сейчас все письма, которым пора
cli-help-outbox-retry = Ещё раз попробовать отправить это письмо сейчас (исправив то, от чего отказался сервер)
cli-help-outbox-cancel = Убрать это письмо из исходящих насовсем
cli-help-outbox-edit = Вернуть это письмо из исходящих в черновик
cli-help-drafts = Сохранённые черновики: показать, отправить или удалить
cli-help-drafts-list = Сохранённые черновики (по умолчанию)
cli-help-drafts-send = Отправить этот черновик
cli-help-discover = Найти настройки серверов для адреса: готовые настройки, MX домена, файл автонастройки почтовой службы, затем проверка обычных имён и портов (пароль не отправляется)
cli-help-discover--address = Адрес почты (ivan@example.org)
cli-help-discover--ca-file = При проверке доверять ещё и сертификатам удостоверяющих центров из этого файла PEM (свои серверы)
cli-help-presets = Таблица почтовых служб или настройки для одного домена или адреса
cli-help-presets--query = Домен (mail.ru) или адрес (ivan@yandex.ru)
