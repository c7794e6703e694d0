"""The words the book itself prints ("By", "Contents", "Translated by"), in its language.

English, Spanish, French, German, Portuguese, Italian, Hebrew and Arabic are built in;
``[labels]`` in publication.toml replaces any of them (and gives a book in any other language
its words).
When the labels are in the book's language, dates, lists of names and language names are
too (from CLDR, through Babel); otherwise the book speaks English throughout, so a page
never mixes the two.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import markupsafe

from publisher.model import Credit, Role
from publisher.render.direction import direction

ENGLISH: dict[str, str] = {
    "contents": "Contents",
    "print_pages": "Print pages",
    "contributors": "Contributors",
    "cover": "Cover",
    "cover_of": "Cover of {title}",
    "title_page": "Title page",
    "half_title": "Half title",
    "landmarks": "Landmarks",
    "copyright": "Copyright and credits",
    "by": "By {names}",
    "updated": "Updated {date}",
    "translated_from": "Translated from the {language} by {names}",
    "first_published": "First published",
    "on_date": "on {date}",
    "by_source": "by {source}",
    "in_language": "in {language}",
    "produced_with": "Produced in partnership with {names}",
    "published_by": "Published by {publisher}, {date}.",
    "identifier": "Identifier: {identifier}",
    "of_this_book": "{role} of this book",
    "made_with": "Made with publisher.",
    "credits_elsewhere": (
        "The credits for each article are printed at its end and in the index of contributors."
    ),
    "printing": "Printing {number}",
    "part": "Part {number}",
    "part_numbers": "One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve",
    "piece_rights": "“{title}” © {year} {names}.",
    "first_published_in": "First published in {source}.",
    "translation_rights": "Translation © {year} {names}.",
    "isbn": "ISBN {isbn}",
    "isbn_print": "ISBN {isbn} (print)",
    "isbn_ebook": "ISBN {isbn} (ebook)",
    "book_rights": "© {year} {holder}.",
    "credit_aut": "Written by",
    "credit_trl": "Translated by",
    "credit_edt": "Edited by",
    "credit_pht": "Photographs by",
    "credit_ill": "Illustrations by",
    "credit_ctb": "With contributions by",
    "credit_rpt": "Additional reporting by",
    "credit_com": "Compiled by",
    "credit_dsr": "Designed by",
    "credit_ctg": "Maps by",
    # role names for the contributors index: the English terms the model parses too
    **{f"role_{role.value}": role.label for role in Role},
}

BUILT_IN: dict[str, dict[str, str]] = {
    "en": ENGLISH,
    "es": {
        "contents": "Índice",
        "print_pages": "Páginas impresas",
        "contributors": "Colaboradores",
        "cover": "Cubierta",
        "cover_of": "Cubierta de {title}",
        "title_page": "Portada",
        "half_title": "Anteportada",
        "landmarks": "Puntos de referencia",
        "copyright": "Créditos",
        "by": "Por {names}",
        "updated": "Actualizado el {date}",
        "translated_from": "Traducido del {language} por {names}",
        "first_published": "Publicado originalmente",
        "on_date": "el {date}",
        "by_source": "por {source}",
        "in_language": "en {language}",
        "produced_with": "Producido en colaboración con {names}",
        "published_by": "Publicado por {publisher}, {date}.",
        "identifier": "Identificador: {identifier}",
        "of_this_book": "{role} de este libro",
        "made_with": "Hecho con publisher.",
        "credits_elsewhere": (
            "Los créditos de cada artículo figuran al final "
            "del artículo y en el índice de colaboradores."
        ),
        "printing": "Impresión {number}",
        "part": "{number} parte",
        "part_numbers": (
            "Primera Segunda Tercera Cuarta Quinta Sexta "
            "Séptima Octava Novena Décima Undécima Duodécima"
        ),
        "piece_rights": "«{title}» © {year} {names}.",
        "first_published_in": "Publicado originalmente en {source}.",
        "translation_rights": "Traducción © {year} {names}.",
        "isbn": "ISBN {isbn}",
        "isbn_print": "ISBN {isbn} (impreso)",
        "isbn_ebook": "ISBN {isbn} (libro electrónico)",
        "book_rights": "© {year} {holder}.",
        "credit_aut": "Escrito por",
        "credit_trl": "Traducido por",
        "credit_edt": "Editado por",
        "credit_pht": "Fotografías de",
        "credit_ill": "Ilustraciones de",
        "credit_ctb": "Con la colaboración de",
        "credit_rpt": "Con información adicional de",
        "credit_com": "Compilado por",
        "credit_dsr": "Diseñado por",
        "credit_ctg": "Mapas de",
        "role_aut": "autor",
        "role_trl": "traductor",
        "role_edt": "editor",
        "role_pht": "fotógrafo",
        "role_ill": "ilustrador",
        "role_ctb": "colaborador",
        "role_rpt": "reportero",
        "role_com": "compilador",
        "role_dsr": "diseñador",
        "role_ctg": "cartógrafo",
    },
    "fr": {
        "contents": "Table des matières",
        "print_pages": "Pages imprimées",
        "contributors": "Contributeurs",
        "cover": "Couverture",
        "cover_of": "Couverture de {title}",
        "title_page": "Page de titre",
        "half_title": "Faux-titre",
        "landmarks": "Repères",
        "copyright": "Droits et crédits",
        "by": "Par {names}",
        "updated": "Mis à jour le {date}",
        "translated_from": "Traduit par {names} (original en {language})",
        "first_published": "Publié pour la première fois",
        "on_date": "le {date}",
        "by_source": "par {source}",
        "in_language": "en {language}",
        "produced_with": "Réalisé en partenariat avec {names}",
        "published_by": "Publié par {publisher}, {date}.",
        "identifier": "Identifiant\u00a0: {identifier}",
        "of_this_book": "{role} de ce livre",
        "made_with": "Réalisé avec publisher.",
        "credits_elsewhere": (
            "Les crédits de chaque article figurent à la "
            "fin de celui-ci et dans l'index des contributeurs."
        ),
        "printing": "Tirage {number}",
        "part": "{number} partie",
        "part_numbers": (
            "Première Deuxième Troisième Quatrième Cinquième Sixième "
            "Septième Huitième Neuvième Dixième Onzième Douzième"
        ),
        "piece_rights": "«\u00a0{title}\u00a0» © {year} {names}.",
        "first_published_in": "Première publication dans {source}.",
        "translation_rights": "Traduction © {year} {names}.",
        "isbn": "ISBN {isbn}",
        "isbn_print": "ISBN {isbn} (imprimé)",
        "isbn_ebook": "ISBN {isbn} (numérique)",
        "book_rights": "© {year} {holder}.",
        "credit_aut": "Écrit par",
        "credit_trl": "Traduit par",
        "credit_edt": "Édité par",
        "credit_pht": "Photographies de",
        "credit_ill": "Illustrations de",
        "credit_ctb": "Avec la collaboration de",
        "credit_rpt": "Reportage complémentaire de",
        "credit_com": "Compilé par",
        "credit_dsr": "Conçu par",
        "credit_ctg": "Cartes de",
        "role_aut": "auteur",
        "role_trl": "traducteur",
        "role_edt": "éditeur",
        "role_pht": "photographe",
        "role_ill": "illustrateur",
        "role_ctb": "contributeur",
        "role_rpt": "reporter",
        "role_com": "compilateur",
        "role_dsr": "graphiste",
        "role_ctg": "cartographe",
    },
    "de": {
        "contents": "Inhalt",
        "print_pages": "Druckseiten",
        "contributors": "Mitwirkende",
        "cover": "Umschlag",
        "cover_of": "Umschlag von {title}",
        "title_page": "Titelseite",
        "half_title": "Schmutztitel",
        "landmarks": "Orientierungspunkte",
        "copyright": "Impressum",
        "by": "Von {names}",
        "updated": "Aktualisiert am {date}",
        "translated_from": "Übersetzt von {names} (Original: {language})",
        "first_published": "Zuerst erschienen",
        "on_date": "am {date}",
        "by_source": "bei {source}",
        "in_language": "auf {language}",
        "produced_with": "Entstanden in Zusammenarbeit mit {names}",
        "published_by": "Erschienen bei {publisher}, {date}.",
        "identifier": "Kennung: {identifier}",
        "of_this_book": "{role} dieses Buches",
        "made_with": "Erstellt mit publisher.",
        "credits_elsewhere": (
            "Die Angaben zu jedem Beitrag stehen an "
            "dessen Ende und im Verzeichnis der Mitwirkenden."
        ),
        "printing": "Druck {number}",
        "part": "{number} Teil",
        "part_numbers": (
            "Erster Zweiter Dritter Vierter Fünfter Sechster "
            "Siebter Achter Neunter Zehnter Elfter Zwölfter"
        ),
        "piece_rights": "„{title}“ © {year} {names}.",
        "first_published_in": "Erstveröffentlichung in {source}.",
        "translation_rights": "Übersetzung © {year} {names}.",
        "isbn": "ISBN {isbn}",
        "isbn_print": "ISBN {isbn} (Druckausgabe)",
        "isbn_ebook": "ISBN {isbn} (E-Book)",
        "book_rights": "© {year} {holder}.",
        "credit_aut": "Geschrieben von",
        "credit_trl": "Übersetzt von",
        "credit_edt": "Redigiert von",
        "credit_pht": "Fotos von",
        "credit_ill": "Illustrationen von",
        "credit_ctb": "Unter Mitwirkung von",
        "credit_rpt": "Weitere Recherche von",
        "credit_com": "Zusammengestellt von",
        "credit_dsr": "Gestaltet von",
        "credit_ctg": "Karten von",
        "role_aut": "Autor",
        "role_trl": "Übersetzer",
        "role_edt": "Herausgeber",
        "role_pht": "Fotograf",
        "role_ill": "Illustrator",
        "role_ctb": "Mitwirkender",
        "role_rpt": "Reporter",
        "role_com": "Zusammensteller",
        "role_dsr": "Gestalter",
        "role_ctg": "Kartograf",
    },
    "pt": {
        "contents": "Sumário",
        "print_pages": "Páginas impressas",
        "contributors": "Colaboradores",
        "cover": "Capa",
        "cover_of": "Capa de {title}",
        "title_page": "Página de rosto",
        "half_title": "Falsa folha de rosto",
        "landmarks": "Pontos de referência",
        "copyright": "Direitos e créditos",
        "by": "Por {names}",
        "updated": "Atualizado em {date}",
        "translated_from": "Traduzido do {language} por {names}",
        "first_published": "Publicado originalmente",
        "on_date": "em {date}",
        "by_source": "por {source}",
        "in_language": "em {language}",
        "produced_with": "Produzido em parceria com {names}",
        "published_by": "Publicado por {publisher}, {date}.",
        "identifier": "Identificador: {identifier}",
        "of_this_book": "{role} deste livro",
        "made_with": "Feito com publisher.",
        "credits_elsewhere": (
            "Os créditos de cada artigo aparecem no fim do artigo e no índice de colaboradores."
        ),
        "printing": "Impressão {number}",
        "part": "{number} parte",
        "part_numbers": "Primeira Segunda Terceira Quarta Quinta Sexta Sétima Oitava Nona Décima",
        "piece_rights": "«{title}» © {year} {names}.",
        "first_published_in": "Publicado originalmente em {source}.",
        "translation_rights": "Tradução © {year} {names}.",
        "isbn": "ISBN {isbn}",
        "isbn_print": "ISBN {isbn} (impresso)",
        "isbn_ebook": "ISBN {isbn} (e-book)",
        "book_rights": "© {year} {holder}.",
        "credit_aut": "Escrito por",
        "credit_trl": "Traduzido por",
        "credit_edt": "Editado por",
        "credit_pht": "Fotografias de",
        "credit_ill": "Ilustrações de",
        "credit_ctb": "Com a colaboração de",
        "credit_rpt": "Reportagem adicional de",
        "credit_com": "Compilado por",
        "credit_dsr": "Projeto gráfico de",
        "credit_ctg": "Mapas de",
        "role_aut": "autor",
        "role_trl": "tradutor",
        "role_edt": "editor",
        "role_pht": "fotógrafo",
        "role_ill": "ilustrador",
        "role_ctb": "colaborador",
        "role_rpt": "repórter",
        "role_com": "compilador",
        "role_dsr": "designer",
        "role_ctg": "cartógrafo",
    },
    "it": {
        "contents": "Indice",
        "print_pages": "Pagine a stampa",
        "contributors": "Collaboratori",
        "cover": "Copertina",
        "cover_of": "Copertina di {title}",
        "title_page": "Frontespizio",
        "half_title": "Occhietto",
        "landmarks": "Punti di riferimento",
        "copyright": "Diritti e crediti",
        "by": "Di {names}",
        "updated": "Aggiornato il {date}",
        "translated_from": "Traduzione di {names} (originale in {language})",
        "first_published": "Pubblicato per la prima volta",
        "on_date": "il {date}",
        "by_source": "da {source}",
        "in_language": "in {language}",
        "produced_with": "Realizzato in collaborazione con {names}",
        "published_by": "Pubblicato da {publisher}, {date}.",
        "identifier": "Identificativo: {identifier}",
        "of_this_book": "{role} di questo libro",
        "made_with": "Realizzato con publisher.",
        "credits_elsewhere": (
            "I crediti di ogni articolo sono riportati "
            "alla sua fine e nell'indice dei collaboratori."
        ),
        "printing": "Ristampa {number}",
        "part": "Parte {number}",
        "part_numbers": (
            "prima seconda terza quarta quinta sesta "
            "settima ottava nona decima undicesima dodicesima"
        ),
        "piece_rights": "«{title}» © {year} {names}.",
        "first_published_in": "Pubblicato per la prima volta in {source}.",
        "translation_rights": "Traduzione © {year} {names}.",
        "isbn": "ISBN {isbn}",
        "isbn_print": "ISBN {isbn} (cartaceo)",
        "isbn_ebook": "ISBN {isbn} (ebook)",
        "book_rights": "© {year} {holder}.",
        "credit_aut": "Scritto da",
        "credit_trl": "Tradotto da",
        "credit_edt": "A cura di",
        "credit_pht": "Fotografie di",
        "credit_ill": "Illustrazioni di",
        "credit_ctb": "Con il contributo di",
        "credit_rpt": "Con la collaborazione giornalistica di",
        "credit_com": "Raccolto da",
        "credit_dsr": "Progetto grafico di",
        "credit_ctg": "Mappe di",
        "role_aut": "autore",
        "role_trl": "traduttore",
        "role_edt": "curatore",
        "role_pht": "fotografo",
        "role_ill": "illustratore",
        "role_ctb": "collaboratore",
        "role_rpt": "reporter",
        "role_com": "compilatore",
        "role_dsr": "grafico",
        "role_ctg": "cartografo",
    },
    "he": {
        "contents": "תוכן העניינים",
        "print_pages": "עמודי הדפוס",
        "contributors": "המשתתפים",
        "cover": "כריכה",
        "cover_of": "כריכת {title}",
        "title_page": "שער",
        "half_title": "שער מקדים",
        "landmarks": "ציוני דרך",
        "copyright": "זכויות יוצרים וקרדיטים",
        "by": "מאת {names}",
        "updated": "עודכן ב־{date}",
        "translated_from": "תורגם מ{language} בידי {names}",
        "first_published": "פורסם לראשונה",
        "on_date": "ב־{date}",
        "by_source": "ב־{source}",
        "in_language": "ב{language}",
        "produced_with": "הופק בשיתוף {names}",
        "published_by": "יצא לאור בהוצאת {publisher}, {date}.",
        "identifier": "מזהה: {identifier}",
        "of_this_book": "{role} (הספר כולו)",
        "made_with": "נוצר באמצעות publisher.",
        "credits_elsewhere": "הקרדיטים של כל כתבה מופיעים בסופה וברשימת המשתתפים.",
        "printing": "הדפסה {number}",
        "part": "חלק {number}",
        "part_numbers": "ראשון שני שלישי רביעי חמישי שישי שביעי שמיני תשיעי עשירי",
        "piece_rights": "״{title}״ © {year} {names}.",
        "first_published_in": "פורסם לראשונה ב\u05be{source}.",
        "translation_rights": "תרגום © {year} {names}.",
        "isbn": "ISBN {isbn}",
        "isbn_print": "ISBN {isbn} (דפוס)",
        "isbn_ebook": "ISBN {isbn} (ספר אלקטרוני)",
        "book_rights": "© {year} {holder}.",
        "credit_aut": "נכתב בידי",
        "credit_trl": "תורגם בידי",
        "credit_edt": "נערך בידי",
        "credit_pht": "צולם בידי",
        "credit_ill": "אויר בידי",
        "credit_ctb": "בהשתתפות",
        "credit_rpt": "דיווח נוסף:",
        "credit_com": "לוקט בידי",
        "credit_dsr": "עוצב בידי",
        "credit_ctg": "מפות:",
        "role_aut": "כתיבה",
        "role_trl": "תרגום",
        "role_edt": "עריכה",
        "role_pht": "צילום",
        "role_ill": "איור",
        "role_ctb": "השתתפות",
        "role_rpt": "דיווח",
        "role_com": "ליקוט",
        "role_dsr": "עיצוב",
        "role_ctg": "מפות",
    },
    "ar": {
        "contents": "المحتويات",
        "print_pages": "صفحات الطبعة الورقية",
        "contributors": "المساهمون",
        "cover": "الغلاف",
        "cover_of": "غلاف {title}",
        "title_page": "صفحة العنوان",
        "half_title": "صفحة العنوان المختصر",
        "landmarks": "معالم الكتاب",
        "copyright": "حقوق النشر والمساهمات",
        "by": "بقلم {names}",
        "updated": "آخر تحديث: {date}",
        "translated_from": "ترجمة عن {language}: {names}",
        "first_published": "نُشر أول مرة",
        "on_date": "في {date}",
        "by_source": "في {source}",
        "in_language": "باللغة {language}",
        "produced_with": "أُنتج بالشراكة مع {names}",
        "published_by": "نشر: {publisher}، {date}.",
        "identifier": "المعرّف: {identifier}",
        "of_this_book": "{role} هذا الكتاب",
        "made_with": "صُنع باستخدام publisher.",
        "credits_elsewhere": "ترد أسماء المساهمين في كل مقالة في آخرها وفي فهرس المساهمين.",
        "printing": "الطبعة {number}",
        "part": "الجزء {number}",
        "part_numbers": "الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر",
        "piece_rights": "«{title}» © {year} {names}.",
        "first_published_in": "نُشر لأول مرة في {source}.",
        "translation_rights": "الترجمة © {year} {names}.",
        "isbn": "ISBN {isbn}",
        "isbn_print": "ISBN {isbn} (طبعة ورقية)",
        "isbn_ebook": "ISBN {isbn} (كتاب إلكتروني)",
        "book_rights": "© {year} {holder}.",
        "credit_aut": "بقلم",
        "credit_trl": "ترجمة",
        "credit_edt": "تحرير",
        "credit_pht": "تصوير",
        "credit_ill": "رسوم",
        "credit_ctb": "بمساهمة",
        "credit_rpt": "شارك في إعداد التقرير",
        "credit_com": "جمع وإعداد",
        "credit_dsr": "تصميم",
        "credit_ctg": "خرائط",
        "role_aut": "تأليف",
        "role_trl": "ترجمة",
        "role_edt": "تحرير",
        "role_pht": "تصوير",
        "role_ill": "رسوم",
        "role_ctb": "مساهمة",
        "role_rpt": "تقارير",
        "role_com": "جمع",
        "role_dsr": "تصميم",
        "role_ctg": "خرائط",
    },
}


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a label text fills in."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def label_problem(key: str, text: str) -> str | None:
    """Why ``text`` cannot stand for label ``key`` in ``[labels]``, or None when it can."""
    if key not in ENGLISH:
        return f"unknown label '{key}' (known: {', '.join(ENGLISH)})"
    try:
        found = placeholders(text)
    except ValueError as exc:
        return f"label '{key}': {exc} (write a brace as {{{{ or }}}})"
    wanted = placeholders(ENGLISH[key])
    if found != wanted:
        names = ", ".join(f"{{{name}}}" for name in sorted(wanted)) or "no placeholders"
        return f"label '{key}' must hold {names}, as in {ENGLISH[key]!r}"
    try:  # a conversion or format spec ("{names!x}", "{names:d}") fails only when filled
        text.format(**dict.fromkeys(wanted, ""))
    except (ValueError, TypeError) as exc:
        return f"label '{key}': {exc}"
    return None


@dataclass(frozen=True)
class Labels:
    """The book's words, and how it writes dates, lists of names and language names.

    ``local`` says the words are in the book's ``language`` (so dates and the rest follow
    it); when False the book is written in English whatever its language.
    """

    language: str
    texts: Mapping[str, str]
    local: bool

    def __call__(self, key: str, **values: Any) -> markupsafe.Markup:
        """A label with its placeholders filled; values that are not markup are escaped."""
        return markupsafe.Markup(markupsafe.escape(self.texts[key])).format(**values)

    def text(self, key: str, **values: Any) -> str:
        """A label with its placeholders filled, as plain text (image text, alt text)."""
        return self.texts[key].format(**values)

    @property
    def words_language(self) -> str:
        """The language the labels are written in: the book's, or English when it has no
        words of its own (a Persian book without ``[labels]`` prints "Written by" left to
        right, not reordered inside its right-to-left pages)."""
        return self.language if self.local else "en"

    @property
    def date_direction(self) -> str:
        """Which way a printed date runs: the book's direction when dates are local."""
        return direction(self.language) if self.local else "ltr"

    def date(self, value: date | None) -> str:
        """A date as printed in the book: '17 October 2013', '17 de octubre de 2013'."""
        if not value:
            return ""
        if not self._babel:
            return f"{value.day} {value:%B %Y}"
        from babel.dates import format_date

        return format_date(value, "long", locale=self._locale)

    def names(self, credits: Iterable[Any]) -> str:
        """'A', 'A and B', 'A, B and C' (or 'A, B y C'), from credits or plain names."""
        names = [c.name if isinstance(c, Credit) else getattr(c, "name", c) for c in credits]
        if self._babel and names:
            from babel.lists import format_list

            return format_list(names, locale=self._locale)
        if len(names) <= 2:
            return " and ".join(names)
        return f"{', '.join(names[:-1])} and {names[-1]}"

    def language_name(self, code: str | None) -> str:
        """The name of a language, in the book's words: 'Spanish', 'español'."""
        if not code:
            return ""
        if self._babel:
            from babel import Locale, UnknownLocaleError

            try:
                name = Locale.parse(code.replace("-", "_")).get_language_name(self._locale)
            except (ValueError, UnknownLocaleError):
                name = None
            if name:
                return name
        return _ENGLISH_LANGUAGES.get(code.split("-")[0].lower(), code)

    def credit(self, role: Role) -> str:
        """How a role introduces names in a credit line: 'Edited by'."""
        return self.texts[f"credit_{role.value}"]

    def role(self, role: Role) -> str:
        """A role as a noun, for the contributors index: 'editor'."""
        return self.texts[f"role_{role.value}"]

    @property
    def _babel(self) -> bool:
        """Whether dates and lists follow the book's language (CLDR must know it)."""
        return self.local and self._primary != "en" and self._locale is not None

    @property
    def _primary(self) -> str:
        return self.language.split("-")[0].lower()

    @functools.cached_property
    def _locale(self) -> str | None:
        from babel import Locale, UnknownLocaleError

        for tag in (self.language, self._primary):
            try:
                return str(Locale.parse(tag.replace("-", "_")))
            except (ValueError, UnknownLocaleError):
                continue
        return None  # a language CLDR does not know: dates and lists stay English


