"""The English letters of the demo mailbox: a roadmap thread with HTML, a newsletter with remote
images, notifications, a mailing-list reply with quotes, a text attachment and an HTML-only receipt."""

from mimebuild import attachment, date, mailbox, mailboxes, message, multipart, text

ANNA = mailbox("Anna Smirnova", "anna.smirnova@example.org")
MARK = mailbox("Mark Jensen", "mark.jensen@nordlight.example")
PRIYA = mailbox("Priya Raman", "priya.raman@nordlight.example")


def letter(file, folder, flags, headers, part):
    return {"file": file, "folder": folder, "flags": flags, "raw": message(headers, part)}


def english_letters():
    return [welcome(), *roadmap_thread(), newsletter(), notes(), flight(), forge(), list_reply(), dinner(), receipt()]


def welcome():
    body = """Hello Anna,

this is Pochta's demo mailbox. Nothing here is real and nothing you do leaves
your computer: the letters live in a temporary profile that is removed when
you close the window.

What to look at:

  * INBOX has a thread about a roadmap review (HTML and plain text), a
    newsletter whose pictures are blocked until you allow them, and a few
    notifications.
  * "Работа" is a folder with a Cyrillic name, as Russian mail servers have.
  * Some letters were written in KOI8-R and windows-1251, the old Russian
    encodings; they should read as normal text.
  * Archive holds older mail with attachments: a photo, a PDF, notes.

Search works offline too: try "Казань" or "Tbilisi".

— Pochta
"""
    headers = [
        ("From", mailbox("Pochta", "hello@pochta.example")),
        ("To", ANNA),
        ("Subject", "Welcome to the Pochta demo"),
        ("Date", date("2026-11-30 08:00", "+0000")),
        ("Message-ID", "<welcome.demo@pochta.example>"),
    ]
    return letter("01-welcome-to-the-demo.eml", "INBOX", [], headers, text(body))


def roadmap_thread():
    first_id = "<CAF3k2-roadmap-1@nordlight.example>"
    second_id = "<reply-roadmap-2.anna@example.org>"
    third_id = "<b7d1e0a9-roadmap-3@nordlight.example>"
    fourth_id = "<CAF3k2-roadmap-4@nordlight.example>"
    subject = "Q1 2027 roadmap review"

    plain1 = """Hi Anna,

before we lock the Q1 plan I'd like one hour with you and Priya. Three things
I want to settle:

1. Offline sync for the mobile app: ship in February or wait for the new
   conflict screen?
2. The Russian localisation: your team's estimate was four weeks. Still true?
3. Whether we drop support for the old 2019 on-premise server.

Could you send me two or three slots that work next week?

Thanks,
Mark
"""
    html1 = """<html><body style="font-family: sans-serif">
<p>Hi Anna,</p>
<p>before we lock the Q1 plan I'd like one hour with you and Priya. Three things I want to settle:</p>
<ol>
<li><b>Offline sync</b> for the mobile app: ship in February or wait for the new conflict screen?</li>
<li>The <b>Russian localisation</b>: your team's estimate was four weeks. Still true?</li>
<li>Whether we drop support for the old 2019 on-premise server.</li>
</ol>
<p>Could you send me two or three slots that work next week?</p>
<p>Thanks,<br>Mark</p>
</body></html>
"""
    plain2 = """Hi Mark,

happy to. Tuesday 17th after 13:00 CET, or any time on Thursday 19th.

On your points: four weeks for the localisation still holds, plurals and date
formats are done. For offline sync I'd rather wait for the conflict screen;
I'll bring numbers from the beta.

Anna

On Mon, 9 Nov 2026 at 15:20, Mark Jensen wrote:
> before we lock the Q1 plan I'd like one hour with you and Priya.
"""
    plain3 = """Thursday works for me too. Suggested agenda:

  - 10 min: beta numbers (Anna)
  - 20 min: offline sync decision
  - 15 min: localisation plan and who reviews the Russian strings
  - 15 min: the on-premise server, with the support team's ticket count

I'll share the ticket count on Wednesday.

Priya
"""
    plain4 = """Booked: Thursday 19 November, 14:00-15:00 CET, room "Fjord" and the
usual video link. Priya's agenda is in the invitation.

Mark
"""
    html4 = """<html><body style="font-family: sans-serif">
<p><b>Booked:</b> Thursday 19 November, 14:00&ndash;15:00 CET, room &ldquo;Fjord&rdquo; and the usual video link.
Priya's agenda is in the invitation.</p>
<p>Mark</p>
</body></html>
"""
    return [
        letter(
            "07-roadmap-review.eml",
            "INBOX",
            ["Seen", "Answered"],
            [
                ("From", MARK),
                ("To", ANNA),
                ("Cc", PRIYA),
                ("Subject", subject),
                ("Date", date("2026-11-09 15:20", "+0100")),
                ("Message-ID", first_id),
            ],
            multipart("alternative", "=_roadmap_1", text(plain1), text(html1, "html")),
        ),
        letter(
            "08-re-roadmap-review.eml",
            "Sent",
            ["Seen"],
            [
                ("From", ANNA),
                ("To", MARK),
                ("Cc", PRIYA),
                ("Subject", "Re: " + subject),
                ("Date", date("2026-11-09 18:02", "+0300")),
                ("Message-ID", second_id),
                ("In-Reply-To", first_id),
                ("References", first_id),
            ],
            text(plain2),
        ),
        letter(
            "09-re-roadmap-review-agenda.eml",
            "INBOX",
            ["Seen"],
            [
                ("From", PRIYA),
                ("To", mailboxes(ANNA, MARK)),
                ("Subject", "Re: " + subject),
                ("Date", date("2026-11-10 10:47", "+0530")),
                ("Message-ID", third_id),
                ("In-Reply-To", second_id),
                ("References", f"{first_id} {second_id}"),
            ],
            text(plain3, cte="7bit", charset="us-ascii"),
        ),
        letter(
            "10-re-roadmap-review-booked.eml",
            "INBOX",
            [],
            [
                ("From", MARK),
                ("To", mailboxes(ANNA, PRIYA)),
                ("Subject", "Re: " + subject),
                ("Date", date("2026-11-10 12:05", "+0100")),
                ("Message-ID", fourth_id),
                ("In-Reply-To", third_id),
                ("References", f"{first_id} {second_id}\r\n {third_id}"),
            ],
            multipart("alternative", "=_roadmap_4", text(plain4), text(html4, "html")),
        ),
    ]


