"""The Russian letters of the demo mailbox: a personal thread, a work thread in the "Работа"
folder, old charsets (KOI8-R and windows-1251, 8bit and quoted-printable), attachments with
Cyrillic names (RFC 2231 and RFC 2047 styles), a photo, an emoji subject."""

from mimebuild import attachment, date, encoded_words, mailbox, mailboxes, message, multipart, rfc2231_filename, text

ANNA = mailbox("Анна Смирнова", "anna.smirnova@example.org")
KATYA = mailbox("Катя Белова", "katya.belova@mail.example")
DMITRY = mailbox("Дмитрий Волков", "d.volkov@severtech.example")
OLGA = mailbox("Ольга Кузнецова", "olga.kuznetsova@severtech.example")
MSK = "+0300"


def letter(file, folder, flags, headers, part):
    return {"file": file, "folder": folder, "flags": flags, "raw": message(headers, part)}


def russian_letters(binaries):
    return [
        advance_report_koi8r(),
        *kazan_thread(),
        *release_thread(),
        order_cp1251_qp(),
        hot_water_cp1251_8bit(),
        recipe_koi8r_qp(),
        invoice(binaries),
        dacha_photo(binaries),
        birthday(),
        clinic(),
        presentation_sent(binaries),
        board_games(),
    ]


def advance_report_koi8r():
    body = """Уважаемые сотрудники!

Напоминаем, что авансовые отчёты за октябрь нужно сдать до 10 ноября.
К отчёту приложите оригиналы чеков и посадочные талоны.

Отчёты, сданные позже, будут учтены только в декабре.

С уважением,
бухгалтерия ООО "Севертех"
тел. 8 (495) 000-12-34, доб. 210
"""
    headers = [
        ("From", mailbox("Бухгалтерия", "buh@severtech.example", "koi8-r")),
        ("To", mailbox("Сотрудники", "all@severtech.example", "koi8-r")),
        ("Subject", encoded_words("Авансовые отчёты за октябрь - до 10 ноября", "koi8-r")),
        ("Date", date("2026-11-02 10:15", MSK)),
        ("Message-ID", "<20261102101500.4411@severtech.example>"),
        ("X-Mailer", "The Bat! (v3.99.3) Professional"),
    ]
    return letter("02-advance-report-koi8r-8bit.eml", "Работа", ["Seen"], headers, text(body, charset="koi8-r", cte="8bit"))


def kazan_thread():
    ids = [
        "<CAKt7-kazan-1@mail.example>",
        "<kazan-2.anna@example.org>",
        "<CAKt7-kazan-3@mail.example>",
        "<kazan-4.anna@example.org>",
    ]
    subject = "Казань на выходные?"
    bodies = [
        """Аня, привет!

Мы с Серёжей думаем съездить в Казань на выходные 17–18 октября. Поедешь с нами?
Поезд в пятницу вечером, билеты пока есть, около 3 200 ₽ в одну сторону.
Жильё можно снять в центре, недалеко от Кремля.

Катя
""",
        """Катя, привет!

Очень хочу! Только в пятницу я до семи на работе — успеем на поезд в 21:40?
Если да, бери и на меня, деньги сразу переведу.

Аня

2 окт. 2026 г., в 19:40, Катя Белова написала:
> Мы с Серёжей думаем съездить в Казань на выходные 17–18 октября. Поедешь с нами?
""",
        """Успеем! Билеты взяла, вагон 7, места 21, 22 и 23.

План на субботу:
  10:00 — Кремль и мечеть Кул-Шариф
  13:00 — обед на Баумана (чак-чак обязательно)
  15:00 — Старо-Татарская слобода
  вечером — набережная

С тебя 3 200 ₽ за билет туда, обратно купим на месте.

> Если да, бери и на меня, деньги сразу переведу.
""",
        """Перевела, проверь. Спасибо, что всё организовала!
До пятницы, встречаемся у табло на Казанском вокзале в 21:15.

Аня
""",
    ]
    plan = [
        ("03-kazan-trip.eml", "INBOX", ["Seen", "Answered"], KATYA, ANNA, "2026-10-02 19:40"),
        ("04-re-kazan-trip.eml", "Sent", ["Seen"], ANNA, KATYA, "2026-10-02 21:05"),
        ("05-re-kazan-trip-tickets.eml", "INBOX", ["Seen", "Answered"], KATYA, ANNA, "2026-10-03 09:12"),
        ("06-re-kazan-trip-paid.eml", "Sent", ["Seen"], ANNA, KATYA, "2026-10-03 10:30"),
    ]
    letters = []
    for index, (file, folder, flags, sender, recipient, when) in enumerate(plan):
        headers = [
            ("From", sender),
            ("To", recipient),
            ("Subject", encoded_words(("Re: " if index else "") + subject)),
            ("Date", date(when, MSK)),
            ("Message-ID", ids[index]),
        ]
        if index:
            headers += [("In-Reply-To", ids[index - 1]), ("References", " ".join(ids[:index]))]
        letters.append(letter(file, folder, flags, headers, text(bodies[index], cte="base64" if index % 2 else "8bit")))
    return letters


