# Почта, русский. Те же ключи, что в i18n/en/pochta.ftl (это проверяют тесты).

app-title = Почта
app-title-demo = Почта (демо)

# --- import, export, single instance ---
error-export-not-cached = Текста письма { $id } ещё нет на этом компьютере; выполните `pochta sync` и попробуйте снова.
cli-instance-no-answer = Почта уже запущена с этим профилем, но не приняла запрос ({ $error }). Закройте её или попробуйте снова.
reader-save-eml = Сохранить как .eml
reader-save-eml-title = Сохранить письмо в файл .eml
accounts-import-mail = Импорт почты…
import-title = Импорт почты
import-explanation = Файлы почтовых ящиков (mbox, как их хранит Thunderbird), отдельные письма (.eml) или папка Maildir. Письма копируются, файлы остаются как были. В папку учётной записи письма попадут на сервер при следующей синхронизации.
import-choose-files = Выбрать файлы mbox или .eml…
import-choose-maildir = Выбрать папку Maildir…
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
