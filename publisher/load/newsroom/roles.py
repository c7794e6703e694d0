"""The words of credit lines in the copy languages (en, es, fr, de, pt, it) → roles. Data only.

Each entry is what a newsroom writes before the names ("Reporting by", "Fotos:", "Traduit
par", "Mitarbeit:", "A cura di", "Com informações da"); the connector ("by", "por", "de",
"par", "von", "di", "da") or a colon follows it. The role is a MARC relator code; roles
without a code of their own (data, video, research, fact-checking) are contributors, and the
credit's note keeps the wording.
"""

from __future__ import annotations

from publisher.model import Role

A, T, E, R = Role.AUTHOR, Role.TRANSLATOR, Role.EDITOR, Role.REPORTER
P, ILL, C, D, M = (
    Role.PHOTOGRAPHER,
    Role.ILLUSTRATOR,
    Role.CONTRIBUTOR,
    Role.DESIGNER,
    Role.CARTOGRAPHER,
)

_BY_LANGUAGE: dict[str, dict[str, Role]] = {
    "en": {
        **dict.fromkeys(["translation", "translations", "translated", "translator"], T),
        **dict.fromkeys(["translators", "english translation", "english version"], T),
        **dict.fromkeys(["written", "writing", "words", "text", "story", "author", "authors"], A),
        **dict.fromkeys(["writer", "writers", "additional writing", "reported and written"], A),
        **dict.fromkeys(
            ["edited", "editing", "editor", "editors", "copy edited", "copy-edited"], E
        ),
        **dict.fromkeys(["copy editing", "copyediting", "copy editor", "copy editors"], E),
        **dict.fromkeys(["additional editing", "photo editing", "photo editor", "edit"], E),
        **dict.fromkeys(["reporting", "reported", "reporter", "reporters", "interviews"], R),
        **dict.fromkeys(["additional reporting", "field reporting", "reporting and writing"], R),
        **dict.fromkeys(["photo", "photos", "photographs", "photography", "photographer"], P),
        **dict.fromkeys(["photographers", "pictures", "images"], P),
        **dict.fromkeys(["illustration", "illustrations", "illustrated", "illustrator"], ILL),
        **dict.fromkeys(["artwork", "art", "drawings", "cartoon"], ILL),
        **dict.fromkeys(["graphics", "graphic", "design", "designed", "charts"], D),
        **dict.fromkeys(["data visualization", "data visualisation", "visualizations"], D),
        **dict.fromkeys(["map", "maps", "cartography"], M),
        "compiled": Role.COMPILER,
        **dict.fromkeys(["research", "additional research", "researched", "researcher"], C),
        **dict.fromkeys(["fact-checking", "fact checking", "fact-checked", "fact checked"], C),
        **dict.fromkeys(["produced", "production", "producer", "producers", "development"], C),
        **dict.fromkeys(["data", "data analysis", "data reporting", "data by", "analysis"], C),
        **dict.fromkeys(["video", "videos", "audio", "podcast", "verification"], C),
        **dict.fromkeys(["contributions", "contributing"], C),
    },
    "es": {
        **dict.fromkeys(["traducción", "traducido", "traducida", "traductor", "traductora"], T),
        **dict.fromkeys(["texto", "textos", "escrito", "escrita", "redacción", "autor"], A),
        **dict.fromkeys(["autora", "autores"], A),
        **dict.fromkeys(["edición", "editado", "editada", "editor", "editora", "corrección"], E),
        **dict.fromkeys(["coordinación", "coordinación editorial", "edición de textos"], E),
        **dict.fromkeys(["reportaje", "reporteo", "reportería", "información", "informaciones"], R),
        **dict.fromkeys(["reportaje adicional", "reporteo adicional", "información adicional"], R),
        **dict.fromkeys(["reportería adicional", "investigación y texto"], R),
        **dict.fromkeys(["foto", "fotos", "fotografía", "fotografías", "imágenes", "fotógrafo"], P),
        **dict.fromkeys(["ilustración", "ilustraciones", "ilustrado", "ilustrada"], ILL),
        **dict.fromkeys(["infografía", "infografías", "gráficos", "gráfico", "diseño"], D),
        **dict.fromkeys(["visualización", "visualización de datos"], D),
        **dict.fromkeys(["mapa", "mapas", "cartografía"], M),
        **dict.fromkeys(["investigación", "verificación", "producción", "datos", "vídeo"], C),
        **dict.fromkeys(["análisis de datos", "colaboración", "la colaboración", "video"], C),
    },
    "fr": {
        **dict.fromkeys(["traduction", "traduit", "traduite", "traducteur", "traductrice"], T),
        **dict.fromkeys(["texte", "textes", "écrit", "écrit et réalisé"], A),
        **dict.fromkeys(["édition", "édité", "éditeur", "éditrice", "relecture", "secrétariat"], E),
        **dict.fromkeys(["secrétariat de rédaction", "édition et relecture", "révision"], E),
        **dict.fromkeys(["reportage", "enquête", "propos recueillis", "reportages"], R),
        **dict.fromkeys(["photo", "photos", "photographie", "photographies", "photographe"], P),
        **dict.fromkeys(["illustration", "illustrations", "illustré", "dessin", "dessins"], ILL),
        **dict.fromkeys(["infographie", "infographies", "graphiques", "graphisme", "design"], D),
        **dict.fromkeys(["carte", "cartes", "cartographie"], M),
        **dict.fromkeys(["vidéo", "données", "vérification", "production", "recherche"], C),
        **dict.fromkeys(["documentation", "collaboration", "la collaboration", "montage"], C),
    },
    "de": {
        **dict.fromkeys(["übersetzung", "übersetzt", "übersetzer", "übersetzerin"], T),
        **dict.fromkeys(["text", "texte", "geschrieben", "autor", "autorin", "autoren"], A),
        **dict.fromkeys(["redaktion", "bearbeitung", "bearbeitet", "lektorat", "korrektorat"], E),
        **dict.fromkeys(["schlussredaktion", "redigiert"], E),
        **dict.fromkeys(["mitarbeit", "recherche", "material", "produktion", "video"], C),
        **dict.fromkeys(["daten", "datenanalyse", "verifikation", "faktencheck", "videos"], C),
        **dict.fromkeys(["fotos", "foto", "bilder", "fotografie", "fotografien", "fotograf"], P),
        **dict.fromkeys(["illustration", "illustrationen", "illustriert", "zeichnungen"], ILL),
        **dict.fromkeys(["grafik", "grafiken", "infografik", "gestaltung", "design"], D),
        **dict.fromkeys(["karte", "karten", "kartografie"], M),
        **dict.fromkeys(["reportage", "berichterstattung"], R),
    },
    "pt": {
        **dict.fromkeys(["tradução", "traduzido", "traduzida", "tradutor", "tradutora"], T),
        **dict.fromkeys(["texto", "textos", "escrito", "escrita", "redação", "autor"], A),
        **dict.fromkeys(["edição", "editado", "editada", "editor", "editora", "revisão"], E),
        **dict.fromkeys(["reportagem", "informações", "apuração", "reportagem adicional"], R),
        **dict.fromkeys(["foto", "fotos", "fotografia", "fotografias", "imagens", "fotógrafo"], P),
        **dict.fromkeys(["ilustração", "ilustrações", "ilustrado", "arte", "artes"], ILL),
        **dict.fromkeys(["infografia", "infográfico", "gráficos", "design", "visualização"], D),
        **dict.fromkeys(["mapa", "mapas", "cartografia"], M),
        **dict.fromkeys(["pesquisa", "checagem", "verificação", "produção", "dados", "vídeo"], C),
        **dict.fromkeys(["análise de dados", "colaboração", "video"], C),
    },
    "it": {
        **dict.fromkeys(["traduzione", "tradotto", "tradotta", "traduttore", "traduttrice"], T),
        **dict.fromkeys(["testo", "testi", "scritto", "scritta"], A),
        **dict.fromkeys(["a cura", "editing", "revisione", "curato", "curata"], E),
        **dict.fromkeys(["reportage", "inchiesta", "servizio"], R),
        **dict.fromkeys(["foto", "fotografie", "fotografia", "immagini", "fotografo"], P),
        **dict.fromkeys(["illustrazione", "illustrazioni", "illustrato", "disegni"], ILL),
        **dict.fromkeys(["grafica", "grafiche", "infografica", "infografiche", "design"], D),
        **dict.fromkeys(["mappa", "mappe", "cartografia"], M),
        **dict.fromkeys(["ricerca", "verifica", "produzione", "dati", "analisi dei dati"], C),
        **dict.fromkeys(["video", "collaborazione", "la collaborazione"], C),
    },
}

