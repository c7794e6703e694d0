"""Near misses: body sentences in six languages that look like credits, bylines, datelines,
source or partner lines must stay body text, in place, and give no metadata."""

from __future__ import annotations

import pytest

from publisher.load.newsroom.plaintext import parse_copy

# Each one is a paragraph of its own between two ordinary paragraphs of body text.
NEAR_MISSES = (
    "By the time the ferry arrived, the pier was empty.",
    "By May there were eleven seals on the sandbank.",
    "Written by hand, the letters had survived two floods.",
    "Edited by Hester Vane, the report ran to forty pages.",
    "Photographs by the harbour master show the damage.",
    "Reporting by phone from the island was impossible.",
    "Ana Lima contributed reporting that the council later disputed, as others did.",
    "Correction: An earlier version of this article misspelled the name of Ana Lima.",
    "Editor's note: This story was updated to include the council's response.",
    "This story was produced in partnership with local fishermen who asked not to be named.",
    "First published in 1904, the tide tables are still printed every year.",
    "On March 3, 2024, the council voted to close the pier.",
    "Por la tarde, los alcaldes celebraron la noticia.",
    "Por Dios, qué temporal, dijo el patrón del barco.",
    "Fotos de la feria cuelgan todavía en la entrada del mercado.",
    "Datos de Eurostat muestran que el paro bajó en la costa.",
    "Corrección: una versión anterior de este artículo daba otra fecha.",
    "El 3 de marzo de 2024 el Gobierno aprobó la ley del litoral.",
    "Publicado originalmente como folleto, el manual se reeditó en 1990 con otro título.",
    "Par conséquent, les habitants prendront le bateau des pêcheurs.",
    "Traduit par des bénévoles, le texte circule depuis mars.",
    "Le 3 mars 2024, le conseil a voté la fermeture du port.",
    "Rectificatif : une version précédente indiquait une autre date.",
    "Von Montag an gilt ein neuer Fahrplan für die Fähre.",
    "Übersetzt von einer Maschine, klang der Text seltsam.",
    "Am 3. März 2024 beschloss der Rat die Schließung des Hafens.",
    "Anmerkung der Redaktion: In einer früheren Fassung stand eine falsche Zahl.",
    "Zuerst erschienen die Möwen, dann kamen die Fischer zurück.",
    "Por causa da seca, o nível do rio baixou muito.",
    "Em 3 de março de 2024 o governo anunciou o plano.",
    "Colaborou com a polícia durante anos, disse o pescador.",
    "Di notte il porto resta aperto per i soccorsi.",
    "Il 3 marzo 2024 il governo ha approvato il piano.",
    "Mario Rossi ha collaborato con la polizia per anni.",
    "Nota della redazione: una versione precedente riportava una data errata.",
    "In collaborazione con la guardia costiera, i pescatori hanno pulito la spiaggia.",
)


def copy_with(sentence: str) -> str:
    return (
        "A Headline\n\nThe first paragraph of the story, long enough to read as body text.\n\n"
        f"{sentence}\n\nThe last paragraph of the story, which ends it as any story ends.\n"
    )


@pytest.mark.parametrize("sentence", NEAR_MISSES)
def test_near_miss_stays_body(sentence):
    parsed = parse_copy(copy_with(sentence), "en")
    taken = [d for d in parsed.decisions if d.line == 5]
    assert [d.kind for d in taken] == [], taken
    assert set(parsed.meta) <= {"title", "lang"}, parsed.meta
    assert sentence.split()[1] in parsed.body


def test_near_misses_cover_every_language():
    assert len(NEAR_MISSES) >= 30


@pytest.mark.parametrize(
    "opening",
    [
        "Maria (not her real name) — said she had never seen the sea so high.",
        "NASA — the space agency — said the satellite saw the flood.",
        "The council — which met on Monday — voted to close the pier.",
        "BREAKING — The ferry has been cancelled.",
    ],
)
def test_openings_that_are_not_wire_datelines(opening):
    copy = f"A Headline\nBy Ana Lima\n\n{opening}\n\nA second paragraph of text.\n"
    meta = parse_copy(copy, "en").meta
    assert "place" not in meta and "agency" not in meta


# Brackets that close a story's last paragraph without being credits.
LAST_BRACKETS = (
    "The mayor said no. (He later changed his mind.)",
    "The harbour was busy. (Photo by the harbour master, 1952.)",
    "El alcalde dijo que no. (Con información de la policía, el caso se reabrió.)",
    "Le maire a refusé. (Photos de famille à l'appui.)",
    "Der Bürgermeister lehnte ab. (Mit Material von gestern.)",
    "O prefeito negou. (Com informações da polícia, o caso foi reaberto.)",
    "Il sindaco ha detto no. (Ha collaborato anche lui alla stesura del piano.)",
    "Reporting by Ana Lima (in Kyiv) was praised.",  # not after the end of a sentence
)


@pytest.mark.parametrize("paragraph", LAST_BRACKETS)
def test_a_bracket_closing_the_last_paragraph_stays_unless_it_holds_credits(paragraph):
    copy = f"A Headline\n\nThe first paragraph of the story.\n\n{paragraph}\n"
    parsed = parse_copy(copy, "en")
    assert set(parsed.meta) <= {"title", "lang"}, parsed.meta
    assert paragraph.split("(")[1].split()[0] in parsed.body


def test_credits_in_brackets_close_only_the_last_paragraph():
    copy = (
        "A Headline\n\nThe council met. (Reporting by Ana Lima)\n\n"
        "The vote is next week. (Reporting by Ben Cho; editing by Cy Dunn)\n"
    )
    parsed = parse_copy(copy, "en")
    assert parsed.meta["authors"] == ["Ben Cho"]
    assert "(Reporting by Ana Lima)" in parsed.body and "Ben Cho" not in parsed.body
    assert parsed.body.rstrip().endswith("The vote is next week.")


@pytest.mark.parametrize("subhead", ["March 16", "16 de marzo", "Le 16 mars", "16. März"])
def test_a_date_without_a_year_opening_the_body_stays_body(subhead):
    copy = f"A Headline\nBy Ana Lima\n\n{subhead}\n\nThe first paragraph of the story.\n"
    parsed = parse_copy(copy, "en")
    assert "date" not in parsed.meta and "updated" not in parsed.meta
    assert subhead.split()[-1] in parsed.body.split("\n\n")[0]


def test_an_update_without_a_year_and_no_other_date_is_a_warning():
    copy = "A Headline\nBy Ana Lima\nActualizado el 16 de marzo a las 12:40\n\nEl texto.\n"
    parsed = parse_copy(copy, "es")
    assert "updated" not in parsed.meta and "Actualizado" not in parsed.body
    (warning,) = parsed.warnings
    assert warning.line == 3 and "no year" in warning.outcome


@pytest.mark.parametrize(
    "opening",
    [
        "Paris (Texas) — the other Paris — has a tower too.",
        "NASA (Washington) — the agency said the satellite saw the flood.",
        "Barcelona (and the rest of Catalonia) — voted on Sunday.",
        "ONU (Nations unies) – l'organisation a voté.",
        "Die Zahl (50/50) - das ist das Ergebnis.",
    ],
)
def test_bracketed_openings_that_are_not_wire_datelines(opening):
    copy = f"A Headline\nBy Ana Lima\n\n{opening}\n\nA second paragraph of text.\n"
    meta = parse_copy(copy, "en").meta
    assert "place" not in meta and "agency" not in meta