def release_thread():
    ids = [
        "<release-2.3-plan.1@severtech.example>",
        "<release-2.3-plan.2@severtech.example>",
        "<release-2.3-plan.3.anna@example.org>",
        "<release-2.3-plan.4@severtech.example>",
    ]
    subject = "Релиз 2.3: что осталось"
    plain1 = """Коллеги, добрый день!

До релиза 2.3 осталось четыре задачи:

1. Перевод настроек на русский — Анна.
2. Исправить падение при открытии пустой папки — Ольга.
3. Обновить инструкцию для пользователей — я.
4. Прогнать регрессию на тестовом сервере — все вместе в среду.

Если что-то не успеваете, напишите до вечера вторника.

Дмитрий
"""
    html1 = """<html><body style="font-family: sans-serif">
<p>Коллеги, добрый день!</p>
<p>До релиза 2.3 осталось четыре задачи:</p>
<table border="1" cellpadding="4" style="border-collapse: collapse">
<tr><th>Задача</th><th>Кто</th></tr>
<tr><td>Перевод настроек на русский</td><td>Анна</td></tr>
<tr><td>Исправить падение при открытии пустой папки</td><td>Ольга</td></tr>
<tr><td>Обновить инструкцию для пользователей</td><td>Дмитрий</td></tr>
<tr><td>Прогнать регрессию на тестовом сервере</td><td>все вместе в среду</td></tr>
</table>
<p>Если что-то не успеваете, напишите до вечера вторника.</p>
<p>Дмитрий</p>
</body></html>
"""
    plain2 = """Падение нашла: пустая папка без UIDNEXT. Исправление на ревью,
к среде будет в сборке.

Ольга
"""
    plain3 = """Перевод готов, осталось 12 строк в окне настроек — сделаю завтра утром.
Нужен кто-то, кто прочитает русские тексты свежим взглядом. Ольга, посмотришь?

Анна
"""
    plain4 = """Итог: регрессия прошла, релиз 2.3 выпускаем в четверг, 19 ноября.
Спасибо всем!

Дмитрий
"""
    team = mailboxes(ANNA, OLGA)
    return [
        letter(
            "11-release-2-3-plan.eml",
            "Работа",
            ["Seen", "Answered"],
            [
                ("From", DMITRY),
                ("To", team),
                ("Subject", encoded_words(subject)),
                ("Date", date("2026-11-16 10:02", MSK)),
                ("Message-ID", ids[0]),
            ],
            multipart("alternative", "=_release_1", text(plain1), text(html1, "html")),
        ),
        letter(
            "12-re-release-2-3-plan.eml",
            "Работа",
            ["Seen"],
            [
                ("From", OLGA),
                ("To", DMITRY),
                ("Cc", ANNA),
                ("Subject", encoded_words("Re: " + subject, encoding="Q")),
                ("Date", date("2026-11-16 11:30", MSK)),
                ("Message-ID", ids[1]),
                ("In-Reply-To", ids[0]),
                ("References", ids[0]),
            ],
            text(plain2),
        ),
        letter(
            "13-re-release-2-3-plan.eml",
            "Sent",
            ["Seen"],
            [
                ("From", ANNA),
                ("To", DMITRY),
                ("Cc", OLGA),
                ("Subject", encoded_words("Re: " + subject)),
                ("Date", date("2026-11-16 12:10", MSK)),
                ("Message-ID", ids[2]),
                ("In-Reply-To", ids[1]),
                ("References", f"{ids[0]} {ids[1]}"),
            ],
            text(plain3),
        ),
        letter(
            "14-re-release-2-3-date.eml",
            "Работа",
            ["Flagged"],
            [
                ("From", DMITRY),
                ("To", team),
                ("Subject", encoded_words("Re: " + subject)),
                ("Date", date("2026-11-18 17:45", MSK)),
                ("Message-ID", ids[3]),
                ("In-Reply-To", ids[2]),
                ("References", f"{ids[0]} {ids[1]}\r\n {ids[2]}"),
            ],
            text(plain4),
        ),
    ]


