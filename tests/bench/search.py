#!/usr/bin/env python3
"""search.py -- Pochta's local search against notmuch (Xapian) on the same messages, in one run.

Not a timed test: a benchmark that prints what it measured beside the search issue's targets:
  query latency through the command line, p95 < 50 ms at 100,000 messages (< 100 ms at 500,000)
  and no slower than notmuch's; index build time and index size beside notmuch's.

  tests/bench/search.py [--messages N] [--queries K] [--no-notmuch] [--keep-notmuch-index] [--clean]

--keep-notmuch-index reuses notmuch's database of an earlier run over the same messages (its
build time is then not measured): `notmuch new` takes minutes at 100,000 messages. --clean
deletes the run's messages, profile and notmuch database at the end (some 9 GB at 500,000).

The messages are generated (seeded, so every run has the same ones): Russian (60%), English
(30%) and mixed (10%) letters from 400 people over three years, each with a subject and a body
of 40-160 words drawn from a vocabulary of inflected Russian nouns, verbs and adjectives (ё
written as ё or е, as people do) and English ones, with common short words between them. They
are written once as a Maildir; Pochta imports it (`pochta import maildir`, into Local Folders)
and notmuch indexes it (`notmuch new`). Index build: Pochta's index rebuilt from its cache
(index files removed, then one `pochta search` that waits for it), notmuch's `notmuch new` from
the files. Queries: 1-3 words (in any of their forms), and the same with fields (from:,
subject:, to:, a date range), each run through the command line (`pochta search Q --limit 50`,
`notmuch search --limit=50 Q`, newest first), once to warm up and then measured.
"""
import argparse, email.header, os, random, shutil, statistics, subprocess, sys, tempfile, time

from common import POCHTA, ROOT, prepare

# Russian words with their forms: a search for any form should find the others.
RU_NOUNS = [
    ["отчёт", "отчёта", "отчёту", "отчётом", "отчёте", "отчёты", "отчётов", "отчётам"],
    ["договор", "договора", "договору", "договором", "договоре", "договоры", "договоров"],
    ["письмо", "письма", "письму", "письмом", "письме", "писем", "письмам"],
    ["счёт", "счёта", "счёту", "счётом", "счета", "счетов"],
    ["встреча", "встречи", "встрече", "встречу", "встречей", "встреч"],
    ["проект", "проекта", "проекту", "проектом", "проекте", "проекты", "проектов"],
    ["задача", "задачи", "задаче", "задачу", "задачей", "задач"],
    ["клиент", "клиента", "клиенту", "клиентом", "клиенты", "клиентов"],
    ["поставщик", "поставщика", "поставщику", "поставщиком", "поставщики", "поставщиков"],
    ["оплата", "оплаты", "оплате", "оплату", "оплатой"],
    ["квартал", "квартала", "кварталу", "кварталом", "квартале"],
    ["сделка", "сделки", "сделке", "сделку", "сделкой", "сделок"],
    ["доставка", "доставки", "доставке", "доставку", "доставкой"],
    ["заказ", "заказа", "заказу", "заказом", "заказе", "заказы", "заказов"],
    ["совещание", "совещания", "совещанию", "совещанием", "совещании", "совещаний"],
    ["презентация", "презентации", "презентацию", "презентацией", "презентаций"],
    ["бюджет", "бюджета", "бюджету", "бюджетом", "бюджете", "бюджеты"],
    ["сотрудник", "сотрудника", "сотруднику", "сотрудники", "сотрудников"],
    ["ёлка", "ёлки", "ёлке", "ёлку", "ёлкой"],
    ["отпуск", "отпуска", "отпуску", "отпуском", "отпуске"],
    ["склад", "склада", "складу", "складом", "складе", "склады"],
    ["цена", "цены", "цене", "цену", "ценой", "цен"],
    ["документ", "документа", "документу", "документы", "документов"],
    ["подпись", "подписи", "подписью", "подписей"],
    ["решение", "решения", "решению", "решением", "решений"],
]
RU_VERBS = ["получил", "получила", "получили", "отправил", "отправила", "отправлю", "подготовить",
            "подготовил", "согласовать", "согласовали", "проверить", "проверил", "обсудить",
            "обсудили", "прошу", "просим", "направляю", "высылаю", "прилагаю", "подписали"]
RU_ADJ = ["квартальный", "квартальные", "квартального", "новый", "новые", "нового", "срочный",
          "срочные", "годовой", "годового", "финансовый", "финансовые", "ближайший", "следующей",
          "утверждённый", "утверждённые", "весёлый", "зелёный"]