def labels_for(language: str, overrides: Mapping[str, str] | None = None) -> Labels:
    """The labels of a book in ``language``, with the publication's own ``[labels]``."""
    primary = language.split("-")[0].lower()
    built_in = BUILT_IN.get(primary)
    local = built_in is not None or bool(overrides)
    return Labels(language, {**ENGLISH, **(built_in or {}), **(overrides or {})}, local)


ENGLISH_LABELS = labels_for("en")

_ENGLISH_LANGUAGES = {
    "gl": "Galician",
    "eu": "Basque",
    "cy": "Welsh",
    "ga": "Irish",
    "da": "Danish",
    "fi": "Finnish",
    "no": "Norwegian",
    "nb": "Norwegian",
    "cs": "Czech",
    "hu": "Hungarian",
    "ro": "Romanian",
    "he": "Hebrew",
    "fa": "Persian",
    "id": "Indonesian",
    "th": "Thai",
    "ar": "Arabic",
    "ca": "Catalan",
    "de": "German",
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "it": "Italian",
    "ja": "Japanese",
    "ko": "Korean",
    "nl": "Dutch",
    "pl": "Polish",
    "pt": "Portuguese",
    "ru": "Russian",
    "sv": "Swedish",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "zh": "Chinese",
    "el": "Greek",
    "hi": "Hindi",
    "vi": "Vietnamese",
}