ROLE_WORDS: dict[str, Role] = {
    word: role for table in _BY_LANGUAGE.values() for word, role in table.items()
}
for _word, _role in {"作者": A, "文": A, "记者": A, "翻译": T, "译者": T, "译": T}.items():
    ROLE_WORDS[_word] = _role
for _word, _role in {"编辑": E, "责任编辑": E, "责编": E, "摄影": P, "图": P}.items():
    ROLE_WORDS[_word] = _role

# The word between the role and the names: "by", "por", "de", "par", "von", "di", "da" …
CONNECTORS = (
    "by",
    "por",
    "de",
    "del",
    "de la",
    "de los",
    "par",
    "von",
    "vom",
    "di",
    "da",
    "dal",
    "dalla",
    "della",
    "do",
    "dos",
    "das",
)
# What may open a credit: "With additional reporting by", "Con información de",
# "Avec la collaboration de", "Mit Material von", "Com informações da", "Con la collaborazione di".
OPENERS = ("with", "con", "avec", "mit", "com", "und", "plus")
# Verb-first credits that take the names straight after: "Ha collaborato Mario Rossi".
VERB_FIRST: dict[str, Role] = {
    "ha collaborato": C,
    "hanno collaborato": C,
    "collaborano": C,
    "colaborou": C,
    "colaboraram": C,
    "colaboró": C,
    "colaboraron": C,
    "ont collaboré": C,
    "a collaboré": C,
}
# Name-first credits: "A contributed reporting", "A colaboró con información desde Lima".
SUFFIX_VERBS = (
    r"(?:also\s+)?contributed|(?:also\s+)?provided|colabor[óo]|colaboraron|contribuy[óo]"
    r"|contribuyeron|a\s+contribu[ée]|ont\s+contribu[ée]|a\s+particip[ée]|hat\s+mitgearbeitet"
    r"|haben\s+mitgearbeitet|hat\s+beigetragen|haben\s+beigetragen|hat|haben|contribuiu|contribu[ií]ram"
    r"|colaboraram|ha\s+contribuito|hanno\s+contribuito|ha\s+collaborato|hanno\s+collaborato"
)
SUFFIX_WHAT = (
    r"(?:additional\s+|further\s+)?reporting|research|to\s+this\s+(?:report|article|story)"
    r"|con\s+informaci[oó]n|en\s+(?:este|esta)\s+\w+|a\s+(?:este|esta)\s+\w+|con\s+este\s+\w+"
    r"|[àa]\s+(?:cet|cette|ce)\s+\w+|(?:zu|an)\s+(?:diesem|dieser)\s+\w+"
    r"(?:\s+(?:beigetragen|mitgewirkt|mitgearbeitet))?"
    r"|com\s+informa[cç][õo]es|para\s+(?:esta|este)\s+\w+|(?:a|con)\s+(?:questo|questa)\s+\w+"
)
# Words that make a part of a byline an affiliation or a job title, not a name.
AFFILIATION_WORDS = (
    r"staff|correspondents?|reporters?|writers?|bureau|contributors?|editors?|desk|columnist"
    r"|special\s+to|freelance|photographer|chief|senior|associate|analyst|producer"
    r"|corresponsal(?:es)?|enviad[oa]s?|redactor(?:a|es)?|periodista|columnista|especial"
    r"|correspondant(?:e|s)?|envoy[ée]e?s?|journaliste|chroniqueur|rédaction|rédacteur"
    r"|korrespondent(?:in)?|redakteur(?:in)?|reporter(?:in)?|mitarbeiter(?:in)?|redaktion"
    r"|correspondente|enviad[oa]|jornalista|colunista|rep[oó]rter|da\s+reda[cç][aã]o"
    r"|corrispondente|inviat[oa]|giornalista|redazione|cronista|collaboratore"
)
# News agencies: an agency after a name is an affiliation (note), not a second person.
AGENCIES = (
    "Reuters",
    "AP",
    "Associated Press",
    "The Associated Press",
    "AFP",
    "Agence France-Presse",
    "EFE",
    "Agencia EFE",
    "Europa Press",
    "dpa",
    "DPA",
    "epd",
    "KNA",
    "APA",
    "SDA",
    "Keystone-SDA",
    "ANSA",
    "AGI",
    "Adnkronos",
    "LaPresse",
    "Lusa",
    "Agência Lusa",
    "Agência Brasil",
    "Agência Estado",
    "Estadão Conteúdo",
    "Folhapress",
    "Notimex",
    "Xinhua",
    "Kyodo",
    "Yonhap",
    "Bloomberg",
    "Belga",
    "ANP",
    "TT",
    "NTB",
    "Ritzau",
    "PA",
    "PA Media",
    "CP",
    "The Canadian Press",
    "UPI",
    "Télam",
    "Prensa Latina",
    "Europa Press",
    "Servimedia",
    "Colpisa",
    "Sputnik",
    "TASS",
    "Interfax",
    "Ukrinform",
    "dts",
    "dts Nachrichtenagentur",
)
HONORIFICS = (
    "Dr.",
    "Dr",
    "Dra.",
    "Prof.",
    "Prof",
    "Professor",
    "Profa.",
    "Pr",
    "Pr.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Mme",
    "Mlle",
    "Herr",
    "Frau",
    "Dott.",
    "Dott.ssa",
    "Sig.",
    "Sig.ra",
    "Sr.",
    "Sra.",
    "Sen.",
    "Rep.",
    "Rev.",
)