RU_SHORT = ["и", "в", "на", "по", "для", "с", "к", "о", "не", "что", "это", "мы", "вы", "за", "до", "от"]
EN_NOUNS = [["report", "reports"], ["contract", "contracts"], ["invoice", "invoices"], ["meeting", "meetings"],
            ["project", "projects"], ["delivery", "deliveries"], ["order", "orders"], ["budget", "budgets"],
            ["customer", "customers"], ["supplier", "suppliers"], ["payment", "payments"], ["quarter", "quarters"],
            ["presentation", "presentations"], ["release", "releases"], ["schedule", "schedules"],
            ["warehouse", "warehouses"], ["price", "prices"], ["document", "documents"], ["holiday", "holidays"]]
EN_VERBS = ["send", "sent", "sending", "review", "reviewed", "reviewing", "approve", "approved", "discuss",
            "discussed", "prepare", "prepared", "attach", "attached", "sign", "signed", "check", "checked"]
EN_ADJ = ["quarterly", "annual", "new", "urgent", "final", "revised", "next", "financial", "updated"]
EN_SHORT = ["the", "a", "of", "to", "and", "in", "for", "on", "is", "we", "you", "please", "with", "by"]
FIRST = ["Анна", "Иван", "Пётр", "Мария", "Алексей", "Ольга", "Сергей", "Елена", "John", "Mary", "David", "Susan"]
LAST = ["Иванова", "Петров", "Сидоров", "Смирнова", "Кузнецов", "Попова", "Smith", "Brown", "Wilson", "Taylor"]
LATIN = {"Анна": "anna", "Иван": "ivan", "Пётр": "petr", "Мария": "maria", "Алексей": "alexey", "Ольга": "olga",
         "Сергей": "sergey", "Елена": "elena", "Иванова": "ivanova", "Петров": "petrov", "Сидоров": "sidorov",
         "Смирнова": "smirnova", "Кузнецов": "kuznetsov", "Попова": "popova"}
DOMAINS = ["yandex.ru", "mail.ru", "bk.ru", "example.com", "corp.example.ru", "gmail.com"]


def people(rng, n=400):
    out = []
    for i in range(n):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        login = f"{LATIN.get(first, first.lower())}.{LATIN.get(last, last.lower())}{i}"
        out.append((f"{first} {last}", f"{login}@{rng.choice(DOMAINS)}"))
    return out


def yo(rng, word):
    """ё as ё or е, as people write it."""
    return word.replace("ё", "е") if rng.random() < 0.4 else word


def ru_words(rng, n):
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.45:
            out.append(yo(rng, rng.choice(rng.choice(RU_NOUNS))))
        elif r < 0.6:
            out.append(rng.choice(RU_VERBS))
        elif r < 0.72:
            out.append(yo(rng, rng.choice(RU_ADJ)))
        else:
            out.append(rng.choice(RU_SHORT))
    return out


def en_words(rng, n):
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.45:
            out.append(rng.choice(rng.choice(EN_NOUNS)))
        elif r < 0.6:
            out.append(rng.choice(EN_VERBS))
        elif r < 0.72:
            out.append(rng.choice(EN_ADJ))
        else:
            out.append(rng.choice(EN_SHORT))
    return out


def sentences(words, rng):
    text, line = [], []
    for w in words:
        line.append(w)
        if rng.random() < 0.12:
            text.append(" ".join(line).capitalize() + ".")
            line = []
    if line:
        text.append(" ".join(line).capitalize() + ".")
    return "\n".join(text)


def encoded(text):
    """A header value as RFC 2047 encoded words, folded with CRLF."""
    return email.header.Header(text, "utf-8").encode(linesep="\r\n")


