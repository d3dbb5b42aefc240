"""Every fixed text a citizen reads, in the citizen's language.

Messages are keyed by id ("notice.citizen", "refusal_office.familienkasse"); each holds one text per language,
all languages of a message side by side so that an editor sees them together in a diff. `text(key, language,
**fields)` gives the text in the language asked, else in its fallback language, else in German.

Languages with their own texts: de, en, tr, ar, uk, ru, pl, fa, fr. Pashto (ps) falls back to Persian (fa):
most Pashto speakers who come from Afghanistan also read Dari, which is written like Persian, and a Persian
text written well serves them better than Pashto texts we could not have checked. Every other language
falls back to German. Office names (Familienkasse, Sozialamt …) stay German in every language, with a short
explanation in brackets, because the citizen has to find that office in Germany. The texts are written for
this project in plain language: short sentences, active voice, "Sie" in German, "vous" in French.
"""

from __future__ import annotations

import string

DEFAULT_LANGUAGE = "de"
LANGUAGES = ("de", "en", "tr", "ar", "uk", "ru", "pl", "fa", "fr")  # the languages with their own texts
FALLBACK = {"ps": "fa"}  # a detected language without its own texts → the language shown instead
RTL_LANGUAGES = frozenset({"ar", "fa", "ps"})  # written right to left

_ASK_IN_YOUR_LANGUAGE = "Deutsch, English, Türkçe, العربية, Українська, Русский, Polski, فارسی, پښتو, Français"

