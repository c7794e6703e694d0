"""Soft hyphens placed by a typesetter's rules in the print document."""

from __future__ import annotations

from publisher.render.hyphenate import SOFT_HYPHEN, WORD_JOINER, dictionary, hyphenate_html

SHY = SOFT_HYPHEN


def fragments(text: str) -> list[str]:
    return [part for word in text.split() for part in word.split(SHY)]


def test_three_letters_either_side_of_every_break():
    out = hyphenate_html("<p>The extraordinary fishermen negotiated relentlessly.</p>", "en")
    assert SHY in out
    for word in out.removeprefix("<p>").removesuffix("</p>").split():
        parts = word.strip(".").split(SHY)
        for cut in range(1, len(parts)):  # a break leaves 3 letters on each line
            before, after = "".join(parts[:cut]), "".join(parts[cut:])
            assert len(before) >= 3 and len(after) >= 3, word


def test_names_and_short_words_are_never_broken_but_german_nouns_are():
    out = hyphenate_html("<p>Carmen Penhallow met Lucía in Brackwater.</p>", "en")
    assert SHY not in out
    german = hyphenate_html("<p>Die Donaudampfschifffahrt.</p>", "de")
    assert SHY in german


def test_code_and_other_languages_follow_their_own_rules():
    out = hyphenate_html(
        '<p><code>unhyphenatable</code> <span lang="xx-none">unbreakablewords</span></p>', "en"
    )
    assert SHY not in out
    assert hyphenate_html("<p>extraordinarily</p>", "zz") == "<p>extraordinarily</p>"


def test_a_hard_hyphen_leaving_one_or_two_letters_holds():
    out = hyphenate_html("<p>V-notching at the co-op, well-known</p>", "en")
    assert f"V-{WORD_JOINER}notching" in out and f"co-{WORD_JOINER}op" in out
    assert f"well-{WORD_JOINER}" not in out


def test_markup_and_text_survive_unchanged_but_for_the_breaks():
    source = '<p>An <em>emphasised</em> remark<br/>and <a href="#n1" id="r1">a link</a>.</p><hr/>'
    out = hyphenate_html(source, "en")
    assert out.replace(SHY, "").replace("<br>", "<br/>").replace("<hr>", "<hr/>") == source
    assert dictionary("en-GB") is not None


def test_no_break_inside_a_ligature():
    out = hyphenate_html("<p>different office affluent</p>", "en")
    for pair in ("f" + SHY + "f", "f" + SHY + "i", "f" + SHY + "l"):
        assert pair not in out


def test_a_double_barrelled_name_holds_at_its_hyphen():
    out = hyphenate_html(
        "<p>Ana Köhler-Steinbach, Émile Dubois-Érard, a Saturday-only well-known x-ray</p>", "en"
    )
    assert f"Köhler-{WORD_JOINER}Steinbach" in out and f"Dubois-{WORD_JOINER}Érard" in out
    assert f"Saturday-{WORD_JOINER}only" in out
    assert f"well-{WORD_JOINER}" not in out and f"x-{WORD_JOINER}" in out  # x-: two letters