def generate(maildir, n, seed=19):
    """Writes n messages into maildir/cur (kept when a run with the same n made them)."""
    marker = os.path.join(maildir, f".generated-{n}")
    if os.path.exists(marker):
        return
    shutil.rmtree(maildir, ignore_errors=True)
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(maildir, sub))
    rng = random.Random(seed)
    folks = people(rng)
    me = ("Тестовый Пользователь", "me@example.ru")
    start = 1_704_067_200  # 2024-01-01
    span = 3 * 365 * 86400
    for i in range(n):
        kind = rng.random()
        if kind < 0.6:
            subject, body = ru_words(rng, rng.randint(2, 6)), ru_words(rng, rng.randint(40, 160))
        elif kind < 0.9:
            subject, body = en_words(rng, rng.randint(2, 6)), en_words(rng, rng.randint(40, 160))
        else:
            subject = ru_words(rng, 2) + en_words(rng, 2)
            body = ru_words(rng, rng.randint(20, 80)) + en_words(rng, rng.randint(20, 80))
        sender = rng.choice(folks)
        cc = rng.choice(folks) if rng.random() < 0.2 else None
        date = start + rng.randrange(span)
        headers = [
            f"From: {encoded(sender[0])} <{sender[1]}>",
            f"To: {encoded(me[0])} <{me[1]}>",
        ]
        if cc:
            headers.append(f"Cc: {cc[1]}")
        headers += [
            f"Subject: {encoded(' '.join(subject).capitalize())}",
            "Date: " + time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(date)),
            f"Message-ID: <bench{i}@search.example>",
            "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit",
        ]
        raw = "\r\n".join(headers) + "\r\n\r\n" + sentences(body, rng).replace("\n", "\r\n") + "\r\n"
        with open(os.path.join(maildir, "cur", f"{date}.{i}.bench:2,S" if rng.random() < 0.7 else f"{date}.{i}.bench:2,"), "wb") as f:
            f.write(raw.encode())
    open(marker, "w").close()


def queries(rng, k):
    """(label, pochta query, notmuch query): k plain queries of 1-3 words and k with fields."""
    folks = people(random.Random(19))
    plain, fields = [], []
    for i in range(k):
        n = 1 + i % 3
        if i % 2:
            words = [yo(rng, rng.choice(rng.choice(RU_NOUNS))) for _ in range(n)]
        else:
            words = [rng.choice(rng.choice(EN_NOUNS)) for _ in range(n)]
        q = " ".join(words)
        plain.append(("words", q, q))
    for i in range(k):
        word = rng.choice(rng.choice(RU_NOUNS + EN_NOUNS))
        person = rng.choice(folks)[1].split("@")[0]
        kind = i % 4
        if kind == 0:
            fields.append(("fields", f"from:{person}", f"from:{person}"))
        elif kind == 1:
            fields.append(("fields", f"subject:{word}", f"subject:{word}"))
        elif kind == 2:
            fields.append(("fields", f"from:{person} {word}", f"from:{person} {word}"))
        else:
            year = rng.choice([2024, 2025, 2026])
            fields.append(("fields", f"{word} after:{year}-03 before:{year}-09",
                           f"{word} date:{year}-03-01..{year}-08-31"))
    return plain + fields


def run_timed(cmd, env):
    t0 = time.monotonic()
    out = subprocess.run(cmd, capture_output=True, env=env)
    elapsed = time.monotonic() - t0
    if out.returncode != 0:
        sys.exit(f"failed: {cmd}\n{out.stderr.decode()}")
    return elapsed * 1000, out.stdout


def percentiles(ms):
    ms = sorted(ms)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    return statistics.median(ms), p95