MESSAGES: dict[str, dict[str, str]] = {
    # --- general --------------------------------------------------------------------------------------
    "language.name": {
        "de": "Deutsch", "en": "English", "tr": "Türkçe", "ar": "العربية", "uk": "Українська", "ru": "Русский",
        "pl": "Polski", "fa": "فارسی", "fr": "Français",
    },
    "list_separator": {
        "de": ", ", "en": ", ", "tr": ", ", "ar": "، ", "uk": ", ", "ru": ", ", "pl": ", ", "fa": "، ", "fr": ", ",
    },
    # --- the note above the citizen chat ----------------------------------------------------------------
    "citizen_note": {
        "de": "**Allgemeine Informationen zum Bürgergeld** – keine Entscheidung über Ihren Fall. "
              "Die Antworten stammen aus Gesetzen und Weisungen; jede Aussage nennt ihre Quelle. "
              "Was in Ihrem Fall gilt, entscheidet Ihr Jobcenter.\n\n"
              "Bitte schreiben Sie **keine persönlichen Daten** in Ihre Frage (Name, Adresse, IBAN, Telefonnummer, "
              "E-Mail, Kundennummer). Ihre Fragen werden nicht gespeichert. "
              f"Sie können auch in Ihrer Sprache fragen ({_ASK_IN_YOUR_LANGUAGE}).",
        "en": "**General information on Bürgergeld** – not a decision on your case. "
              "The answers come from German laws and official guidelines; every statement names its source. "
              "Your Jobcenter decides what applies in your case.\n\n"
              "Please do **not write any personal data** in your question (name, address, IBAN, phone number, "
              "e-mail, customer number). Your questions are not stored. "
              f"You can also ask in your own language ({_ASK_IN_YOUR_LANGUAGE}).",
        "tr": "**Bürgergeld hakkında genel bilgi** – sizin durumunuz hakkında bir karar değildir. "
              "Cevaplar Alman yasalarından ve resmî talimatlardan gelir; her bilginin kaynağı yazılıdır. "
              "Sizin durumunuzda neyin geçerli olduğuna Jobcenter'ınız karar verir.\n\n"
              "Lütfen sorunuza **kişisel bilgi yazmayın** (ad, adres, IBAN, telefon numarası, e-posta, "
              "müşteri numarası). Sorularınız kaydedilmez. "
              f"Kendi dilinizde de sorabilirsiniz ({_ASK_IN_YOUR_LANGUAGE}).",
        "ar": "**معلومات عامة عن Bürgergeld (إعانة المواطن)** – وليست قرارًا بشأن حالتك. "
              "تأتي الإجابات من القوانين والتعليمات الرسمية الألمانية، وكل معلومة تذكر مصدرها. "
              "مركز العمل (Jobcenter) الخاص بك هو الذي يقرر ما ينطبق على حالتك.\n\n"
              "من فضلك **لا تكتب بيانات شخصية** في سؤالك (الاسم، العنوان، IBAN، رقم الهاتف، البريد الإلكتروني، "
              "رقم العميل). لا يتم حفظ أسئلتك. "
              f"يمكنك أيضًا أن تسأل بلغتك ({_ASK_IN_YOUR_LANGUAGE}).",
        "uk": "**Загальна інформація про Bürgergeld** – це не рішення щодо вашої ситуації. "
              "Відповіді взято з німецьких законів та офіційних інструкцій; до кожного твердження вказано джерело. "
              "Що діє у вашому випадку, вирішує ваш Jobcenter.\n\n"
              "Будь ласка, **не пишіть особистих даних** у питанні (ім'я, адреса, IBAN, номер телефону, e-mail, "
              "номер клієнта). Ваші питання не зберігаються. "
              f"Ви можете питати й своєю мовою ({_ASK_IN_YOUR_LANGUAGE}).",
        "ru": "**Общая информация о Bürgergeld** – это не решение по вашей ситуации. "
              "Ответы основаны на немецких законах и официальных инструкциях; для каждого утверждения указан "
              "источник. Что действует в вашем случае, решает ваш Jobcenter.\n\n"
              "Пожалуйста, **не пишите личных данных** в вопросе (имя, адрес, IBAN, номер телефона, e-mail, "
              "номер клиента). Ваши вопросы не сохраняются. "
              f"Вы можете спрашивать и на своём языке ({_ASK_IN_YOUR_LANGUAGE}).",
        "pl": "**Ogólne informacje o Bürgergeld** – to nie jest decyzja w twojej sprawie. "
              "Odpowiedzi pochodzą z niemieckich ustaw i oficjalnych wytycznych; przy każdej informacji podane "
              "jest jej źródło. O tym, co obowiązuje w twoim przypadku, decyduje twój Jobcenter.\n\n"
              "Prosimy **nie wpisywać danych osobowych** w pytaniu (imię i nazwisko, adres, IBAN, numer telefonu, "
              "e-mail, numer klienta). Twoje pytania nie są zapisywane. "
              f"Możesz też pytać w swoim języku ({_ASK_IN_YOUR_LANGUAGE}).",
        "fa": "**اطلاعات کلی درباره Bürgergeld** – این تصمیمی درباره وضعیت شما نیست. "
              "پاسخ‌ها از قوانین و دستورالعمل‌های رسمی آلمان گرفته شده‌اند و منبع هر مطلب ذکر می‌شود. "
              "اینکه در مورد شما چه چیزی صدق می‌کند را Jobcenter شما تعیین می‌کند.\n\n"
              "لطفاً در سؤال خود **هیچ اطلاعات شخصی ننویسید** (نام، آدرس، IBAN، شماره تلفن، ایمیل، شماره مشتری). "
              "سؤال‌های شما ذخیره نمی‌شوند. "
              f"می‌توانید به زبان خودتان هم بپرسید ({_ASK_IN_YOUR_LANGUAGE}).",
        "fr": "**Informations générales sur le Bürgergeld** – ce n'est pas une décision sur votre situation. "
              "Les réponses viennent des lois et des directives officielles allemandes ; chaque information "
              "indique sa source. C'est votre Jobcenter qui décide de ce qui s'applique dans votre cas.\n\n"
              "Merci de **ne pas écrire de données personnelles** dans votre question (nom, adresse, IBAN, "
              "numéro de téléphone, e-mail, numéro de client). Vos questions ne sont pas enregistrées. "
              f"Vous pouvez aussi poser votre question dans votre langue ({_ASK_IN_YOUR_LANGUAGE}).",
    },
    # --- privacy warning (assistant/privacy.py) ---------------------------------------------------------
    "privacy.warning": {
        "de": "Ihre Nachricht enthält anscheinend persönliche Daten ({kinds}). "
              "Zu Ihrer Sicherheit wurde sie nicht gesendet und nicht gespeichert. "
              "Bitte stellen Sie Ihre Frage allgemein, ohne Namen, Kontonummer, Telefonnummer, E-Mail-Adresse "
              "oder Kundennummer. Für Fragen zu Ihrem eigenen Fall wenden Sie sich bitte direkt an Ihr Jobcenter.",
        "en": "Your message seems to contain personal data ({kinds}). "
              "To protect you, it was not sent and not stored. "
              "Please ask your question in general terms, without your name, account number, phone number, "
              "e-mail address or customer number. For questions about your own case, please contact your "
              "Jobcenter directly.",
        "tr": "Mesajınızda kişisel bilgiler var gibi görünüyor ({kinds}). "
              "Güvenliğiniz için mesaj gönderilmedi ve kaydedilmedi. "
              "Lütfen sorunuzu genel olarak sorun: adınızı, hesap numaranızı, telefon numaranızı, e-posta "
              "adresinizi veya müşteri numaranızı yazmayın. Kendi durumunuzla ilgili sorular için lütfen "
              "doğrudan Jobcenter'ınıza başvurun.",
        "ar": "يبدو أن رسالتك تحتوي على بيانات شخصية ({kinds}). "
              "لحمايتك لم يتم إرسالها ولم يتم حفظها. "
              "من فضلك اطرح سؤالك بشكل عام، بدون اسم أو رقم حساب أو رقم هاتف أو بريد إلكتروني أو رقم عميل. "
              "إذا كان سؤالك عن حالتك الخاصة، فتواصل مباشرة مع مركز العمل (Jobcenter) الخاص بك.",
        "uk": "Схоже, ваше повідомлення містить особисті дані ({kinds}). "
              "Для вашої безпеки його не надіслано і не збережено. "
              "Будь ласка, поставте питання загально, без імені, номера рахунку, номера телефону, адреси "
              "електронної пошти чи номера клієнта. З питаннями щодо вашої власної ситуації звертайтеся, "
              "будь ласка, безпосередньо до вашого Jobcenter.",
        "ru": "Похоже, ваше сообщение содержит личные данные ({kinds}). "
              "Для вашей безопасности оно не было отправлено и не было сохранено. "
              "Пожалуйста, задайте вопрос в общем виде, без имени, номера счёта, номера телефона, адреса "
              "электронной почты или номера клиента. С вопросами о вашей собственной ситуации обращайтесь, "
              "пожалуйста, напрямую в ваш Jobcenter.",
        "pl": "Twoja wiadomość prawdopodobnie zawiera dane osobowe ({kinds}). "
              "Dla twojego bezpieczeństwa nie została wysłana ani zapisana. "
              "Zadaj pytanie ogólnie, bez imienia i nazwiska, numeru konta, numeru telefonu, adresu e-mail "
              "czy numeru klienta. W sprawie twojego własnego przypadku zwróć się bezpośrednio do swojego "
              "Jobcenter.",
        "fa": "به نظر می‌رسد پیام شما اطلاعات شخصی دارد ({kinds}). "
              "برای حفاظت از شما، پیام ارسال نشد و ذخیره هم نشد. "
              "لطفاً سؤال خود را به‌طور کلی بپرسید، بدون نام، شماره حساب، شماره تلفن، آدرس ایمیل یا شماره مشتری. "
              "برای سؤال درباره پرونده خودتان، لطفاً مستقیماً با Jobcenter خود تماس بگیرید.",
        "fr": "Votre message semble contenir des données personnelles ({kinds}). "
              "Pour votre sécurité, il n'a été ni envoyé ni enregistré. "
              "Posez votre question de façon générale, sans nom, numéro de compte, numéro de téléphone, "
              "adresse e-mail ni numéro de client. Pour une question sur votre propre dossier, adressez-vous "
              "directement à votre Jobcenter.",
    },
    "privacy.kind.iban": {
        "de": "IBAN", "en": "IBAN", "tr": "IBAN", "ar": "IBAN", "uk": "IBAN", "ru": "IBAN", "pl": "IBAN",
        "fa": "IBAN", "fr": "IBAN",
    },
    "privacy.kind.email": {
        "de": "E-Mail-Adresse", "en": "e-mail address", "tr": "e-posta adresi", "ar": "عنوان بريد إلكتروني",
        "uk": "адреса електронної пошти", "ru": "адрес электронной почты", "pl": "adres e-mail",
        "fa": "آدرس ایمیل", "fr": "adresse e-mail",
    },
    "privacy.kind.phone": {
        "de": "Telefonnummer", "en": "phone number", "tr": "telefon numarası", "ar": "رقم هاتف",
        "uk": "номер телефону", "ru": "номер телефона", "pl": "numer telefonu", "fa": "شماره تلفن",
        "fr": "numéro de téléphone",
    },
    "privacy.kind.sv_number": {
        "de": "Sozialversicherungsnummer",
        "en": "social insurance number (Sozialversicherungsnummer)",
        "tr": "sosyal sigorta numarası (Sozialversicherungsnummer)",
        "ar": "رقم التأمين الاجتماعي (Sozialversicherungsnummer)",
        "uk": "номер соціального страхування (Sozialversicherungsnummer)",
        "ru": "номер социального страхования (Sozialversicherungsnummer)",
        "pl": "numer ubezpieczenia społecznego (Sozialversicherungsnummer)",
        "fa": "شماره بیمه اجتماعی (Sozialversicherungsnummer)",
        "fr": "numéro de sécurité sociale (Sozialversicherungsnummer)",
    },
    "privacy.kind.customer_number": {
        "de": "Kunden- oder BG-Nummer",
        "en": "customer or BG number (Kunden- oder BG-Nummer)",
        "tr": "müşteri veya BG numarası (Kunden- oder BG-Nummer)",
        "ar": "رقم العميل أو رقم مجموعة الاحتياج (Kunden- oder BG-Nummer)",
        "uk": "номер клієнта або номер BG (Kunden- oder BG-Nummer)",
        "ru": "номер клиента или номер BG (Kunden- oder BG-Nummer)",
        "pl": "numer klienta lub numer BG (Kunden- oder BG-Nummer)",
        "fa": "شماره مشتری یا شماره BG (Kunden- oder BG-Nummer)",
        "fr": "numéro de client ou de BG (Kunden- oder BG-Nummer)",
    },
    "privacy.kind.tax_id": {
        "de": "Steuer-Identifikationsnummer",
        "en": "tax ID (Steuer-Identifikationsnummer)",
        "tr": "vergi kimlik numarası (Steuer-Identifikationsnummer)",
        "ar": "رقم التعريف الضريبي (Steuer-Identifikationsnummer)",
        "uk": "податковий ідентифікаційний номер (Steuer-Identifikationsnummer)",
        "ru": "налоговый идентификационный номер (Steuer-Identifikationsnummer)",
        "pl": "numer identyfikacji podatkowej (Steuer-Identifikationsnummer)",
        "fa": "شماره شناسایی مالیاتی (Steuer-Identifikationsnummer)",
        "fr": "numéro d'identification fiscale (Steuer-Identifikationsnummer)",
    },
    # --- notices under an answer (assistant/answering/prompts.py) --------------------------------------
    "notice.citizen": {
        "de": "Allgemeine Information, keine Entscheidung über Ihren Einzelfall.",
        "en": "General information, not a decision on your individual case.",
        "tr": "Genel bilgidir, sizin durumunuz hakkında bir karar değildir.",
        "ar": "معلومات عامة، وليست قرارًا بشأن حالتك الفردية.",
        "uk": "Загальна інформація, а не рішення щодо вашого випадку.",
        "ru": "Общая информация, а не решение по вашему случаю.",
        "pl": "Informacja ogólna, a nie decyzja w twojej indywidualnej sprawie.",
        "fa": "این اطلاعات کلی است، نه تصمیمی درباره پرونده شما.",
        "fr": "Information générale, pas une décision sur votre cas personnel.",
    },
    "notice.extractive": {
        "de": "Automatisch zusammengestellt aus den Quellen, ohne Sprachmodell.",
        "en": "Put together automatically from the sources, without a language model.",
        "tr": "Kaynaklardan otomatik olarak derlendi, dil modeli kullanılmadı.",
        "ar": "تم تجميعها تلقائيًا من المصادر، بدون نموذج لغوي.",
        "uk": "Складено автоматично з джерел, без мовної моделі.",
        "ru": "Составлено автоматически из источников, без языковой модели.",
        "pl": "Zestawione automatycznie ze źródeł, bez modelu językowego.",
        "fa": "به‌طور خودکار از منابع گردآوری شده، بدون مدل زبانی.",
        "fr": "Établi automatiquement à partir des sources, sans modèle de langage.",
    },
    "notice.fallback": {
        "de": "Das Sprachmodell war nicht erreichbar; die Antwort wurde automatisch aus den Quellen "
              "zusammengestellt.",
        "en": "The language model could not be reached; the answer was put together automatically from the "
              "sources.",
        "tr": "Dil modeline ulaşılamadı; cevap kaynaklardan otomatik olarak derlendi.",
        "ar": "تعذّر الوصول إلى النموذج اللغوي؛ تم تجميع الإجابة تلقائيًا من المصادر.",
        "uk": "Мовна модель була недоступна; відповідь складено автоматично з джерел.",
        "ru": "Языковая модель была недоступна; ответ составлен автоматически из источников.",
        "pl": "Model językowy był niedostępny; odpowiedź została zestawiona automatycznie ze źródeł.",
        "fa": "مدل زبانی در دسترس نبود؛ پاسخ به‌طور خودکار از منابع گردآوری شد.",
        "fr": "Le modèle de langage n'était pas joignable ; la réponse a été établie automatiquement à partir "
              "des sources.",
    },
    "notice.generated": {
        "de": "Von einem Sprachmodell aus den Quellen formuliert und automatisch geprüft.",
        "en": "Written by a language model from the sources and checked automatically.",
        "tr": "Bir dil modeli tarafından kaynaklardan yazıldı ve otomatik olarak kontrol edildi.",
        "ar": "صاغها نموذج لغوي من المصادر، وتم فحصها تلقائيًا.",
        "uk": "Сформульовано мовною моделлю на основі джерел і перевірено автоматично.",
        "ru": "Сформулировано языковой моделью на основе источников и проверено автоматически.",
        "pl": "Sformułowane przez model językowy na podstawie źródeł i sprawdzone automatycznie.",
        "fa": "توسط یک مدل زبانی از روی منابع نوشته شده و به‌طور خودکار بررسی شده است.",
        "fr": "Rédigé par un modèle de langage à partir des sources et vérifié automatiquement.",
    },
    "notice.unsupported": {
        "de": "Hinweis: Einige Zahlen der Antwort stehen in keiner zitierten Quelle (unbelegt): {figures}.",
        "en": "Note: some figures in this answer do not appear in any cited source (not supported): {figures}.",
        "tr": "Not: Cevaptaki bazı sayılar alıntılanan hiçbir kaynakta geçmiyor (kanıtsız): {figures}.",
        "ar": "ملاحظة: بعض الأرقام في الإجابة غير موجودة في أي مصدر مذكور (غير مُثبتة): {figures}.",
        "uk": "Примітка: деяких чисел із відповіді немає в жодному з наведених джерел (не підтверджено): "
              "{figures}.",
        "ru": "Примечание: некоторых чисел из ответа нет ни в одном из указанных источников (не подтверждено): "
              "{figures}.",
        "pl": "Uwaga: niektórych liczb z odpowiedzi nie ma w żadnym z cytowanych źródeł (niepotwierdzone): "
              "{figures}.",
        "fa": "توجه: بعضی از عددهای این پاسخ در هیچ‌یک از منابع ذکرشده نیامده‌اند (بدون پشتوانه): {figures}.",
        "fr": "Remarque : certains chiffres de la réponse ne figurent dans aucune source citée (non justifiés) : "
              "{figures}.",
    },
    # --- answers that state nothing ---------------------------------------------------------------------
    "lead_in.citizen": {
        "de": "Dazu steht in den Vorschriften:",
        "en": "These are the German rules on your question, quoted in German:",
        "tr": "Sorunuzla ilgili Alman kuralları (Almanca alıntı):",
        "ar": "هذه هي القواعد الألمانية المتعلقة بسؤالك، مقتبسة باللغة الألمانية:",
        "uk": "Ось німецькі правила щодо вашого питання (цитата німецькою мовою):",
        "ru": "Вот немецкие правила по вашему вопросу (цитата на немецком языке):",
        "pl": "Oto niemieckie przepisy dotyczące twojego pytania (cytat po niemiecku):",
        "fa": "این‌ها قوانین آلمان درباره سؤال شما هستند (به زبان آلمانی نقل شده‌اند):",
        "fr": "Voici les règles allemandes sur votre question (citées en allemand) :",
    },
    "no_sentence": {
        "de": "In den gefundenen Quellen steht dazu keine eindeutige Aussage. Bitte sehen Sie sich die Quellen an.",
        "en": "The sources found say nothing clear about this. Please look at the sources.",
        "tr": "Bulunan kaynaklarda bu konuda açık bir bilgi yok. Lütfen kaynaklara bakın.",
        "ar": "لا يوجد في المصادر التي تم العثور عليها نص واضح حول هذا الموضوع. من فضلك اطّلع على المصادر.",
        "uk": "У знайдених джерелах немає чіткої відповіді на це. Будь ласка, перегляньте джерела.",
        "ru": "В найденных источниках нет однозначного ответа на это. Пожалуйста, посмотрите источники.",
        "pl": "W znalezionych źródłach nie ma jednoznacznej informacji na ten temat. Zajrzyj do źródeł.",
        "fa": "در منابع پیداشده مطلب روشنی درباره این موضوع نیست. لطفاً منابع را ببینید.",
        "fr": "Les sources trouvées ne disent rien de clair à ce sujet. Consultez les sources.",
    },
    "refusal.citizen": {
        "de": "Zu dieser Frage habe ich in den gespeicherten Vorschriften keine passende Stelle gefunden. "
              "Ich kann dazu deshalb nichts sagen. Bitte wenden Sie sich an Ihr Jobcenter vor Ort. "
              "Dort kann man Ihnen weiterhelfen.",
        "en": "I found nothing in the stored rules that fits this question, so I cannot say anything about it. "
              "Please contact your local Jobcenter. They can help you there.",
        "tr": "Kayıtlı kurallarda bu soruya uyan bir yer bulamadım. Bu yüzden bu konuda bir şey söyleyemiyorum. "
              "Lütfen yerel Jobcenter'ınıza başvurun. Orada size yardımcı olurlar.",
        "ar": "لم أجد في القواعد المحفوظة موضعًا يناسب هذا السؤال. لذلك لا أستطيع أن أقول شيئًا عنه. "
              "من فضلك تواصل مع مركز العمل (Jobcenter) في منطقتك. هناك يمكنهم مساعدتك.",
        "uk": "У збережених правилах не знайдено місця, що стосується цього питання. Тому я не можу нічого "
              "про це сказати. Будь ласка, зверніться до вашого місцевого Jobcenter. Там вам допоможуть.",
        "ru": "В сохранённых правилах не найдено места, которое относится к этому вопросу. Поэтому я не могу "
              "ничего об этом сказать. Пожалуйста, обратитесь в ваш местный Jobcenter. Там вам помогут.",
        "pl": "W zapisanych przepisach nie znaleziono miejsca, które pasuje do tego pytania. Dlatego nie mogę "
              "nic na ten temat powiedzieć. Zwróć się do swojego lokalnego Jobcenter. Tam ci pomogą.",
        "fa": "در قوانین ذخیره‌شده مطلبی مربوط به این سؤال پیدا نشد. به همین دلیل نمی‌توانم درباره آن چیزی "
              "بگویم. لطفاً به Jobcenter محل زندگی خود مراجعه کنید. آنجا می‌توانند به شما کمک کنند.",
        "fr": "Je n'ai trouvé dans les règles enregistrées aucun passage qui corresponde à cette question. "
              "Je ne peux donc rien en dire. Adressez-vous à votre Jobcenter local. On pourra vous y aider.",
    },
    # --- refusals that name the office responsible for a neighbouring topic ---------------------------
    "refusal_office.scope": {
        "de": "Ich beantworte hier Fragen zum Bürgergeld (SGB II).",
        "en": "Here I answer questions about Bürgergeld (SGB II).",
        "tr": "Burada Bürgergeld (SGB II) ile ilgili soruları cevaplıyorum.",
        "ar": "أجيب هنا عن الأسئلة المتعلقة بـ Bürgergeld (SGB II).",
        "uk": "Тут я відповідаю на питання про Bürgergeld (SGB II).",
        "ru": "Здесь я отвечаю на вопросы о Bürgergeld (SGB II).",
        "pl": "Tutaj odpowiadam na pytania o Bürgergeld (SGB II).",
        "fa": "من اینجا به سؤال‌های مربوط به Bürgergeld (SGB II) پاسخ می‌دهم.",
        "fr": "Ici, je réponds aux questions sur le Bürgergeld (SGB II).",
    },
    "refusal_office.familienkasse": {
        "de": "Kindergeld und Kinderzuschlag zahlt die Familienkasse der Bundesagentur für Arbeit, nicht das "
              "Jobcenter. Bitte stellen Sie Ihre Fragen dazu dort.",
        "en": "Kindergeld (child benefit) and Kinderzuschlag (child supplement) are paid by the Familienkasse of "
              "the Federal Employment Agency, not by the Jobcenter. Please ask your questions there.",
        "tr": "Kindergeld (çocuk parası) ve Kinderzuschlag (çocuk ek ödeneği) Jobcenter tarafından değil, "
              "Federal İş Ajansı'nın Familienkasse'si tarafından ödenir. Lütfen sorularınızı oraya sorun.",
        "ar": "إعانة الأطفال (Kindergeld) والإضافة للأطفال (Kinderzuschlag) يدفعهما صندوق الأسرة (Familienkasse) "
              "التابع للوكالة الاتحادية للعمل، وليس مركز العمل (Jobcenter). من فضلك اطرح أسئلتك هناك.",
        "uk": "Kindergeld (допомогу на дітей) і Kinderzuschlag (доплату на дітей) виплачує Familienkasse "
              "Федерального агентства з працевлаштування, а не Jobcenter. Будь ласка, звертайтеся з цими "
              "питаннями туди.",
        "ru": "Kindergeld (пособие на детей) и Kinderzuschlag (доплату на детей) выплачивает Familienkasse "
              "Федерального агентства по труду, а не Jobcenter. Пожалуйста, обращайтесь с этими вопросами туда.",
        "pl": "Kindergeld (zasiłek na dziecko) i Kinderzuschlag (dodatek na dziecko) wypłaca Familienkasse "
              "Federalnej Agencji Pracy, a nie Jobcenter. Z tymi pytaniami zwróć się tam.",
        "fa": "Kindergeld (کمک‌هزینه فرزند) و Kinderzuschlag (مکمل فرزند) را Familienkasse (صندوق خانواده) "
              "اداره فدرال کار می‌پردازد، نه Jobcenter. لطفاً سؤال‌های خود را آنجا بپرسید.",
        "fr": "Le Kindergeld (allocations familiales) et le Kinderzuschlag (supplément pour enfants) sont versés "
              "par la Familienkasse de l'Agence fédérale pour l'emploi, pas par le Jobcenter. Posez vos questions "
              "là-bas.",
    },
    "refusal_office.wohngeldstelle": {
        "de": "Über Wohngeld entscheidet die Wohngeldstelle Ihrer Stadt oder Ihres Landkreises. "
              "Bitte fragen Sie dort.",
        "en": "Wohngeld (housing benefit) is decided by the Wohngeldstelle (housing benefit office) of your town "
              "or district. Please ask there.",
        "tr": "Wohngeld (kira yardımı) hakkında şehrinizin veya ilçenizin Wohngeldstelle'si (kira yardımı "
              "dairesi) karar verir. Lütfen oraya sorun.",
        "ar": "يقرر مكتب إعانة السكن (Wohngeldstelle) في مدينتك أو دائرتك بشأن إعانة السكن (Wohngeld). "
              "من فضلك اسأل هناك.",
        "uk": "Про Wohngeld (допомогу на житло) вирішує Wohngeldstelle (служба допомоги на житло) вашого міста "
              "або району. Будь ласка, зверніться туди.",
        "ru": "О Wohngeld (пособии на жильё) решает Wohngeldstelle (служба жилищного пособия) вашего города "
              "или района. Пожалуйста, обратитесь туда.",
        "pl": "O Wohngeld (dodatku mieszkaniowym) decyduje Wohngeldstelle (biuro dodatku mieszkaniowego) w twoim "
              "mieście lub powiecie. Zapytaj tam.",
        "fa": "درباره Wohngeld (کمک‌هزینه مسکن) اداره Wohngeldstelle شهر یا شهرستان شما تصمیم می‌گیرد. "
              "لطفاً از آنجا بپرسید.",
        "fr": "C'est le service du Wohngeld (Wohngeldstelle) de votre ville ou de votre arrondissement qui décide "
              "de l'aide au logement (Wohngeld). Renseignez-vous auprès de ce service.",
    },
    "refusal_office.rentenversicherung": {
        "de": "Fragen zur Rente beantwortet die Deutsche Rentenversicherung. Die Grundsicherung im Alter zahlt "
              "das Sozialamt. Bitte wenden Sie sich dorthin.",
        "en": "Questions about pensions (Rente) are answered by the Deutsche Rentenversicherung (German pension "
              "insurance). Basic income in old age (Grundsicherung im Alter) is paid by the Sozialamt (social "
              "welfare office). Please contact them.",
        "tr": "Emeklilik (Rente) ile ilgili soruları Deutsche Rentenversicherung (Alman emeklilik sigortası) "
              "cevaplar. Yaşlılıkta temel güvenceyi (Grundsicherung im Alter) ise Sozialamt (sosyal yardım "
              "dairesi) öder. Lütfen oraya başvurun.",
        "ar": "الأسئلة عن التقاعد (Rente) يجيب عنها التأمين التقاعدي الألماني (Deutsche Rentenversicherung). "
              "أما الضمان الأساسي في سن الشيخوخة (Grundsicherung im Alter) فيدفعه مكتب الشؤون الاجتماعية "
              "(Sozialamt). من فضلك تواصل معهم.",
        "uk": "На питання про пенсію (Rente) відповідає Deutsche Rentenversicherung (Німецьке пенсійне "
              "страхування). Базове забезпечення в старості (Grundsicherung im Alter) виплачує Sozialamt "
              "(соціальна служба). Будь ласка, звертайтеся туди.",
        "ru": "На вопросы о пенсии (Rente) отвечает Deutsche Rentenversicherung (Немецкое пенсионное "
              "страхование). Базовое обеспечение в старости (Grundsicherung im Alter) выплачивает Sozialamt "
              "(социальная служба). Пожалуйста, обращайтесь туда.",
        "pl": "Na pytania o emeryturę (Rente) odpowiada Deutsche Rentenversicherung (niemiecki zakład ubezpieczeń "
              "emerytalnych). Podstawowe zabezpieczenie na starość (Grundsicherung im Alter) wypłaca Sozialamt "
              "(urząd opieki społecznej). Zwróć się tam.",
        "fa": "به سؤال‌های مربوط به حقوق بازنشستگی (Rente) بیمه بازنشستگی آلمان (Deutsche Rentenversicherung) "
              "پاسخ می‌دهد. تأمین پایه در دوران سالمندی (Grundsicherung im Alter) را اداره امور اجتماعی "
              "(Sozialamt) می‌پردازد. لطفاً به آنجا مراجعه کنید.",
        "fr": "Pour les questions de retraite (Rente), adressez-vous à la Deutsche Rentenversicherung (assurance "
              "retraite allemande). Le minimum vieillesse (Grundsicherung im Alter) est versé par le Sozialamt "
              "(service social).",
    },
    "refusal_office.sozialamt": {
        "de": "Sozialhilfe und Grundsicherung im Alter und bei Erwerbsminderung zahlt das Sozialamt, nicht das "
              "Jobcenter. Bitte fragen Sie beim Sozialamt Ihrer Stadt oder Ihres Landkreises.",
        "en": "Social assistance (Sozialhilfe) and basic income in old age and for reduced earning capacity "
              "(Grundsicherung im Alter und bei Erwerbsminderung) are paid by the Sozialamt (social welfare "
              "office), not by the Jobcenter. Please ask the Sozialamt of your town or district.",
        "tr": "Sosyal yardımı (Sozialhilfe) ve yaşlılıkta ve çalışma gücü kaybında temel güvenceyi "
              "(Grundsicherung im Alter und bei Erwerbsminderung) Jobcenter değil, Sozialamt (sosyal yardım "
              "dairesi) öder. Lütfen şehrinizin veya ilçenizin Sozialamt'ına sorun.",
        "ar": "المساعدة الاجتماعية (Sozialhilfe) والضمان الأساسي في سن الشيخوخة وعند فقدان القدرة على العمل "
              "(Grundsicherung im Alter und bei Erwerbsminderung) يدفعهما مكتب الشؤون الاجتماعية (Sozialamt)، "
              "وليس مركز العمل (Jobcenter). من فضلك اسأل مكتب الشؤون الاجتماعية في مدينتك أو دائرتك.",
        "uk": "Соціальну допомогу (Sozialhilfe) і базове забезпечення в старості та при зниженій працездатності "
              "(Grundsicherung im Alter und bei Erwerbsminderung) виплачує Sozialamt (соціальна служба), а не "
              "Jobcenter. Будь ласка, зверніться до Sozialamt вашого міста або району.",
        "ru": "Социальную помощь (Sozialhilfe) и базовое обеспечение в старости и при сниженной "
              "трудоспособности (Grundsicherung im Alter und bei Erwerbsminderung) выплачивает Sozialamt "
              "(социальная служба), а не Jobcenter. Пожалуйста, обратитесь в Sozialamt вашего города или района.",
        "pl": "Pomoc społeczną (Sozialhilfe) oraz podstawowe zabezpieczenie na starość i przy ograniczonej "
              "zdolności do pracy (Grundsicherung im Alter und bei Erwerbsminderung) wypłaca Sozialamt (urząd "
              "opieki społecznej), a nie Jobcenter. Zapytaj w Sozialamt w twoim mieście lub powiecie.",
        "fa": "کمک اجتماعی (Sozialhilfe) و تأمین پایه در دوران سالمندی و هنگام کاهش توان کار (Grundsicherung "
              "im Alter und bei Erwerbsminderung) را اداره امور اجتماعی (Sozialamt) می‌پردازد، نه Jobcenter. "
              "لطفاً از Sozialamt شهر یا شهرستان خود بپرسید.",
        "fr": "L'aide sociale (Sozialhilfe) et le minimum vieillesse et d'invalidité (Grundsicherung im Alter und "
              "bei Erwerbsminderung) sont versés par le Sozialamt (service social), pas par le Jobcenter. "
              "Renseignez-vous auprès du Sozialamt de votre ville ou de votre arrondissement.",
    },
    "refusal_office.auslaenderbehoerde": {
        "de": "Fragen zum Aufenthalt (Aufenthaltserlaubnis, Visum, Einbürgerung) beantwortet die "
              "Ausländerbehörde. Auch eine Migrationsberatung kann Ihnen helfen.",
        "en": "Questions about residence (residence permit, visa, citizenship) are answered by the "
              "Ausländerbehörde (immigration office). A migration advice service (Migrationsberatung) can also "
              "help you.",
        "tr": "Oturum ile ilgili soruları (oturum izni, vize, vatandaşlık) Ausländerbehörde (yabancılar dairesi) "
              "cevaplar. Bir göçmen danışmanlığı (Migrationsberatung) da size yardım edebilir.",
        "ar": "الأسئلة عن الإقامة (تصريح الإقامة، التأشيرة، التجنيس) تجيب عنها دائرة الأجانب (Ausländerbehörde). "
              "ويمكن أيضًا لمركز استشارات الهجرة (Migrationsberatung) أن يساعدك.",
        "uk": "На питання про перебування (дозвіл на проживання, віза, громадянство) відповідає Ausländerbehörde "
              "(відомство у справах іноземців). Також вам може допомогти консультація для мігрантів "
              "(Migrationsberatung).",
        "ru": "На вопросы о пребывании (вид на жительство, виза, гражданство) отвечает Ausländerbehörde "
              "(ведомство по делам иностранцев). Также вам может помочь консультация для мигрантов "
              "(Migrationsberatung).",
        "pl": "Na pytania o pobyt (zezwolenie na pobyt, wiza, obywatelstwo) odpowiada Ausländerbehörde (urząd do "
              "spraw cudzoziemców). Pomóc może ci też poradnia dla migrantów (Migrationsberatung).",
        "fa": "به سؤال‌های مربوط به اقامت (اجازه اقامت، ویزا، تابعیت) اداره اتباع خارجی (Ausländerbehörde) پاسخ "
              "می‌دهد. یک مرکز مشاوره مهاجرت (Migrationsberatung) هم می‌تواند به شما کمک کند.",
        "fr": "Pour les questions de séjour (titre de séjour, visa, naturalisation), adressez-vous à "
              "l'Ausländerbehörde (service des étrangers). Un service de conseil aux migrants "
              "(Migrationsberatung) peut aussi vous aider.",
    },
    "refusal_office.sozialgericht": {
        "de": "Ob Sie klagen sollten und welche Frist in Ihrem Fall gilt, kann ich nicht beurteilen. Bitte lassen "
              "Sie sich beraten: von einer Anwältin oder einem Anwalt für Sozialrecht, bei einer Sozialberatung "
              "oder einem Sozialverband. Die Frist steht in der Rechtsbehelfsbelehrung Ihres Bescheids. Klagen "
              "können Sie beim Sozialgericht.",
        "en": "I cannot judge whether you should go to court or which deadline applies in your case. Please get "
              "advice: from a lawyer for social law, a social advice centre or a social welfare association. The "
              "deadline is stated in the information on legal remedies (Rechtsbehelfsbelehrung) in your decision "
              "(Bescheid). Court cases are filed at the Sozialgericht (social court).",
        "tr": "Dava açmanız gerekip gerekmediğini ve sizin durumunuzda hangi sürenin geçerli olduğunu "
              "değerlendiremem. Lütfen danışmanlık alın: sosyal hukuk alanında bir avukattan, bir sosyal "
              "danışmanlık merkezinden veya bir sosyal dernekten. Süre, kararınızdaki (Bescheid) itiraz yolları "
              "bilgisinde (Rechtsbehelfsbelehrung) yazar. Dava Sozialgericht'te (sosyal mahkeme) açılır.",
        "ar": "لا أستطيع أن أقيّم إن كان عليك رفع دعوى، ولا ما هي المهلة في حالتك. من فضلك احصل على استشارة: "
              "من محامٍ أو محامية في القانون الاجتماعي، أو من مركز استشارات اجتماعية، أو من جمعية اجتماعية. "
              "المهلة مكتوبة في إرشادات الطعن (Rechtsbehelfsbelehrung) في قرارك (Bescheid). "
              "تُرفع الدعوى أمام المحكمة الاجتماعية (Sozialgericht).",
        "uk": "Я не можу оцінити, чи варто вам подавати позов і який строк діє у вашому випадку. Будь ласка, "
              "отримайте консультацію: в адвоката із соціального права, у службі соціальної консультації або в "
              "соціальній спілці. Строк зазначено в роз'ясненні про оскарження (Rechtsbehelfsbelehrung) у вашому "
              "рішенні (Bescheid). Позов подають до Sozialgericht (соціального суду).",
        "ru": "Я не могу оценить, стоит ли вам подавать иск и какой срок действует в вашем случае. Пожалуйста, "
              "получите консультацию: у адвоката по социальному праву, в службе социальной консультации или в "
              "социальном союзе. Срок указан в разъяснении об обжаловании (Rechtsbehelfsbelehrung) в вашем "
              "решении (Bescheid). Иск подают в Sozialgericht (социальный суд).",
        "pl": "Nie mogę ocenić, czy warto wnieść skargę do sądu ani jaki termin obowiązuje w twojej sprawie. "
              "Skorzystaj z porady: u adwokata od prawa socjalnego, w poradni socjalnej lub w związku socjalnym. "
              "Termin jest podany w pouczeniu o środkach prawnych (Rechtsbehelfsbelehrung) w twojej decyzji "
              "(Bescheid). Skargę wnosi się do sądu socjalnego (Sozialgericht).",
        "fa": "من نمی‌توانم ارزیابی کنم که آیا باید شکایت کنید و چه مهلتی در مورد شما صدق می‌کند. لطفاً مشاوره "
              "بگیرید: از یک وکیل حقوق اجتماعی، یک مرکز مشاوره اجتماعی یا یک انجمن اجتماعی. مهلت در راهنمای "
              "اعتراض (Rechtsbehelfsbelehrung) در تصمیم‌نامه شما (Bescheid) نوشته شده است. شکایت در دادگاه "
              "اجتماعی (Sozialgericht) ثبت می‌شود.",
        "fr": "Je ne peux pas évaluer si vous devriez saisir le tribunal ni quel délai s'applique dans votre cas. "
              "Faites-vous conseiller : par une avocate ou un avocat en droit social, un service de conseil social "
              "ou une association sociale. Le délai figure dans les voies de recours (Rechtsbehelfsbelehrung) de "
              "votre décision (Bescheid). Le recours en justice se fait devant le tribunal social (Sozialgericht).",
    },
    "refusal_office.krankenkasse": {
        "de": "Fragen zu Ihrer Krankenversicherung und ihren Leistungen beantwortet Ihre Krankenkasse. "
              "Bitte wenden Sie sich dorthin.",
        "en": "Questions about your health insurance and its benefits are answered by your health insurance fund "
              "(Krankenkasse). Please contact them.",
        "tr": "Sağlık sigortanız ve hizmetleri ile ilgili soruları sağlık sigortanız (Krankenkasse) cevaplar. "
              "Lütfen oraya başvurun.",
        "ar": "الأسئلة عن تأمينك الصحي وخدماته يجيب عنها صندوق التأمين الصحي الخاص بك (Krankenkasse). "
              "من فضلك تواصل معه.",
        "uk": "На питання про ваше медичне страхування та його послуги відповідає ваша лікарняна каса "
              "(Krankenkasse). Будь ласка, зверніться туди.",
        "ru": "На вопросы о вашем медицинском страховании и его услугах отвечает ваша больничная касса "
              "(Krankenkasse). Пожалуйста, обратитесь туда.",
        "pl": "Na pytania o ubezpieczenie zdrowotne i jego świadczenia odpowiada twoja kasa chorych "
              "(Krankenkasse). Zwróć się tam.",
        "fa": "به سؤال‌های مربوط به بیمه درمانی و خدمات آن، صندوق بیمه درمانی شما (Krankenkasse) پاسخ می‌دهد. "
              "لطفاً به آنجا مراجعه کنید.",
        "fr": "Pour les questions sur votre assurance maladie et ses prestations, adressez-vous à votre caisse "
              "d'assurance maladie (Krankenkasse).",
    },
    "refusal_office.finanzamt": {
        "de": "Fragen zu Steuern beantwortet das Finanzamt. Hilfe bei der Steuererklärung bekommen Sie auch bei "
              "einem Lohnsteuerhilfeverein oder einer Steuerberatung.",
        "en": "Questions about taxes are answered by the Finanzamt (tax office). For your tax return you can also "
              "get help from a tax assistance association (Lohnsteuerhilfeverein) or a tax adviser.",
        "tr": "Vergi ile ilgili soruları Finanzamt (vergi dairesi) cevaplar. Vergi beyannamesi için bir vergi "
              "yardım derneğinden (Lohnsteuerhilfeverein) veya bir vergi danışmanından da yardım alabilirsiniz.",
        "ar": "الأسئلة عن الضرائب تجيب عنها مصلحة الضرائب (Finanzamt). ويمكنك أيضًا الحصول على مساعدة في "
              "الإقرار الضريبي من جمعية المساعدة الضريبية (Lohnsteuerhilfeverein) أو من مستشار ضريبي.",
        "uk": "На питання про податки відповідає Finanzamt (податкова служба). Допомогу з податковою декларацією "
              "можна також отримати в спілці податкової допомоги (Lohnsteuerhilfeverein) або в податкового "
              "консультанта.",
        "ru": "На вопросы о налогах отвечает Finanzamt (налоговая служба). Помощь с налоговой декларацией можно "
              "также получить в союзе налоговой помощи (Lohnsteuerhilfeverein) или у налогового консультанта.",
        "pl": "Na pytania o podatki odpowiada Finanzamt (urząd skarbowy). Pomoc przy zeznaniu podatkowym możesz "
              "też dostać w stowarzyszeniu pomocy podatkowej (Lohnsteuerhilfeverein) lub u doradcy podatkowego.",
        "fa": "به سؤال‌های مالیاتی اداره مالیات (Finanzamt) پاسخ می‌دهد. برای اظهارنامه مالیاتی می‌توانید از یک "
              "انجمن کمک مالیاتی (Lohnsteuerhilfeverein) یا یک مشاور مالیاتی هم کمک بگیرید.",
        "fr": "Pour les questions d'impôts, adressez-vous au Finanzamt (centre des impôts). Pour la déclaration "
              "d'impôts, une association d'aide fiscale (Lohnsteuerhilfeverein) ou un conseiller fiscal peut "
              "aussi vous aider.",
    },
    "refusal_office.schuldnerberatung": {
        "de": "Bei Schulden und Fragen zum Pfändungsschutzkonto (P-Konto) hilft eine Schuldnerberatung. "
              "Gemeinnützige Beratungsstellen (zum Beispiel der Stadt, der Caritas oder der Diakonie) beraten "
              "meist kostenlos.",
        "en": "For debts and questions about the account protected from seizure (P-Konto), a debt advice service "
              "(Schuldnerberatung) can help. Non-profit services (for example from the town, Caritas or Diakonie) "
              "are usually free of charge.",
        "tr": "Borçlar ve haciz korumalı hesap (P-Konto) konusunda bir borç danışmanlığı (Schuldnerberatung) "
              "yardım eder. Kâr amacı gütmeyen danışmanlık yerleri (örneğin belediye, Caritas veya Diakonie) "
              "çoğunlukla ücretsizdir.",
        "ar": "في حالة الديون والأسئلة عن حساب الحماية من الحجز (P-Konto) يساعدك مركز استشارات الديون "
              "(Schuldnerberatung). المراكز غير الربحية (مثلًا لدى البلدية أو Caritas أو Diakonie) تقدم "
              "الاستشارة غالبًا مجانًا.",
        "uk": "Із боргами та питаннями щодо рахунку, захищеного від стягнення (P-Konto), допомагає консультація "
              "з питань боргів (Schuldnerberatung). Некомерційні консультаційні служби (наприклад, при місті, "
              "Caritas або Diakonie) здебільшого консультують безкоштовно.",
        "ru": "С долгами и вопросами о счёте, защищённом от взыскания (P-Konto), помогает консультация по долгам "
              "(Schuldnerberatung). Некоммерческие консультационные службы (например, при городе, Caritas или "
              "Diakonie) чаще всего консультируют бесплатно.",
        "pl": "W sprawie długów i konta chronionego przed zajęciem (P-Konto) pomaga poradnia dla dłużników "
              "(Schuldnerberatung). Poradnie non-profit (na przykład przy mieście, Caritas lub Diakonie) doradzają "
              "zwykle bezpłatnie.",
        "fa": "در مورد بدهی‌ها و حساب محافظت‌شده در برابر توقیف (P-Konto) یک مرکز مشاوره بدهی "
              "(Schuldnerberatung) کمک می‌کند. مراکز غیرانتفاعی (مثلاً در شهرداری، Caritas یا Diakonie) معمولاً "
              "رایگان مشاوره می‌دهند.",
        "fr": "Pour les dettes et le compte protégé contre la saisie (P-Konto), un service de conseil en "
              "surendettement (Schuldnerberatung) peut vous aider. Les services à but non lucratif (par exemple "
              "de la ville, de Caritas ou de Diakonie) sont le plus souvent gratuits.",
    },
    "refusal_office.arbeitsrecht": {
        "de": "Fragen zu Arbeitsvertrag, Lohn oder Kündigung gehören zum Arbeitsrecht. Hilfe bekommen Sie bei "
              "Ihrer Gewerkschaft, bei einer Anwältin oder einem Anwalt für Arbeitsrecht oder bei der "
              "Rechtsantragsstelle des Arbeitsgerichts.",
        "en": "Questions about your employment contract, pay or dismissal are a matter of employment law. You can "
              "get help from your trade union, a lawyer for employment law or the Rechtsantragsstelle "
              "(applications office) of the labour court (Arbeitsgericht).",
        "tr": "İş sözleşmeniz, maaşınız veya işten çıkarılmanızla ilgili sorular iş hukukuna girer. Sendikanızdan, "
              "iş hukuku alanında bir avukattan veya iş mahkemesinin (Arbeitsgericht) başvuru biriminden "
              "(Rechtsantragsstelle) yardım alabilirsiniz.",
        "ar": "الأسئلة عن عقد العمل أو الأجر أو الفصل من العمل تتعلق بقانون العمل. يمكنك الحصول على مساعدة من "
              "نقابتك، أو من محامٍ أو محامية في قانون العمل، أو من مكتب تقديم الطلبات (Rechtsantragsstelle) في "
              "محكمة العمل (Arbeitsgericht).",
        "uk": "Питання про трудовий договір, зарплату чи звільнення стосуються трудового права. Допомогу можна "
              "отримати у вашій профспілці, в адвоката з трудового права або в Rechtsantragsstelle (приймальні "
              "заяв) трудового суду (Arbeitsgericht).",
        "ru": "Вопросы о трудовом договоре, зарплате или увольнении относятся к трудовому праву. Помощь можно "
              "получить в вашем профсоюзе, у адвоката по трудовому праву или в Rechtsantragsstelle (приёмной "
              "заявлений) трудового суда (Arbeitsgericht).",
        "pl": "Pytania o umowę o pracę, wynagrodzenie lub wypowiedzenie dotyczą prawa pracy. Pomoc dostaniesz w "
              "swoim związku zawodowym, u adwokata od prawa pracy albo w Rechtsantragsstelle (biurze przyjmowania "
              "wniosków) sądu pracy (Arbeitsgericht).",
        "fa": "سؤال‌های مربوط به قرارداد کار، دستمزد یا اخراج به حقوق کار مربوط می‌شوند. می‌توانید از اتحادیه "
              "کارگری خود، از یک وکیل حقوق کار یا از دفتر ثبت درخواست (Rechtsantragsstelle) دادگاه کار "
              "(Arbeitsgericht) کمک بگیرید.",
        "fr": "Les questions sur le contrat de travail, le salaire ou un licenciement relèvent du droit du travail. "
              "Vous pouvez obtenir de l'aide auprès de votre syndicat, d'une avocate ou d'un avocat en droit du "
              "travail, ou du bureau des requêtes (Rechtsantragsstelle) du tribunal du travail (Arbeitsgericht).",
    },
    # --- the search-based answer: lead-in and next step per topic (citizens) ------------------------------
    # A lead-in is one sentence that says in plain words what the topic is; it ends with a colon because the
    # quoted rules follow it. A next step says what the person can do; neither states an amount or a period.
    "topic.einkommen.lead_in": {
        "de": "Einkommen ist Geld, das Sie bekommen, zum Beispiel Lohn, Unterhalt oder Kindergeld; was davon "
              "angerechnet wird und was Sie behalten dürfen, steht in den Vorschriften:",
        "en": "Income (Einkommen) is money you receive, for example wages, maintenance or child benefit; what "
              "counts against your Bürgergeld and what you may keep is set out in these German rules (quoted "
              "in German):",
        "tr": "Gelir (Einkommen), aldığınız paradır, örneğin maaş, nafaka veya çocuk parası; bunun ne kadarının "
              "hesaba katıldığı ve ne kadarını tutabileceğiniz şu Alman kurallarında yazılıdır (Almanca alıntı):",
        "ar": "الدخل (Einkommen) هو المال الذي تحصل عليه، مثل الأجر أو النفقة أو إعانة الأطفال؛ وما يُحتسب منه وما "
              "يحق لك الاحتفاظ به مذكور في هذه القواعد الألمانية (مقتبسة باللغة الألمانية):",
        "uk": "Дохід (Einkommen) — це гроші, які ви отримуєте, наприклад зарплата, аліменти чи допомога на "
              "дитину; що з цього зараховується і що ви можете залишити собі, сказано в цих німецьких правилах "
              "(цитата німецькою мовою):",
        "ru": "Доход (Einkommen) — это деньги, которые вы получаете, например зарплата, алименты или пособие на "
              "ребёнка; что из этого учитывается и что вы можете оставить себе, сказано в этих немецких правилах "
              "(цитата на немецком языке):",
        "pl": "Dochód (Einkommen) to pieniądze, które otrzymujesz, na przykład pensja, alimenty lub zasiłek na "
              "dziecko; co z tego jest wliczane, a co możesz zatrzymać, mówią te niemieckie przepisy (cytat po "
              "niemiecku):",
        "fa": "درآمد (Einkommen) پولی است که دریافت می‌کنید، مثلاً حقوق، نفقه یا کمک‌هزینه فرزند؛ اینکه چه مقدار "
              "از آن حساب می‌شود و چه مقدار را می‌توانید نگه دارید، در این قوانین آلمان آمده است (به زبان آلمانی):",
        "fr": "Les revenus (Einkommen), c'est l'argent que vous recevez, par exemple un salaire, une pension "
              "alimentaire ou les allocations familiales ; ce qui est déduit et ce que vous pouvez garder figure "
              "dans ces règles allemandes (citées en allemand) :",
    },
    "topic.einkommen.next_step": {
        "de": "Melden Sie jedes Einkommen und jede Änderung sofort Ihrem Jobcenter und reichen Sie Nachweise ein, "
              "zum Beispiel Lohnabrechnungen. Wenn Sie meinen, dass Ihr Einkommen falsch angerechnet wurde, lassen "
              "Sie Ihren Bescheid prüfen.",
        "en": "Tell your Jobcenter about every income and every change straight away and send proof, for example "
              "your payslips. If you think your income was counted wrongly, have your decision (Bescheid) "
              "checked.",
        "tr": "Her geliri ve her değişikliği hemen Jobcenter'ınıza bildirin ve belgeleri verin, örneğin maaş "
              "bordrolarınızı. Gelirinizin yanlış hesaplandığını düşünüyorsanız kararınızı (Bescheid) kontrol "
              "ettirin.",
        "ar": "أبلغ مركز العمل (Jobcenter) فورًا بكل دخل وبكل تغيير، وقدّم الإثباتات، مثل كشوف الراتب. إذا كنت تعتقد "
              "أن دخلك احتُسب بشكل خاطئ، فاطلب فحص القرار (Bescheid).",
        "uk": "Одразу повідомляйте свій Jobcenter про кожен дохід і кожну зміну та подавайте підтвердження, "
              "наприклад розрахункові листи. Якщо ви вважаєте, що дохід зарахували неправильно, попросіть "
              "перевірити ваше рішення (Bescheid).",
        "ru": "Сразу сообщайте в свой Jobcenter о каждом доходе и каждом изменении и подавайте подтверждения, "
              "например расчётные листы. Если вы считаете, что доход учли неправильно, попросите проверить ваше "
              "решение (Bescheid).",
        "pl": "Zgłaszaj od razu w swoim Jobcenter każdy dochód i każdą zmianę i przedstaw dowody, na przykład "
              "odcinki wypłaty. Jeśli uważasz, że dochód policzono źle, oddaj decyzję (Bescheid) do sprawdzenia.",
        "fa": "هر درآمد و هر تغییری را فوراً به Jobcenter خود اطلاع دهید و مدارک را تحویل دهید، مثلاً فیش حقوقی. "
              "اگر فکر می‌کنید درآمدتان اشتباه حساب شده است، تصمیم اداره (Bescheid) را بررسی کنید یا بدهید بررسی کنند.",
        "fr": "Signalez tout de suite chaque revenu et chaque changement à votre Jobcenter et envoyez les "
              "justificatifs, par exemple vos fiches de paie. Si vous pensez que votre revenu a été mal compté, "
              "faites vérifier votre décision (Bescheid).",
    },
    "topic.vermoegen.lead_in": {
        "de": "Vermögen ist, was Sie schon besitzen, zum Beispiel Erspartes, ein Auto oder eine Wohnung; was "
              "davon geschützt ist, steht in den Vorschriften:",
        "en": "Assets (Vermögen) are what you already own, for example savings, a car or a flat; which of them "
              "are protected is set out in these German rules (quoted in German):",
        "tr": "Varlık (Vermögen), zaten sahip olduğunuz şeylerdir, örneğin birikim, araba veya daire; bunların "
              "hangilerinin korunduğu şu Alman kurallarında yazılıdır (Almanca alıntı):",
        "ar": "الأصول (Vermögen) هي ما تملكه بالفعل، مثل المدخرات أو السيارة أو الشقة؛ وما هو محمي منها مذكور في "
              "هذه القواعد الألمانية (مقتبسة باللغة الألمانية):",
        "uk": "Майно (Vermögen) — це те, що у вас уже є, наприклад заощадження, автомобіль чи квартира; що з "
              "цього захищено, сказано в цих німецьких правилах (цитата німецькою мовою):",
        "ru": "Имущество (Vermögen) — это то, что у вас уже есть, например сбережения, машина или квартира; что "
              "из этого защищено, сказано в этих немецких правилах (цитата на немецком языке):",
        "pl": "Majątek (Vermögen) to to, co już posiadasz, na przykład oszczędności, samochód lub mieszkanie; co "
              "z tego jest chronione, mówią te niemieckie przepisy (cytat po niemiecku):",
        "fa": "دارایی (Vermögen) چیزی است که از قبل دارید، مثلاً پس‌انداز، خودرو یا آپارتمان؛ اینکه کدام‌یک محفوظ "
              "می‌ماند، در این قوانین آلمان آمده است (به زبان آلمانی):",
        "fr": "Le patrimoine (Vermögen), c'est ce que vous possédez déjà, par exemple une épargne, une voiture ou "
              "un logement ; ce qui en est protégé figure dans ces règles allemandes (citées en allemand) :",
    },
    "topic.vermoegen.next_step": {
        "de": "Geben Sie im Antrag alle Konten und Werte an und legen Sie Nachweise bei, zum Beispiel "
              "Kontoauszüge. Fragen Sie Ihr Jobcenter, welcher Freibetrag für Sie und Ihre Familie gilt.",
        "en": "List all accounts and valuables in your application and add proof, for example bank statements. "
              "Ask your Jobcenter which allowance (Freibetrag) applies to you and your family.",
        "tr": "Başvurunuzda bütün hesapları ve değerli şeyleri belirtin ve belgeleri ekleyin, örneğin hesap "
              "dökümlerini. Sizin ve aileniz için hangi muafiyetin (Freibetrag) geçerli olduğunu Jobcenter'ınıza "
              "sorun.",
        "ar": "اذكر في الطلب كل الحسابات والأشياء ذات القيمة، وأرفق الإثباتات، مثل كشوف الحساب. واسأل مركز العمل "
              "(Jobcenter) عن المبلغ المعفى (Freibetrag) الذي ينطبق عليك وعلى أسرتك.",
        "uk": "Укажіть у заяві всі рахунки й цінності та додайте підтвердження, наприклад виписки з рахунку. "
              "Запитайте свій Jobcenter, яка неоподатковувана сума (Freibetrag) діє для вас і вашої родини.",
        "ru": "Укажите в заявлении все счета и ценности и приложите подтверждения, например выписки со счёта. "
              "Спросите в своём Jobcenter, какая свободная от учёта сумма (Freibetrag) действует для вас и вашей "
              "семьи.",
        "pl": "Podaj we wniosku wszystkie konta i wartościowe rzeczy i dołącz dowody, na przykład wyciągi z "
              "konta. Zapytaj w swoim Jobcenter, jaka kwota wolna (Freibetrag) obowiązuje ciebie i twoją rodzinę.",
        "fa": "در درخواست همه حساب‌ها و دارایی‌ها را بنویسید و مدارک را ضمیمه کنید، مثلاً صورت‌حساب بانکی. از "
              "Jobcenter بپرسید چه مبلغ معافی (Freibetrag) برای شما و خانواده‌تان در نظر گرفته می‌شود.",
        "fr": "Indiquez dans votre demande tous vos comptes et biens de valeur et joignez les justificatifs, par "
              "exemple vos relevés bancaires. Demandez à votre Jobcenter quelle franchise (Freibetrag) s'applique "
              "à vous et à votre famille.",
    },
    "topic.unterkunft.lead_in": {
        "de": "Zu den Kosten für Ihre Wohnung und Heizung (Miete, Nebenkosten, Heizkosten) steht in den "
              "Vorschriften:",
        "en": "On the costs of your home and heating (rent, service charges, heating costs), the German rules "
              "say (quoted in German):",
        "tr": "Eviniz ve ısınma masraflarınız (kira, yan giderler, ısınma giderleri) hakkında Alman kuralları "
              "şöyle der (Almanca alıntı):",
        "ar": "بشأن تكاليف سكنك وتدفئتك (الإيجار، والتكاليف الإضافية، وتكاليف التدفئة) تقول القواعد الألمانية "
              "(مقتبسة باللغة الألمانية):",
        "uk": "Про витрати на житло й опалення (оренда, комунальні витрати, опалення) німецькі правила кажуть "
              "(цитата німецькою мовою):",
        "ru": "О расходах на жильё и отопление (аренда, коммунальные расходы, отопление) немецкие правила "
              "говорят (цитата на немецком языке):",
        "pl": "O kosztach mieszkania i ogrzewania (czynsz, koszty dodatkowe, ogrzewanie) niemieckie przepisy "
              "mówią (cytat po niemiecku):",
        "fa": "درباره هزینه‌های مسکن و گرمایش شما (اجاره، هزینه‌های جانبی، هزینه گرمایش) قوانین آلمان می‌گویند "
              "(به زبان آلمانی):",
        "fr": "Sur les frais de logement et de chauffage (loyer, charges, chauffage), les règles allemandes "
              "disent (citées en allemand) :",
    },
    "topic.unterkunft.next_step": {
        "de": "Reichen Sie Mietvertrag, Nebenkostenabrechnung und Heizkostenrechnung beim Jobcenter ein, sobald "
              "Sie sie haben. Vor einem Umzug fragen Sie zuerst das Jobcenter und unterschreiben Sie einen neuen "
              "Mietvertrag erst nach der Zusicherung.",
        "en": "Send your tenancy agreement, service-charge statement and heating bill to the Jobcenter as soon "
              "as you have them. Before moving, ask the Jobcenter first and sign a new tenancy agreement only "
              "after it has given its consent (Zusicherung).",
        "tr": "Kira sözleşmesini, yan gider hesabını ve ısınma faturasını elinize geçer geçmez Jobcenter'a verin. "
              "Taşınmadan önce Jobcenter'a sorun ve yeni kira sözleşmesini ancak onay (Zusicherung) aldıktan sonra "
              "imzalayın.",
        "ar": "قدّم عقد الإيجار وكشف التكاليف الإضافية وفاتورة التدفئة إلى مركز العمل (Jobcenter) فور حصولك عليها. "
              "قبل الانتقال اسأل مركز العمل أولًا، ولا توقّع عقد إيجار جديدًا إلا بعد الحصول على الموافقة "
              "(Zusicherung).",
        "uk": "Подавайте до Jobcenter договір оренди, розрахунок комунальних витрат і рахунок за опалення, щойно "
              "вони у вас є. Перед переїздом спершу запитайте Jobcenter і підписуйте новий договір оренди лише "
              "після його згоди (Zusicherung).",
        "ru": "Подавайте в Jobcenter договор аренды, расчёт коммунальных расходов и счёт за отопление, как только "
              "они у вас появятся. Перед переездом сначала спросите Jobcenter и подписывайте новый договор аренды "
              "только после его согласия (Zusicherung).",
        "pl": "Składaj w Jobcenter umowę najmu, rozliczenie kosztów dodatkowych i rachunek za ogrzewanie, gdy "
              "tylko je otrzymasz. Przed przeprowadzką najpierw zapytaj Jobcenter i podpisz nową umowę najmu "
              "dopiero po jego zgodzie (Zusicherung).",
        "fa": "قرارداد اجاره، صورت‌حساب هزینه‌های جانبی و قبض گرمایش را به محض دریافت به Jobcenter بدهید. پیش از "
              "اسباب‌کشی ابتدا از Jobcenter بپرسید و قرارداد اجاره جدید را فقط پس از موافقت (Zusicherung) امضا کنید.",
        "fr": "Envoyez au Jobcenter votre bail, le décompte des charges et la facture de chauffage dès que vous "
              "les avez. Avant un déménagement, demandez d'abord au Jobcenter et ne signez un nouveau bail "
              "qu'après son accord (Zusicherung).",
    },
    "topic.regelbedarf.lead_in": {
        "de": "Der Regelbedarf ist das Geld für den Alltag, zum Beispiel für Essen, Kleidung und Strom; wie viel "
              "es ist, hängt von der Regelbedarfsstufe ab, und dazu steht in den Vorschriften:",
        "en": "The standard benefit (Regelbedarf) is the money for everyday life, for example food, clothes and "
              "electricity; how much it is depends on the standard-benefit level (Regelbedarfsstufe), as these "
              "German rules say (quoted in German):",
        "tr": "Temel ihtiyaç (Regelbedarf), günlük hayat için paradır, örneğin yiyecek, giyecek ve elektrik; "
              "miktarı temel ihtiyaç kademesine (Regelbedarfsstufe) bağlıdır, şu Alman kurallarında olduğu gibi "
              "(Almanca alıntı):",
        "ar": "الاحتياج الأساسي (Regelbedarf) هو المال اللازم للحياة اليومية، مثل الطعام والملابس والكهرباء؛ "
              "ويتوقف مقداره على درجة الاحتياج الأساسي (Regelbedarfsstufe) كما تقول هذه القواعد الألمانية "
              "(مقتبسة باللغة الألمانية):",
        "uk": "Базова потреба (Regelbedarf) — це гроші на щоденне життя, наприклад на їжу, одяг і електрику; "
              "її розмір залежить від рівня базової потреби (Regelbedarfsstufe), як кажуть ці німецькі правила "
              "(цитата німецькою мовою):",
        "ru": "Базовая потребность (Regelbedarf) — это деньги на повседневную жизнь, например на еду, одежду и "
              "электричество; её размер зависит от уровня базовой потребности (Regelbedarfsstufe), как говорят "
              "эти немецкие правила (цитата на немецком языке):",
        "pl": "Świadczenie podstawowe (Regelbedarf) to pieniądze na codzienne życie, na przykład na jedzenie, "
              "ubrania i prąd; jego wysokość zależy od stopnia (Regelbedarfsstufe), jak mówią te niemieckie "
              "przepisy (cytat po niemiecku):",
        "fa": "نیاز پایه (Regelbedarf) پول زندگی روزمره است، مثلاً برای غذا، لباس و برق؛ مبلغ آن به سطح نیاز "
              "پایه (Regelbedarfsstufe) بستگی دارد، همان‌طور که این قوانین آلمان می‌گویند (به زبان آلمانی):",
        "fr": "Le besoin standard (Regelbedarf), c'est l'argent de la vie quotidienne, par exemple pour la "
              "nourriture, les vêtements et l'électricité ; son montant dépend du niveau (Regelbedarfsstufe), "
              "comme le disent ces règles allemandes (citées en allemand) :",
    },
    "topic.regelbedarf.next_step": {
        "de": "Sehen Sie in Ihrem Bescheid nach, welche Regelbedarfsstufe für jede Person gilt. Wenn sich etwas "
              "ändert, zum Beispiel wenn ein Kind älter wird oder jemand auszieht, sagen Sie es Ihrem Jobcenter.",
        "en": "Check in your decision (Bescheid) which standard-benefit level applies to each person. If "
              "something changes, for example a child gets older or someone moves out, tell your Jobcenter.",
        "tr": "Kararınızda (Bescheid) her kişi için hangi kademenin geçerli olduğuna bakın. Bir şey değişirse, "
              "örneğin bir çocuk büyürse ya da biri evden taşınırsa, bunu Jobcenter'ınıza söyleyin.",
        "ar": "انظر في القرار (Bescheid) أي درجة احتياج أساسي تنطبق على كل شخص. وإذا تغيّر شيء، مثل أن يكبر طفل "
              "أو ينتقل أحد من البيت، فأخبر مركز العمل (Jobcenter).",
        "uk": "Подивіться у своєму рішенні (Bescheid), який рівень базової потреби діє для кожної особи. Якщо "
              "щось змінюється, наприклад дитина стає старшою або хтось виїжджає, повідомте свій Jobcenter.",
        "ru": "Посмотрите в своём решении (Bescheid), какой уровень базовой потребности действует для каждого "
              "человека. Если что-то меняется, например ребёнок становится старше или кто-то переезжает, сообщите "
              "в свой Jobcenter.",
        "pl": "Sprawdź w decyzji (Bescheid), jaki stopień obowiązuje każdą osobę. Jeśli coś się zmienia, na "
              "przykład dziecko jest starsze albo ktoś się wyprowadza, powiedz o tym w swoim Jobcenter.",
        "fa": "در تصمیم اداره (Bescheid) ببینید برای هر نفر کدام سطح نیاز پایه در نظر گرفته شده است. اگر چیزی "
              "تغییر کند، مثلاً فرزندی بزرگ‌تر شود یا کسی از خانه برود، به Jobcenter خود بگویید.",
        "fr": "Vérifiez dans votre décision (Bescheid) quel niveau s'applique à chaque personne. Si quelque chose "
              "change, par exemple un enfant grandit ou quelqu'un déménage, dites-le à votre Jobcenter.",
    },
    "topic.mehrbedarf.lead_in": {
        "de": "Ein Mehrbedarf ist zusätzliches Geld für besondere Lebenslagen, zum Beispiel in der "
              "Schwangerschaft, für Alleinerziehende oder bei einer Krankheit; dazu steht in den Vorschriften:",
        "en": "An additional need (Mehrbedarf) is extra money for special situations, for example pregnancy, "
              "single parents or an illness; the German rules say (quoted in German):",
        "tr": "Ek ihtiyaç (Mehrbedarf), özel durumlar için ek paradır, örneğin hamilelikte, tek başına çocuk "
              "büyütenler için veya bir hastalıkta; Alman kuralları şöyle der (Almanca alıntı):",
        "ar": "الاحتياج الإضافي (Mehrbedarf) هو مال إضافي لظروف خاصة، مثل الحمل أو للوالد الذي يربي أطفاله وحده أو "
              "عند المرض؛ وتقول القواعد الألمانية (مقتبسة باللغة الألمانية):",
        "uk": "Додаткова потреба (Mehrbedarf) — це додаткові гроші в особливих життєвих ситуаціях, наприклад під "
              "час вагітності, для батьків-одинаків або при хворобі; німецькі правила кажуть (цитата німецькою "
              "мовою):",
        "ru": "Дополнительная потребность (Mehrbedarf) — это дополнительные деньги в особых жизненных ситуациях, "
              "например при беременности, для родителей-одиночек или при болезни; немецкие правила говорят "
              "(цитата на немецком языке):",
        "pl": "Dodatkowa potrzeba (Mehrbedarf) to dodatkowe pieniądze w szczególnych sytuacjach, na przykład w "
              "ciąży, dla samotnych rodziców albo w chorobie; niemieckie przepisy mówią (cytat po niemiecku):",
        "fa": "نیاز اضافی (Mehrbedarf) پول اضافه برای شرایط خاص است، مثلاً در دوران بارداری، برای والدینی که تنها "
              "فرزند بزرگ می‌کنند یا هنگام بیماری؛ قوانین آلمان می‌گویند (به زبان آلمانی):",
        "fr": "Un besoin supplémentaire (Mehrbedarf), c'est de l'argent en plus dans des situations "
              "particulières, par exemple pendant une grossesse, pour un parent seul ou en cas de maladie ; les "
              "règles allemandes disent (citées en allemand) :",
    },
    "topic.mehrbedarf.next_step": {
        "de": "Sagen Sie Ihrem Jobcenter, wenn ein Mehrbedarf für Sie in Frage kommt, und legen Sie Nachweise "
              "vor, zum Beispiel den Mutterpass oder ein ärztliches Attest.",
        "en": "Tell your Jobcenter if an additional need may apply to you and show proof, for example your "
              "maternity record (Mutterpass) or a doctor's certificate.",
        "tr": "Sizin için bir ek ihtiyaç söz konusu olabilirse bunu Jobcenter'ınıza söyleyin ve belge gösterin, "
              "örneğin anne kartını (Mutterpass) veya doktor raporunu.",
        "ar": "أخبر مركز العمل (Jobcenter) إذا كان احتياج إضافي قد ينطبق عليك، وقدّم الإثباتات، مثل سجل الأمومة "
              "(Mutterpass) أو شهادة طبية.",
        "uk": "Скажіть своєму Jobcenter, якщо вам може належати додаткова потреба, і покажіть підтвердження, "
              "наприклад медичну карту вагітної (Mutterpass) або довідку від лікаря.",
        "ru": "Скажите в своём Jobcenter, если вам может полагаться дополнительная потребность, и покажите "
              "подтверждения, например обменную карту беременной (Mutterpass) или справку от врача.",
        "pl": "Powiedz w swoim Jobcenter, jeśli może ci przysługiwać dodatkowa potrzeba, i pokaż dowody, na "
              "przykład kartę ciąży (Mutterpass) albo zaświadczenie lekarskie.",
        "fa": "اگر ممکن است نیاز اضافی شامل حال شما شود، به Jobcenter بگویید و مدرک نشان دهید، مثلاً دفترچه "
              "بارداری (Mutterpass) یا گواهی پزشک.",
        "fr": "Dites à votre Jobcenter si un besoin supplémentaire peut vous concerner et montrez un justificatif, "
              "par exemple le carnet de maternité (Mutterpass) ou un certificat médical.",
    },
    # the next step of a family's calculation (household total, single-parent Mehrbedarf); not a search topic
    "topic.familie.next_step": {
        "de": "Geben Sie im Antrag alle Personen im Haushalt mit Geburtsdatum an. Erziehen Sie allein, sagen Sie "
              "das dem Jobcenter. Zahlt der andere Elternteil keinen Unterhalt, beantragen Sie beim Jugendamt "
              "Unterhaltsvorschuss. Prüfen Sie dann im Bescheid, ob jede Person und jeder Zuschlag berücksichtigt ist.",
        "en": "List every person in the household with their date of birth in the application. If you raise the "
              "children alone, tell the Jobcenter. If the other parent pays no maintenance, apply for advance "
              "maintenance (Unterhaltsvorschuss) at the youth welfare office (Jugendamt). Then check in the "
              "decision (Bescheid) that every person and every supplement is included.",
        "tr": "Başvuruda hanedeki herkesi doğum tarihiyle yazın. Çocuklarınızı tek başınıza büyütüyorsanız bunu "
              "Jobcenter'a söyleyin. Diğer ebeveyn nafaka ödemiyorsa Gençlik Dairesi'nden (Jugendamt) nafaka "
              "avansı (Unterhaltsvorschuss) isteyin. Sonra kararda (Bescheid) herkesin ve her ekin yer alıp "
              "almadığını kontrol edin.",
        "ar": "اذكر في الطلب كل شخص في البيت مع تاريخ ميلاده. وإذا كنت تربي الأطفال وحدك فأخبر مركز العمل "
              "(Jobcenter). وإذا لم يدفع الوالد الآخر النفقة فاطلب سلفة النفقة (Unterhaltsvorschuss) من مكتب "
              "رعاية الشباب (Jugendamt). ثم تحقق في القرار (Bescheid) من أن كل شخص وكل إضافة محسوبة.",
        "uk": "У заяві вкажіть усіх осіб у домогосподарстві з датою народження. Якщо ви виховуєте дітей самі, "
              "скажіть про це Jobcenter. Якщо другий з батьків не платить аліменти, подайте заяву на аванс "
              "аліментів (Unterhaltsvorschuss) у службу у справах молоді (Jugendamt). Потім перевірте в рішенні "
              "(Bescheid), чи враховано кожну особу і кожну надбавку.",
        "ru": "В заявлении укажите всех людей в домохозяйстве с датой рождения. Если вы воспитываете детей одни, "
              "скажите об этом в Jobcenter. Если второй родитель не платит алименты, подайте заявление на аванс "
              "алиментов (Unterhaltsvorschuss) в ведомство по делам молодёжи (Jugendamt). Затем проверьте в "
              "решении (Bescheid), учтены ли каждый человек и каждая надбавка.",
        "pl": "We wniosku podaj wszystkie osoby w gospodarstwie domowym z datą urodzenia. Jeśli sam wychowujesz "
              "dzieci, powiedz o tym w Jobcenter. Jeśli drugi rodzic nie płaci alimentów, złóż wniosek o zaliczkę "
              "alimentacyjną (Unterhaltsvorschuss) w urzędzie ds. młodzieży (Jugendamt). Potem sprawdź w decyzji "
              "(Bescheid), czy uwzględniono każdą osobę i każdy dodatek.",
        "fa": "در درخواست، همه افراد خانه را با تاریخ تولد بنویسید. اگر فرزندان را تنها بزرگ می‌کنید، این را به "
              "Jobcenter بگویید. اگر والد دیگر نفقه نمی‌پردازد، از اداره جوانان (Jugendamt) پیش‌پرداخت نفقه "
              "(Unterhaltsvorschuss) درخواست کنید. سپس در تصمیم اداره (Bescheid) بررسی کنید که همه افراد و همه "
              "مبالغ اضافه در نظر گرفته شده باشند.",
        "fr": "Dans la demande, indiquez chaque personne du foyer avec sa date de naissance. Si vous élevez seul "
              "vos enfants, dites-le au Jobcenter. Si l'autre parent ne paie pas de pension, demandez l'avance sur "
              "pension (Unterhaltsvorschuss) au service de la jeunesse (Jugendamt). Vérifiez ensuite dans la "
              "décision (Bescheid) que chaque personne et chaque supplément sont pris en compte.",
    },
    "topic.pflichten.lead_in": {
        "de": "Zu Ihren Pflichten, also was Sie dem Jobcenter melden und wobei Sie mitwirken müssen, steht in den "
              "Vorschriften:",
        "en": "On your duties, that is what you must report to the Jobcenter and where you must cooperate, the "
              "German rules say (quoted in German):",
        "tr": "Yükümlülükleriniz, yani Jobcenter'a neyi bildirmeniz ve nerede iş birliği yapmanız gerektiği "
              "hakkında Alman kuralları şöyle der (Almanca alıntı):",
        "ar": "بشأن واجباتك، أي ما يجب أن تبلغ به مركز العمل (Jobcenter) وما يجب أن تشارك فيه، تقول القواعد "
              "الألمانية (مقتبسة باللغة الألمانية):",
        "uk": "Про ваші обов'язки, тобто що ви маєте повідомляти Jobcenter і в чому маєте співпрацювати, "
              "німецькі правила кажуть (цитата німецькою мовою):",
        "ru": "О ваших обязанностях, то есть о том, что вы должны сообщать в Jobcenter и в чём должны "
              "содействовать, немецкие правила говорят (цитата на немецком языке):",
        "pl": "O twoich obowiązkach, czyli o tym, co musisz zgłaszać w Jobcenter i w czym współpracować, "
              "niemieckie przepisy mówią (cytat po niemiecku):",
        "fa": "درباره وظایف شما، یعنی آنچه باید به Jobcenter اطلاع دهید و در آن همکاری کنید، قوانین آلمان "
              "می‌گویند (به زبان آلمانی):",
        "fr": "Sur vos obligations, c'est-à-dire ce que vous devez signaler au Jobcenter et à quoi vous devez "
              "participer, les règles allemandes disent (citées en allemand) :",
    },
    "topic.pflichten.next_step": {
        "de": "Melden Sie Änderungen sofort, gehen Sie zu Ihren Terminen und sagen Sie rechtzeitig ab, wenn Sie "
              "einen wichtigen Grund haben. Bevor Sie verreisen, fragen Sie Ihr Jobcenter um Zustimmung.",
        "en": "Report changes straight away, go to your appointments and cancel in good time if you have an "
              "important reason. Before you travel, ask your Jobcenter for approval.",
        "tr": "Değişiklikleri hemen bildirin, randevularınıza gidin ve önemli bir nedeniniz varsa zamanında iptal "
              "edin. Seyahate çıkmadan önce Jobcenter'ınızdan onay isteyin.",
        "ar": "أبلغ عن التغييرات فورًا، واحضر مواعيدك، واعتذر في الوقت المناسب إذا كان لديك سبب مهم. وقبل السفر "
              "اطلب موافقة مركز العمل (Jobcenter).",
        "uk": "Одразу повідомляйте про зміни, приходьте на призначені зустрічі та вчасно скасовуйте їх, якщо маєте "
              "поважну причину. Перед поїздкою попросіть згоди свого Jobcenter.",
        "ru": "Сразу сообщайте об изменениях, приходите на назначенные встречи и вовремя отменяйте их, если у "
              "вас есть уважительная причина. Перед поездкой попросите согласия своего Jobcenter.",
        "pl": "Zgłaszaj zmiany od razu, przychodź na wyznaczone terminy i odwołuj je na czas, jeśli masz ważny "
              "powód. Zanim wyjedziesz, poproś swój Jobcenter o zgodę.",
        "fa": "تغییرات را فوراً اطلاع دهید، به قرارهای خود بروید و اگر دلیل مهمی دارید به‌موقع لغو کنید. پیش از "
              "سفر از Jobcenter خود اجازه بگیرید.",
        "fr": "Signalez tout de suite les changements, allez à vos rendez-vous et annulez à temps si vous avez "
              "une raison importante. Avant de partir en voyage, demandez l'accord de votre Jobcenter.",
    },
    "topic.leistungsminderung.lead_in": {
        "de": "Eine Leistungsminderung heißt: Sie bekommen weniger Bürgergeld, wenn Sie Pflichten ohne wichtigen "
              "Grund nicht erfüllen; dazu steht in den Vorschriften:",
        "en": "A benefit reduction (Leistungsminderung) means you get less Bürgergeld if you do not meet your "
              "duties without an important reason; the German rules say (quoted in German):",
        "tr": "Yardım kesintisi (Leistungsminderung), yükümlülüklerinizi önemli bir neden olmadan yerine "
              "getirmezseniz daha az Bürgergeld almanız demektir; Alman kuralları şöyle der (Almanca alıntı):",
        "ar": "تخفيض الإعانة (Leistungsminderung) يعني أنك تحصل على Bürgergeld أقل إذا لم تلتزم بواجباتك دون سبب "
              "مهم؛ وتقول القواعد الألمانية (مقتبسة باللغة الألمانية):",
        "uk": "Зменшення допомоги (Leistungsminderung) означає, що ви отримуєте менше Bürgergeld, якщо без "
              "поважної причини не виконуєте свої обов'язки; німецькі правила кажуть (цитата німецькою мовою):",
        "ru": "Сокращение пособия (Leistungsminderung) означает, что вы получаете меньше Bürgergeld, если без "
              "уважительной причины не выполняете свои обязанности; немецкие правила говорят (цитата на немецком "
              "языке):",
        "pl": "Obniżenie świadczenia (Leistungsminderung) oznacza, że dostajesz mniej Bürgergeld, jeśli bez "
              "ważnego powodu nie wypełniasz obowiązków; niemieckie przepisy mówią (cytat po niemiecku):",
        "fa": "کاهش کمک‌هزینه (Leistungsminderung) یعنی اگر بدون دلیل مهم وظایف خود را انجام ندهید، Bürgergeld "
              "کمتری می‌گیرید؛ قوانین آلمان می‌گویند (به زبان آلمانی):",
        "fr": "Une réduction de prestation (Leistungsminderung) veut dire que vous recevez moins de Bürgergeld si "
              "vous ne remplissez pas vos obligations sans raison importante ; les règles allemandes disent "
              "(citées en allemand) :",
    },
    "topic.leistungsminderung.next_step": {
        "de": "Antworten Sie auf die Anhörung des Jobcenters und nennen Sie Ihren wichtigen Grund mit Nachweis. "
              "Wenn Sie den Bescheid für falsch halten, legen Sie Widerspruch ein und achten Sie auf die Frist, "
              "die im Bescheid steht.",
        "en": "Reply to the Jobcenter's hearing letter (Anhörung) and give your important reason with proof. If "
              "you think the decision is wrong, file an objection (Widerspruch) and keep to the deadline stated "
              "in the decision.",
        "tr": "Jobcenter'ın dinleme yazısına (Anhörung) cevap verin ve önemli nedeninizi belgesiyle bildirin. "
              "Kararın yanlış olduğunu düşünüyorsanız itiraz (Widerspruch) edin ve kararda yazan süreye dikkat "
              "edin.",
        "ar": "ردّ على رسالة الاستماع (Anhörung) من مركز العمل، واذكر سببك المهم مع الإثبات. وإذا كنت تعتقد أن "
              "القرار خاطئ فقدّم اعتراضًا (Widerspruch) وانتبه إلى المهلة المذكورة في القرار.",
        "uk": "Дайте відповідь на лист-запит Jobcenter (Anhörung) і назвіть свою поважну причину з "
              "підтвердженням. Якщо ви вважаєте рішення неправильним, подайте заперечення (Widerspruch) і "
              "дотримайтеся строку, зазначеного в рішенні.",
        "ru": "Ответьте на письмо-запрос Jobcenter (Anhörung) и назовите свою уважительную причину с "
              "подтверждением. Если вы считаете решение неправильным, подайте возражение (Widerspruch) и "
              "соблюдайте срок, указанный в решении.",
        "pl": "Odpowiedz na pismo Jobcenter w sprawie wysłuchania (Anhörung) i podaj swój ważny powód z dowodem. "
              "Jeśli uważasz, że decyzja jest błędna, złóż sprzeciw (Widerspruch) i dotrzymaj terminu podanego w "
              "decyzji.",
        "fa": "به نامه استماع (Anhörung) از Jobcenter پاسخ دهید و دلیل مهم خود را با مدرک بگویید. اگر فکر می‌کنید "
              "تصمیم اشتباه است، اعتراض (Widerspruch) کنید و به مهلتی که در تصمیم نوشته شده توجه کنید.",
        "fr": "Répondez au courrier d'audition (Anhörung) du Jobcenter et donnez votre raison importante avec un "
              "justificatif. Si vous pensez que la décision est fausse, faites opposition (Widerspruch) en "
              "respectant le délai indiqué dans la décision.",
    },
    "topic.antrag.lead_in": {
        "de": "Zum Antrag, also wie und ab wann Sie Bürgergeld bekommen, steht in den Vorschriften:",
        "en": "On the application (Antrag), that is how and from when you get Bürgergeld, the German rules say "
              "(quoted in German):",
        "tr": "Başvuru (Antrag), yani Bürgergeld'i nasıl ve ne zamandan itibaren aldığınız hakkında Alman "
              "kuralları şöyle der (Almanca alıntı):",
        "ar": "بشأن الطلب (Antrag)، أي كيف ومن متى تحصل على Bürgergeld، تقول القواعد الألمانية (مقتبسة باللغة "
              "الألمانية):",
        "uk": "Про заяву (Antrag), тобто як і з якого часу ви отримуєте Bürgergeld, німецькі правила кажуть "
              "(цитата німецькою мовою):",
        "ru": "О заявлении (Antrag), то есть как и с какого времени вы получаете Bürgergeld, немецкие правила "
              "говорят (цитата на немецком языке):",
        "pl": "O wniosku (Antrag), czyli jak i od kiedy dostajesz Bürgergeld, niemieckie przepisy mówią (cytat "
              "po niemiecku):",
        "fa": "درباره درخواست (Antrag)، یعنی اینکه چگونه و از چه زمانی Bürgergeld می‌گیرید، قوانین آلمان "
              "می‌گویند (به زبان آلمانی):",
        "fr": "Sur la demande (Antrag), c'est-à-dire comment et à partir de quand vous recevez le Bürgergeld, les "
              "règles allemandes disent (citées en allemand) :",
    },
    "topic.antrag.next_step": {
        "de": "Stellen Sie den Antrag so früh wie möglich bei dem Jobcenter, das für Ihren Wohnort zuständig ist; "
              "das geht auch online. Stellen Sie den Weiterbewilligungsantrag rechtzeitig, bevor Ihr "
              "Bewilligungszeitraum endet.",
        "en": "Apply as early as possible at the Jobcenter responsible for where you live; you can also do this "
              "online. Apply for a continuation (Weiterbewilligungsantrag) in good time before your approval "
              "period ends.",
        "tr": "Başvurunuzu olabildiğince erken, oturduğunuz yerden sorumlu Jobcenter'a yapın; bu internetten de "
              "olur. Devam başvurusunu (Weiterbewilligungsantrag) onay süreniz bitmeden zamanında yapın.",
        "ar": "قدّم الطلب في أقرب وقت ممكن لدى مركز العمل (Jobcenter) المسؤول عن مكان سكنك، ويمكن ذلك أيضًا عبر "
              "الإنترنت. وقدّم طلب التمديد (Weiterbewilligungsantrag) في الوقت المناسب قبل انتهاء فترة الموافقة.",
        "uk": "Подайте заяву якомога раніше до Jobcenter, відповідального за ваше місце проживання; це можна "
              "зробити й онлайн. Подайте заяву на продовження (Weiterbewilligungsantrag) вчасно, до кінця "
              "періоду призначення.",
        "ru": "Подайте заявление как можно раньше в Jobcenter, который отвечает за ваше место жительства; это "
              "можно сделать и онлайн. Подайте заявление на продление (Weiterbewilligungsantrag) вовремя, до "
              "конца периода назначения.",
        "pl": "Złóż wniosek jak najwcześniej w Jobcenter właściwym dla twojego miejsca zamieszkania; można to "
              "zrobić także online. Wniosek o dalsze przyznanie (Weiterbewilligungsantrag) złóż na czas, zanim "
              "skończy się okres przyznania.",
        "fa": "درخواست را هرچه زودتر در Jobcenter مسئول محل سکونت خود بدهید؛ این کار آنلاین هم ممکن است. درخواست "
              "تمدید (Weiterbewilligungsantrag) را به‌موقع و پیش از پایان دوره تأیید بدهید.",
        "fr": "Faites votre demande le plus tôt possible auprès du Jobcenter compétent pour votre lieu de "
              "domicile ; c'est possible aussi en ligne. Demandez la prolongation (Weiterbewilligungsantrag) à "
              "temps, avant la fin de votre période d'attribution.",
    },
    "topic.bildung.lead_in": {
        "de": "Bildung und Teilhabe sind Leistungen für Kinder und Jugendliche, zum Beispiel für Schulsachen, "
              "Klassenfahrten, Mittagessen oder den Sportverein; dazu steht in den Vorschriften:",
        "en": "Education and participation (Bildung und Teilhabe) are benefits for children and young people, "
              "for example for school supplies, school trips, lunch or a sports club; the German rules say "
              "(quoted in German):",
        "tr": "Eğitim ve katılım (Bildung und Teilhabe), çocuklar ve gençler için yardımlardır, örneğin okul "
              "malzemeleri, sınıf gezileri, öğle yemeği veya spor kulübü için; Alman kuralları şöyle der "
              "(Almanca alıntı):",
        "ar": "التعليم والمشاركة (Bildung und Teilhabe) إعانات للأطفال والشباب، مثل أدوات المدرسة والرحلات "
              "المدرسية ووجبة الغداء أو النادي الرياضي؛ وتقول القواعد الألمانية (مقتبسة باللغة الألمانية):",
        "uk": "Освіта й участь (Bildung und Teilhabe) — це виплати для дітей і молоді, наприклад на шкільне "
              "приладдя, шкільні поїздки, обіди чи спортивний клуб; німецькі правила кажуть (цитата німецькою "
              "мовою):",
        "ru": "Образование и участие (Bildung und Teilhabe) — это выплаты для детей и молодёжи, например на "
              "школьные принадлежности, школьные поездки, обеды или спортивную секцию; немецкие правила говорят "
              "(цитата на немецком языке):",
        "pl": "Edukacja i uczestnictwo (Bildung und Teilhabe) to świadczenia dla dzieci i młodzieży, na przykład "
              "na przybory szkolne, wycieczki klasowe, obiady albo klub sportowy; niemieckie przepisy mówią "
              "(cytat po niemiecku):",
        "fa": "آموزش و مشارکت (Bildung und Teilhabe) کمک‌هایی برای کودکان و نوجوانان است، مثلاً برای لوازم مدرسه، "
              "اردوهای مدرسه، ناهار یا باشگاه ورزشی؛ قوانین آلمان می‌گویند (به زبان آلمانی):",
        "fr": "L'éducation et la participation (Bildung und Teilhabe), ce sont des aides pour les enfants et les "
              "jeunes, par exemple pour les fournitures scolaires, les sorties de classe, le repas de midi ou un "
              "club de sport ; les règles allemandes disent (citées en allemand) :",
    },
    "topic.bildung.next_step": {
        "de": "Fragen Sie Ihr Jobcenter, wie Sie die Leistungen für Ihr Kind beantragen. Heben Sie Belege auf, "
              "zum Beispiel die Rechnung für die Klassenfahrt oder die Bescheinigung der Schule.",
        "en": "Ask your Jobcenter how to apply for these benefits for your child. Keep receipts, for example the "
              "bill for the school trip or the school's certificate.",
        "tr": "Çocuğunuz için bu yardımlara nasıl başvuracağınızı Jobcenter'ınıza sorun. Belgeleri saklayın, "
              "örneğin sınıf gezisinin faturasını veya okulun yazısını.",
        "ar": "اسأل مركز العمل (Jobcenter) كيف تقدّم طلب هذه الإعانات لطفلك. واحتفظ بالإيصالات، مثل فاتورة الرحلة "
              "المدرسية أو شهادة المدرسة.",
        "uk": "Запитайте свій Jobcenter, як подати заяву на ці виплати для вашої дитини. Зберігайте документи, "
              "наприклад рахунок за шкільну поїздку або довідку зі школи.",
        "ru": "Спросите в своём Jobcenter, как подать заявление на эти выплаты для вашего ребёнка. Сохраняйте "
              "документы, например счёт за школьную поездку или справку из школы.",
        "pl": "Zapytaj w swoim Jobcenter, jak złożyć wniosek o te świadczenia dla dziecka. Zachowuj dokumenty, "
              "na przykład rachunek za wycieczkę klasową albo zaświadczenie ze szkoły.",
        "fa": "از Jobcenter بپرسید چگونه این کمک‌ها را برای فرزندتان درخواست کنید. رسیدها را نگه دارید، مثلاً "
              "صورت‌حساب اردوی مدرسه یا گواهی مدرسه.",
        "fr": "Demandez à votre Jobcenter comment demander ces aides pour votre enfant. Gardez les justificatifs, "
              "par exemple la facture de la sortie de classe ou l'attestation de l'école.",
    },
    "mark.expired": {
        "de": "galt nur bis {date}", "en": "applied only until {date}", "tr": "yalnızca {date} tarihine kadar "
        "geçerliydi", "ar": "كان ساريًا حتى {date} فقط", "uk": "діяло лише до {date}", "ru": "действовало только "
        "до {date}", "pl": "obowiązywało tylko do {date}", "fa": "فقط تا {date} معتبر بود",
        "fr": "ne valait que jusqu'au {date}",
    },
    # --- labels of an answer ----------------------------------------------------------------------------
    "label.next_steps": {
        "de": "Was Sie jetzt tun können", "en": "What you can do now", "tr": "Şimdi ne yapabilirsiniz",
        "ar": "ما يمكنك فعله الآن", "uk": "Що ви можете зробити зараз", "ru": "Что вы можете сделать сейчас",
        "pl": "Co możesz teraz zrobić", "fa": "کاری که اکنون می‌توانید انجام دهید",
        "fr": "Ce que vous pouvez faire maintenant",
    },
    "label.sources": {
        "de": "Quellen", "en": "Sources", "tr": "Kaynaklar", "ar": "المصادر", "uk": "Джерела", "ru": "Источники",
        "pl": "Źródła", "fa": "منابع", "fr": "Sources",
    },
    "label.also": {
        "de": "Außerdem", "en": "Also", "tr": "Ayrıca", "ar": "وأيضًا", "uk": "Також", "ru": "Кроме того",
        "pl": "Ponadto", "fa": "همچنین", "fr": "De plus",
    },
    "label.more_sources": {
        "de": "Weitere Fundstellen", "en": "Further references", "tr": "Diğer kaynaklar", "ar": "مصادر أخرى",
        "uk": "Інші джерела", "ru": "Другие источники", "pl": "Inne źródła", "fa": "منابع دیگر",
        "fr": "Autres références",
    },
    "label.law_in_german": {
        "de": "Die Gesetzestexte sind auf Deutsch.", "en": "The legal texts are in German.",
        "tr": "Yasa metinleri Almancadır.", "ar": "نصوص القوانين باللغة الألمانية.",
        "uk": "Тексти законів — німецькою мовою.", "ru": "Тексты законов — на немецком языке.",
        "pl": "Teksty ustaw są po niemiecku.", "fa": "متن قوانین به زبان آلمانی است.",
        "fr": "Les textes de loi sont en allemand.",
    },
    "label.calculation": {
        "de": "Berechnung", "en": "Calculation", "tr": "Hesaplama", "ar": "الحساب", "uk": "Розрахунок",
        "ru": "Расчёт", "pl": "Obliczenie", "fa": "محاسبه", "fr": "Calcul",
    },
    "label.result": {
        "de": "Ergebnis", "en": "Result", "tr": "Sonuç", "ar": "النتيجة", "uk": "Результат", "ru": "Результат",
        "pl": "Wynik", "fa": "نتیجه", "fr": "Résultat",
    },
    "label.faq": {
        "de": "Häufige Frage", "en": "Frequently asked question", "tr": "Sık sorulan soru", "ar": "سؤال شائع",
        "uk": "Часте питання", "ru": "Частый вопрос", "pl": "Częste pytanie", "fa": "سؤال رایج",
        "fr": "Question fréquente",
    },
    "label.suggested": {
        "de": "Ich habe keine geprüfte Antwort gefunden, die sicher zu Ihrer Frage passt. Diese geprüfte Antwort "
              "gehört zu einer ähnlichen Frage:",
        "en": "I found no checked answer that surely fits your question. This checked answer belongs to a similar "
              "question:",
        "tr": "Sorunuza kesin uyan kontrol edilmiş bir cevap bulamadım. Bu kontrol edilmiş cevap benzer bir soruya "
              "aittir:",
        "ar": "لم أجد إجابة مراجَعة تناسب سؤالك بشكل مؤكد. هذه الإجابة المراجَعة تخص سؤالًا مشابهًا:",
        "uk": "Я не знайшов перевіреної відповіді, яка точно підходить до вашого питання. Ця перевірена відповідь "
              "стосується схожого питання:",
        "ru": "Я не нашёл проверенного ответа, который точно подходит к вашему вопросу. Этот проверенный ответ "
              "относится к похожему вопросу:",
        "pl": "Nie znalazłem sprawdzonej odpowiedzi, która na pewno pasuje do Pana/Pani pytania. Ta sprawdzona "
              "odpowiedź dotyczy podobnego pytania:",
        "fa": "پاسخ بررسی‌شده‌ای پیدا نکردم که با اطمینان به پرسش شما بخورد. این پاسخ بررسی‌شده مربوط به پرسشی "
              "مشابه است:",
        "fr": "Je n'ai trouvé aucune réponse vérifiée qui corresponde sûrement à votre question. Cette réponse "
              "vérifiée concerne une question semblable :",
    },
    "label.suggested_check": {
        "de": "Passt das nicht zu Ihrer Frage? Stellen Sie die Frage bitte genauer oder fragen Sie Ihr Jobcenter.",
        "en": "Does this not fit your question? Please ask more precisely or ask your Jobcenter.",
        "tr": "Bu sorunuza uymuyor mu? Lütfen sorunuzu daha açık sorun veya Jobcenter'ınıza sorun.",
        "ar": "ألا يناسب هذا سؤالك؟ من فضلك اسأل بشكل أدق أو اسأل مركز العمل (Jobcenter).",
        "uk": "Це не підходить до вашого питання? Поставте, будь ласка, питання точніше або запитайте свій Jobcenter.",
        "ru": "Это не подходит к вашему вопросу? Пожалуйста, задайте вопрос точнее или спросите в своём Jobcenter.",
        "pl": "To nie pasuje do Pana/Pani pytania? Proszę zadać pytanie dokładniej albo zapytać w swoim Jobcenter.",
        "fa": "این به پرسش شما نمی‌خورد؟ لطفاً دقیق‌تر بپرسید یا از Jobcenter خود بپرسید.",
        "fr": "Cela ne correspond pas à votre question ? Posez-la plus précisément ou demandez à votre Jobcenter.",
    },
    "label.reviewed": {
        "de": "Diese Antwort wurde von der Redaktion geprüft am {date}.",
        "en": "This answer was checked by the editorial team on {date}.",
        "tr": "Bu cevap {date} tarihinde editörler tarafından kontrol edildi.",
        "ar": "راجع فريق التحرير هذه الإجابة بتاريخ {date}.",
        "uk": "Цю відповідь перевірила редакція {date}.",
        "ru": "Этот ответ проверен редакцией {date}.",
        "pl": "Tę odpowiedź sprawdziła redakcja dnia {date}.",
        "fa": "این پاسخ در تاریخ {date} توسط تیم تحریریه بررسی شده است.",
        "fr": "Cette réponse a été vérifiée par la rédaction le {date}.",
    },
    "label.automatic": {
        "de": "Automatisch aus den Gesetzestexten zusammengestellt (ohne Sprachmodell). Prüfen Sie die Quellen.",
        "en": "Put together automatically from the legal texts (without a language model). Please check the "
              "sources.",
        "tr": "Yasa metinlerinden otomatik olarak derlendi (dil modeli kullanılmadı). Lütfen kaynakları kontrol "
              "edin.",
        "ar": "تم تجميعها تلقائيًا من نصوص القوانين (بدون نموذج لغوي). من فضلك تحقق من المصادر.",
        "uk": "Складено автоматично з текстів законів (без мовної моделі). Перевірте джерела.",
        "ru": "Составлено автоматически из текстов законов (без языковой модели). Проверьте источники.",
        "pl": "Zestawione automatycznie z tekstów ustaw (bez modelu językowego). Sprawdź źródła.",
        "fa": "به‌طور خودکار از متن قوانین گردآوری شده (بدون مدل زبانی). لطفاً منابع را بررسی کنید.",
        "fr": "Établi automatiquement à partir des textes de loi (sans modèle de langage). Vérifiez les sources.",
    },
}