def order_cp1251_qp():
    body = """Здравствуйте, Анна!

Ваш заказ №48213 передан в службу доставки.

  «Мастер и Маргарита», М. Булгаков — 1 шт.
  «Понедельник начинается в субботу», А. и Б. Стругацкие — 1 шт.

Сумма: 1 180 руб. Курьер позвонит за час до приезда.

Спасибо, что выбрали «Книжный дом»!
"""
    headers = [
        ("From", mailbox("Книжный дом", "orders@knigi-dom.example", "windows-1251", "Q")),
        ("To", ANNA),
        ("Subject", encoded_words("Заказ №48213 передан в доставку", "windows-1251", "Q")),
        ("Date", date("2026-11-20 14:22", MSK)),
        ("Message-ID", "<order-48213-shipped@knigi-dom.example>"),
    ]
    part = text(body, charset="windows-1251", cte="quoted-printable")
    return letter("15-order-shipped-cp1251-qp.eml", "INBOX", ["Seen"], headers, part)


def hot_water_cp1251_8bit():
    body = """Уважаемые жильцы!

В связи с плановыми работами 12 и 13 ноября с 9:00 до 21:00
в домах 5 и 7 по ул. Берёзовой будет отключена горячая вода.

Приносим извинения за неудобства.

Правление ТСЖ «Берёзка»
"""
    headers = [
        ("From", mailbox("ТСЖ «Берёзка»", "pravlenie@berezka.example", "windows-1251")),
        ("To", ANNA),
        ("Subject", encoded_words("Отключение горячей воды 12–13 ноября", "windows-1251")),
        ("Date", date("2026-11-06 18:03", MSK)),
        ("Message-ID", "<hot-water-2026-11@berezka.example>"),
        ("X-Mailer", "Microsoft Outlook Express 6.00.2900.5512"),
    ]
    part = text(body, charset="windows-1251", cte="8bit")
    return letter("16-hot-water-cp1251-8bit.eml", "INBOX", ["Seen"], headers, part)


def recipe_koi8r_qp():
    body = """Анечка, вот рецепт пирога с яблоками, как ты просила.

Тесто: 3 яйца, 1 стакан сахара, 1 стакан муки.
Яйца взбить с сахаром до белой пены, аккуратно вмешать муку.
Яблоки (4-5 штук) нарезать дольками, выложить в форму, залить тестом.
Печь 40 минут при 180 градусах, не открывая духовку первые полчаса!

Целую, мама
"""
    headers = [
        ("From", mailbox("Мама", "l.smirnova@mail.example", "koi8-r")),
        ("To", ANNA),
        ("Subject", encoded_words("Рецепт шарлотки", "koi8-r", "Q")),
        ("Date", date("2026-09-13 20:47", MSK)),
        ("Message-ID", "<recipe-sharlotka@mail.example>"),
    ]
    part = text(body, charset="koi8-r", cte="quoted-printable")
    return letter("17-recipe-koi8r-qp.eml", "Archive", ["Seen", "Flagged"], headers, part)


def invoice(binaries):
    pdf = binaries.pdf(
        [
            "Tochka coworking - invoice 118",
            "Date: 25.11.2026",
            "Customer: Anna Smirnova",
            "Fixed desk, December 2026 .......... 14 500.00 RUB",
            "Total due by 05.12.2026 ............ 14 500.00 RUB",
        ]
    )
    body = """Анна, добрый день!

Во вложении счёт на оплату рабочего места за декабрь. Оплатить нужно до 5 декабря.

Коворкинг «Точка»
"""
    headers = [
        ("From", mailbox("Коворкинг «Точка»", "billing@tochka-cowork.example")),
        ("To", ANNA),
        ("Subject", encoded_words("Счёт на оплату за декабрь")),
        ("Date", date("2026-11-25 12:00", MSK)),
        ("Message-ID", "<invoice-118@tochka-cowork.example>"),
    ]
    part = multipart(
        "mixed",
        "=_invoice_118",
        text(body),
        attachment(pdf, "application/pdf", rfc2231_filename("Счёт №118 от 25.11.2026.pdf")),
    )
    return letter("19-invoice-pdf-cyrillic-rfc2231.eml", "Работа", ["Seen", "Flagged"], headers, part)