def du(path):
    total = 0
    for dirpath, _, files in os.walk(path):
        total += sum(os.path.getsize(os.path.join(dirpath, f)) for f in files)
    return total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=30, help="plain queries, and as many with fields")
    ap.add_argument("--no-notmuch", action="store_true")
    ap.add_argument("--keep-notmuch-index", action="store_true", help="reuse notmuch's database of an earlier run")
    ap.add_argument("--clean", action="store_true", help="delete the messages, profile and notmuch database after")
    args = ap.parse_args()
    prepare(() if args.no_notmuch else [("notmuch", "notmuch")])
    work = os.environ.get("POCHTA_SEARCH_BENCH_DIR", "/tmp/pochta-search-bench")
    maildir = os.path.join(work, f"maildir-{args.messages}")
    t0 = time.monotonic()
    generate(maildir, args.messages)
    print(f"{args.messages} generated messages in {maildir} ({du(os.path.join(maildir, 'cur')) / 1e6:.0f} MB) after {time.monotonic() - t0:.0f} s",
          flush=True)

    profile = os.path.join(work, f"profile-{args.messages}")
    env = dict(os.environ, POCHTA_PROFILE=profile, LANG="C.UTF-8")
    cache = os.path.join(profile, "data", "pochta.sqlite3")
    index = os.path.join(profile, "data", "pochta.search.sqlite3")
    if not os.path.exists(os.path.join(profile, f".imported-{args.messages}")):
        shutil.rmtree(profile, ignore_errors=True)
        t0 = time.monotonic()
        sh_env([POCHTA, "import", "maildir", maildir, "--folder", "Bench"], env)
        print(f"pochta import of the Maildir (cache and index): {time.monotonic() - t0:.1f} s", flush=True)
        open(os.path.join(profile, f".imported-{args.messages}"), "w").close()
    # The index rebuilt from the cache: files removed, one search waits for the whole index.
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(index + suffix):
            os.remove(index + suffix)
    build_ms, _ = run_timed([POCHTA, "search", "zzzzqqq"], env)
    pochta_build = build_ms / 1000
    pochta_size = sum(os.path.getsize(index + s) for s in ("", "-wal") if os.path.exists(index + s))

    notmuch_build = notmuch_size = None
    nm_env = None
    if not args.no_notmuch:
        config = os.path.join(work, f"notmuch-config-{args.messages}")
        with open(config, "w") as f:
            f.write(f"[database]\npath={maildir}\n[new]\ntags=unread;\nignore=.generated-{args.messages}\n"
                    "[search]\nexclude_tags=\n[maildir]\nsynchronize_flags=true\n")
        nm_env = dict(os.environ, NOTMUCH_CONFIG=config)
        if not (args.keep_notmuch_index and os.path.isdir(os.path.join(maildir, ".notmuch"))):
            shutil.rmtree(os.path.join(maildir, ".notmuch"), ignore_errors=True)
            t0 = time.monotonic()
            sh_env(["notmuch", "new", "--quiet"], nm_env)
            notmuch_build = time.monotonic() - t0
        notmuch_size = du(os.path.join(maildir, ".notmuch"))

    rng = random.Random(7)
    all_queries = queries(rng, args.queries)
    results = {}
    for tool in ("pochta", "notmuch"):
        if tool == "notmuch" and args.no_notmuch:
            continue
        for label, pq, nq in all_queries:  # warm-up pass
            run_query(tool, pq, nq, env, nm_env)
        for label, pq, nq in all_queries:
            ms, hits = run_query(tool, pq, nq, env, nm_env)
            results.setdefault((tool, label), []).append(ms)
            results.setdefault((tool, "all"), []).append(ms)

    print(f"\n{args.messages} messages, {len(all_queries)} queries ({args.queries} of 1-3 words, {args.queries} with fields),"
          " through the command line, newest 50:")
    for label in ("words", "fields", "all"):
        line = [f"  {label:6}"]
        for tool in ("pochta", "notmuch"):
            if (tool, label) in results:
                p50, p95 = percentiles(results[(tool, label)])
                line.append(f"{tool} p50 {p50:.1f} ms p95 {p95:.1f} ms")
        print(";  ".join(line))
    # What starting each program costs, included in every query above.
    starts = {"pochta": [run_timed([POCHTA, "--version"], env)[0] for _ in range(20)]}
    if nm_env:
        starts["notmuch"] = [run_timed(["notmuch", "--version"], nm_env)[0] for _ in range(20)]
    print("  start of the process alone (--version), p50: " +
          ", ".join(f"{tool} {statistics.median(ms):.1f} ms" for tool, ms in starts.items()))
    print(f"index build: pochta {pochta_build:.1f} s (from its cache)" +
          (f", notmuch new {notmuch_build:.1f} s (from the Maildir)" if notmuch_build else
           (", notmuch new not measured (--keep-notmuch-index)" if nm_env else "")))
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"index size: pochta {pochta_size / 1e6:.0f} MB" +
          (f", notmuch (Xapian) {notmuch_size / 1e6:.0f} MB" if notmuch_size else "") +
          f"; Pochta's cache {os.path.getsize(cache) / 1e6:.0f} MB, the Maildir {du(os.path.join(maildir, 'cur')) / 1e6:.0f} MB")
    if args.clean:
        for path in (maildir, profile):
            shutil.rmtree(path, ignore_errors=True)
        print(f"removed {maildir} and {profile}")


def run_query(tool, pq, nq, env, nm_env):
    if tool == "pochta":
        return run_timed([POCHTA, "search", pq, "--limit", "50"], env)
    return run_timed(["notmuch", "search", "--limit=50", "--sort=newest-first", nq], nm_env)


def sh_env(cmd, env):
    out = subprocess.run(cmd, capture_output=True, env=env)
    if out.returncode != 0:
        sys.exit(f"failed: {cmd}\n{out.stderr.decode()}")


if __name__ == "__main__":
    main()