OFFICES = ("familienkasse", "wohngeldstelle", "rentenversicherung", "sozialamt", "auslaenderbehoerde",
           "sozialgericht", "krankenkasse", "finanzamt", "schuldnerberatung", "arbeitsrecht")


def shown_language(language: str) -> str:
    """The language whose texts a citizen who writes in `language` gets (ps → fa, unknown → de)."""
    language = (language or DEFAULT_LANGUAGE).lower()
    if language in LANGUAGES:
        return language
    fallback = FALLBACK.get(language, DEFAULT_LANGUAGE)
    return fallback if fallback in LANGUAGES else DEFAULT_LANGUAGE


def is_rtl(language: str) -> bool:
    """Is the text shown for `language` written right to left?"""
    return shown_language(language) in RTL_LANGUAGES


def placeholders(template: str) -> set[str]:
    """The names of the {fields} in a template."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def text(key: str, language: str = DEFAULT_LANGUAGE, **fields: object) -> str:
    """The message `key` in `language` (else its fallback, else German), with the fields filled in.

    An unknown key is a programming error and raises KeyError; so does a missing field.
    """
    texts = MESSAGES[key]
    template = texts.get(shown_language(language)) or texts[DEFAULT_LANGUAGE]
    return template.format(**fields) if fields or placeholders(template) else template