def dacha_photo(binaries):
    body = """Смотри, какая у нас на даче погода! Приезжай в следующие выходные,
будем жарить шашлыки и собирать яблоки.

Катя
"""
    headers = [
        ("From", KATYA),
        ("To", ANNA),
        ("Subject", encoded_words("Фото с дачи")),
        ("Date", date("2026-09-06 16:20", MSK)),
        ("Message-ID", "<CAKt7-dacha-photo@mail.example>"),
    ]
    part = multipart(
        "mixed",
        "=_dacha",
        text(body),
        attachment(binaries.png_landscape(), "image/png", rfc2231_filename("дача.png"), type_name='"dacha.png"'),
    )
    return letter("20-dacha-photo-png.eml", "Archive", ["Seen"], headers, part)


def birthday():
    body = """Аня, с днём рождения! 🎉

Желаю, чтобы работа радовала, отпуск был длинным, а почта приходила
только хорошая. Подарок ждёт тебя на твоём столе 🎁

Ольга и весь отдел
"""
    headers = [
        ("From", OLGA),
        ("To", ANNA),
        ("Subject", encoded_words("С днём рождения! 🎂")),
        ("Date", date("2026-08-19 09:01", MSK)),
        ("Message-ID", "<birthday-anna-2026@severtech.example>"),
    ]
    return letter("23-birthday-emoji-base64.eml", "Archive", ["Seen"], headers, text(body, cte="base64"))


def clinic():
    body = """Анна Сергеевна, вы записаны на приём.

Врач: терапевт Соколова Е. В.
Дата: четверг, 3 декабря 2026 г., 08:40
Кабинет: 214, второй этаж

Возьмите с собой паспорт и полис ОМС. Если не сможете прийти,
отмените запись не позднее чем за сутки.

Это письмо отправлено автоматически, отвечать на него не нужно.
"""
    headers = [
        ("From", mailbox("Городская поликлиника №3", "noreply@clinic3.example")),
        ("To", ANNA),
        ("Subject", encoded_words("Запись к врачу на 3 декабря подтверждена", encoding="Q")),
        ("Date", date("2026-11-28 19:30", MSK)),
        ("Message-ID", "<appointment-771204@clinic3.example>"),
        ("Auto-Submitted", "auto-generated"),
    ]
    return letter("25-clinic-appointment-qp.eml", "INBOX", ["Flagged"], headers, text(body))


def presentation_sent(binaries):
    pdf = binaries.pdf(["Severtech - client presentation (draft)", "1. Goals", "2. Timeline", "3. Budget"])
    body = """Дмитрий, привет!

Черновик презентации для клиента во вложении. Слайды 3 и 4 ещё сырые,
цифры бюджета возьму у Ольги завтра.

Анна
"""
    name = encoded_words("Презентация (черновик).pdf")
    headers = [
        ("From", ANNA),
        ("To", DMITRY),
        ("Subject", encoded_words("Презентация для клиента — черновик")),
        ("Date", date("2026-11-18 19:12", MSK)),
        ("Message-ID", "<presentation-draft.anna@example.org>"),
    ]
    # Outlook and Mail.ru spell non-ASCII file names as RFC 2047 words in quotes, not RFC 2231.
    part = multipart(
        "mixed",
        "=_presentation",
        text(body),
        attachment(pdf, "application/pdf", f'filename="{name}"', type_name=f'"{name}"'),
    )
    return letter("26-presentation-sent-rfc2047-name.eml", "Sent", ["Seen"], headers, part)


def board_games():
    body = """Друзья, привет!

В субботу, 5 декабря, собираемся в антикафе «Ладья» (ул. Садовая, 12) в 16:00.

В программе: «Каркассон», «Диксит» и долгожданная «Эволюция» с новым дополнением.
Новички приходят к 15:30 — объясним правила.

Вход 400 ₽, чай и печенье включены.

Чтобы отписаться от рассылки, ответьте на письмо со словом «отписаться».
--
Клуб настольных игр «Ход конём»
"""
    headers = [
        ("From", mailbox("Клуб «Ход конём»", "club@hodkonem.example")),
        ("To", mailbox("Участники клуба", "members@lists.hodkonem.example")),
        ("Subject", encoded_words("[Ход конём] Встреча в субботу, 5 декабря")),
        ("Date", date("2026-11-26 20:10", MSK)),
        ("Message-ID", "<meetup-2026-12-05@lists.hodkonem.example>"),
        ("List-Id", "=?utf-8?B?0KXQvtC0INC60L7QvdGR0Lw=?= <members.lists.hodkonem.example>"),
        ("Precedence", "list"),
    ]
    return letter("28-board-games-club-list.eml", "INBOX", [], headers, text(body))