def newsletter():
    images = "https://cdn.osweekly.example/issues/142"
    plain = """OPEN SOURCE WEEKLY #142

1. A terminal file manager reaches 1.0 after six years.
2. Why your mail client should never delete before it commits.
3. Rust 1.95: what changed for async code.
4. Interview: the people who keep a 30-year-old mail server alive.

Read online: https://osweekly.example/142
Unsubscribe: https://osweekly.example/unsubscribe?u=a81f2c
"""
    html = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Open Source Weekly #142</title>
<style>body {{ font-family: Georgia, serif; background: #f4f1ea; }} .story {{ margin: 16px 0; }}</style>
</head><body>
<table width="600" align="center" cellpadding="0" cellspacing="0"><tr><td>
<img src="{images}/header.png" width="600" height="120" alt="Open Source Weekly">
<h1>Issue #142</h1>
<div class="story"><img src="{images}/filemanager.jpg" width="580" alt="">
<h2><a href="https://osweekly.example/142/file-manager">A terminal file manager reaches 1.0</a></h2>
<p>Six years, 400 contributors and one very long changelog.</p></div>
<div class="story"><img src="{images}/envelope.jpg" width="580" alt="">
<h2><a href="https://osweekly.example/142/never-delete">Never delete before you commit</a></h2>
<p>How a POP3 client can lose mail, and the two lines of code that stop it.</p></div>
<div class="story"><h2><a href="https://osweekly.example/142/rust-195">Rust 1.95 for async code</a></h2>
<p>The changes that matter if you write network services.</p></div>
<p style="font-size: small">You subscribed as anna.smirnova@example.org.
<a href="https://osweekly.example/unsubscribe?u=a81f2c">Unsubscribe</a></p>
<img src="https://t.osweekly.example/open?u=a81f2c&amp;i=142" width="1" height="1" alt="">
</td></tr></table>
</body></html>
"""
    headers = [
        ("From", mailbox("Open Source Weekly", "digest@osweekly.example")),
        ("To", ANNA),
        ("Subject", "Open Source Weekly #142: never delete before you commit"),
        ("Date", date("2026-11-27 07:00", "+0000")),
        ("Message-ID", "<issue-142.a81f2c@osweekly.example>"),
        ("List-Id", "Open Source Weekly <weekly.osweekly.example>"),
        ("List-Unsubscribe", "<https://osweekly.example/unsubscribe?u=a81f2c>, <mailto:leave@osweekly.example>"),
        ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
        ("Precedence", "bulk"),
    ]
    part = multipart("alternative", "=_osw_142", text(plain), text(html, "html"))
    return letter("18-newsletter-remote-images.eml", "INBOX", [], headers, part)


def notes():
    notes_txt = """Weekly sync, Tuesday 20 October 2026
Present: Priya, Anna, Mark (first half)

- Beta: 212 testers, 9 crash reports, all in the attachment viewer.
- Translations: Russian strings frozen on 2 November.
- Next sync moves to Wednesday because of the holiday.

Actions
- Anna: crash reports to the viewer team by Friday.
- Priya: draft the release notes.
"""
    body = """Hi both,

notes from yesterday are attached. Shout if I missed something.

Priya
"""
    headers = [
        ("From", PRIYA),
        ("To", mailboxes(ANNA, MARK)),
        ("Subject", "Notes from Tuesday's sync"),
        ("Date", date("2026-10-21 09:30", "+0530")),
        ("Message-ID", "<notes-2026-10-20@nordlight.example>"),
    ]
    part = multipart(
        "mixed",
        "=_notes",
        text(body, cte="7bit", charset="us-ascii"),
        attachment(notes_txt.replace("\n", "\r\n").encode(), "text/plain; charset=us-ascii", 'filename="sync-notes-2026-10-20.txt"'),
    )
    return letter("21-notes-attached-txt.eml", "Archive", ["Seen"], headers, part)


def flight():
    plain = """Booking confirmed

Reference: K7QX2M
Passenger: Anna Smirnova

Mon 14 Sep 2026  AU 412  Moscow (SVO) 10:40 -> Tbilisi (TBS) 14:05
Sun 20 Sep 2026  AU 413  Tbilisi (TBS) 15:20 -> Moscow (SVO) 17:10

Baggage: 1 x 23 kg. Online check-in opens 24 hours before departure.
"""
    html = """<html><body style="font-family: Arial, sans-serif">
<h2 style="color: #0b5cad">Booking confirmed</h2>
<p>Reference: <b>K7QX2M</b><br>Passenger: Anna Smirnova</p>
<table border="1" cellpadding="6" style="border-collapse: collapse">
<tr><th>Date</th><th>Flight</th><th>From</th><th>To</th></tr>
<tr><td>Mon 14 Sep 2026</td><td>AU 412</td><td>Moscow (SVO) 10:40</td><td>Tbilisi (TBS) 14:05</td></tr>
<tr><td>Sun 20 Sep 2026</td><td>AU 413</td><td>Tbilisi (TBS) 15:20</td><td>Moscow (SVO) 17:10</td></tr>
</table>
<p>Baggage: 1 &times; 23 kg. Online check-in opens 24 hours before departure.</p>
</body></html>
"""
    headers = [
        ("From", mailbox("Aurora Air", "booking@aurora-air.example")),
        ("To", ANNA),
        ("Subject", "Booking confirmed: Moscow - Tbilisi, 14 September (K7QX2M)"),
        ("Date", date("2026-08-28 16:44", "+0300")),
        ("Message-ID", "<K7QX2M.1756388640@aurora-air.example>"),
    ]
    part = multipart("alternative", "=_aurora", text(plain), text(html, "html"))
    return letter("22-flight-booking-html.eml", "Archive", ["Seen"], headers, part)


def forge():
    body = """mrodriguez opened an issue in pochta/pochta:

  Sync stalls after laptop resume (#214)

  After suspend/resume the status bar says "Syncing..." forever. The IDLE
  connection is probably dead but never noticed. Logs attached to the issue.
  Debian 12, Pochta 0.1.0, Dovecot server.

--
Reply to this email directly or view it on the forge:
https://forge.example/pochta/pochta/issues/214
"""
    headers = [
        ("From", mailbox("mrodriguez", "notifications@forge.example")),
        ("To", mailbox("pochta/pochta", "pochta@noreply.forge.example")),
        ("Cc", ANNA),
        ("Subject", "[pochta/pochta] Sync stalls after laptop resume (#214)"),
        ("Date", date("2026-11-24 21:13", "+0000")),
        ("Message-ID", "<pochta/pochta/issues/214@forge.example>"),
        ("List-Id", "pochta/pochta <pochta.pochta.forge.example>"),
        ("X-Forge-Reason", "subscribed"),
    ]
    return letter("24-forge-issue-notification.eml", "INBOX", [], headers, text(body, cte="7bit", charset="us-ascii"))


def list_reply():
    body = """On 11/11/26 22:40, Daniel Weiss wrote:
> Does anyone still receive KOI8-R mail in 2026? I'm wondering whether a new
> client should bother.
>
>> Only if it wants Russian users, was the answer last time.
>
> Fair, but surely everything is UTF-8 by now?

Not quite. Our company's accounting system still sends KOI8-R, and a lot of
old archives are windows-1251. A client that shows question marks there looks
broken, whatever the reason.

The encoding is almost always declared correctly, so it is not guesswork:
decode by the declared charset, and fall back to windows-1251 only when the
declaration is missing and the bytes are not valid UTF-8.

Anna
"""
    parent = "<4b1f9c2e-koi8@lists.mailtech.example>"
    headers = [
        ("From", ANNA),
        ("To", mailbox("mail-clients discussion", "mail-clients@lists.mailtech.example")),
        ("Subject", "Re: [mail-clients] Is KOI8-R still a thing?"),
        ("Date", date("2026-11-12 09:05", "+0300")),
        ("Message-ID", "<koi8-reply.anna@example.org>"),
        ("In-Reply-To", parent),
        ("References", parent),
        ("List-Id", "Mail client developers <mail-clients.lists.mailtech.example>"),
    ]
    return letter("27-list-reply-with-quotes.eml", "INBOX", ["Seen"], headers, text(body, cte="7bit", charset="us-ascii"))


def dinner():
    body = """Hi all,

the project is in good shape, so let's celebrate: team dinner on Friday
4 December, 19:00, at the Georgian place near the office.

Partners welcome. Please reply to Sofia (not to me) by Wednesday so she can
book the table; she also collects food restrictions.

Mark
"""
    headers = [
        ("From", MARK),
        ("Reply-To", mailbox("Sofia Lindqvist", "sofia.lindqvist@nordlight.example")),
        ("To", mailboxes(ANNA, PRIYA)),
        (
            "Cc",
            mailboxes(
                mailbox("Sofia Lindqvist", "sofia.lindqvist@nordlight.example"),
                mailbox("Tomas Berg", "tomas.berg@nordlight.example"),
                mailbox("Дмитрий Волков", "d.volkov@severtech.example"),
            ),
        ),
        ("Subject", "Team dinner on Friday 4 December?"),
        ("Date", date("2026-11-29 17:31", "+0100")),
        ("Message-ID", "<dinner-2026-12-04@nordlight.example>"),
    ]
    return letter("29-team-dinner-reply-to.eml", "INBOX", [], headers, text(body, cte="7bit", charset="us-ascii"))


def receipt():
    html = """<html><body style="font-family: Helvetica, Arial, sans-serif; color: #3b2a1a">
<h2>Thanks for your order!</h2>
<p>Order <b>#20931</b>, 14 October 2026</p>
<table cellpadding="4">
<tr><td>Ethiopia Yirgacheffe, 250 g</td><td align="right">&euro;12.50</td></tr>
<tr><td>Colombia Huila, 250 g</td><td align="right">&euro;11.00</td></tr>
<tr><td>Shipping</td><td align="right">&euro;4.90</td></tr>
<tr><td><b>Total</b></td><td align="right"><b>&euro;28.40</b></td></tr>
</table>
<p>Roasted on Monday, shipped on Tuesday. Enjoy!<br>Kestrel Coffee Roasters</p>
</body></html>
"""
    headers = [
        ("From", mailbox("Kestrel Coffee Roasters", "orders@kestrel-coffee.example")),
        ("To", ANNA),
        ("Subject", "Your receipt from Kestrel Coffee Roasters (#20931)"),
        ("Date", date("2026-10-14 11:12", "+0200")),
        ("Message-ID", "<order-20931@kestrel-coffee.example>"),
    ]
    return letter("30-coffee-receipt-html-only.eml", "Archive", ["Seen"], headers, text(html, "html"))
