"""Publishers' rights notices and page furniture, told by position and form.

Runs every example of ``data/page_notices.toml``, then sentences in other words
per language, plain texts, HTML pages and the command line end to end.
"""

import json

import pytest

from conflictwatch import document_from_html, document_from_text
from conflictwatch.cli import main
from conflictwatch.ingest.clean import clean
from conflictwatch.ingest.notices import page_notices, sentences_of, split_section
from conflictwatch.ingest.rights import detect, find_text_reservation

RULES = page_notices()
STORY = ("Artillery fire hit the outskirts of Nikopol on Sunday morning, killing two farm workers, "
         "the regional administration said.\n\n"
         "Repair crews restored power to most of the town by the evening.")
LATER = "Schools in the district stayed closed on Monday, officials said."


def _placements(line: str) -> list[str]:
    """A line as a page's closing block, its opening block and a middle paragraph."""
    return [f"{STORY}\n\n{line}", f"{line}\n\n{STORY}", f"{STORY}\n\n{line}\n\n{LATER}"]


def _label(span_text: str) -> str:
    """A dropped section label without the bar or dash that set it off."""
    return span_text.rstrip(" |-–—")


def _dropped(cleaned, line: str) -> bool:
    return any(line in span.text for span in cleaned.boilerplate)


# --- every example of the data file -------------------------------------------------

@pytest.mark.parametrize("rule", RULES.reservations, ids=lambda r: r.id)
def test_reservation_examples(rule):
    assert rule.positive and rule.negative, f"{rule.id}: give positive and negative examples"
    for line in rule.positive:
        text = f"{STORY}\n\n{line}"
        notice = find_text_reservation(text)
        assert notice is not None and notice.text == line, (rule.id, line)
        assert any(rule.matches(s) for s in sentences_of(line)), (rule.id, "this rule must match", line)
        if rule.anywhere:
            assert find_text_reservation(f"{STORY}\n\n{line}\n\n{LATER}").text == line, (rule.id, line)
    for line in rule.negative:
        for text in _placements(line):
            assert find_text_reservation(text) is None, (rule.id, line)


@pytest.mark.parametrize("rule", RULES.copy_notices, ids=lambda r: r.id)
def test_copy_notice_examples_are_furniture_but_no_reservation(rule):
    for line in rule.positive:
        cleaned = clean(f"{STORY}\n\n{line}")
        assert _dropped(cleaned, line) and cleaned.notice is None, line
    for line in rule.negative:
        for text in _placements(line):
            assert not _dropped(clean(text), line), line


def test_furniture_examples():
    for line in RULES.examples_furniture:
        assert RULES.is_furniture(line), line
        assert _dropped(clean(f"{STORY}\n\n{line}"), line)
    for line in RULES.examples_story:
        for text in _placements(line):
            assert not _dropped(clean(text), line), line


def test_section_examples():
    for full, label, rest in RULES.examples_split:
        assert split_section(full) == (label, rest)
        cleaned = clean(f"{full}\n\n{STORY}")
        assert cleaned.title == rest and cleaned.title_span.text == rest
        assert any(_label(span.text) == label for span in cleaned.boilerplate)
    for title in RULES.examples_kept:
        assert split_section(title) is None, title
        assert clean(f"{title}\n\n{STORY}").title == title


# --- sentences in other words, per language ------------------------------------------

RESERVING = {
    "en": ["Automated harvesting of articles on this website, including to develop generative AI, "
           "is not permitted without our written licence.",
           "Our journalism may not be used to train machine-learning models.",
           "Reproduction, storage or automated processing of the content published here is subject to the "
           "prior consent of the publisher, including use by artificial intelligence systems.",
           "Text and data mining is reserved."],
    "fr": ["Nous interdisons l'utilisation de nos articles pour l'entraînement de modèles d'intelligence artificielle.",
           "Conformément à l'article L122-5-3, la fouille de textes et de données est réservée "
           "par l'éditeur de ce site."],
    "de": ["Die Nutzung dieser Inhalte zum Trainieren künstlicher Intelligenz ist nicht gestattet.",
           "Wir widersprechen dem Text- und Data-Mining unserer Angebote gemäß § 44b UrhG."],
    "es": ["Prohibida la extracción automatizada de los contenidos de este portal para entrenar modelos de IA.",
           "Este medio se opone expresamente a la minería de textos y datos de sus artículos."],
}
NOT_RESERVING = {
    "en": ["Engineers at the brigade said machine learning now helps them spot drones before they strike.",
           "Regulators have prohibited AI-guided munitions near civilian areas.",
           "We do not know whether artificial intelligence was used to pick the targets.",
           "Copyright 2025 Frontier Post Ltd. All rights reserved.",
           "All rights reserved."],
    "fr": ["Selon l'état-major, l'intelligence artificielle est interdite dans le ciblage des frappes.",
           "Tous droits de reproduction réservés."],
    "de": ["Laut Armee ist der Einsatz von KI bei der Zielauswahl verboten.",
           "Alle Rechte vorbehalten, auch die des Nachdrucks."],
    "es": ["El ejército asegura que la inteligencia artificial está prohibida en los ataques.",
           "© 2024 Diario del Sur. Todos los derechos reservados."],
}


@pytest.mark.parametrize("language", sorted(RESERVING))
def test_reserving_notices_in_own_words(language):
    for line in RESERVING[language]:
        for text in (f"{STORY}\n\n{line}", f"{STORY}\n\n{line}\n\nHome | Contact | Archive"):
            rights = detect(text)
            assert rights.tdm_reserved and rights.source == "text" and rights.notice.text == line, line


@pytest.mark.parametrize("language", sorted(NOT_RESERVING))
def test_story_sentences_and_plain_copyright_do_not_reserve(language):
    for line in NOT_RESERVING[language]:
        for text in _placements(line):
            assert not detect(text).tdm_reserved, line


def test_a_reserving_sentence_in_the_middle_of_a_story_is_no_notice():
    # The same words reported inside the story, between two story paragraphs.
    line = ("The broadcaster, which says it does not permit its footage to be used for AI training, "
            "filmed the burning depot from a rooftop.")
    assert not detect(f"{STORY}\n\n{line}\n\n{LATER}").tdm_reserved


def test_a_notice_with_defined_terms_in_quotes_counts():
    notice = 'The publisher of this site (the "Publisher") reserves the right to mine its texts and data.'
    assert detect(f"{STORY}\n\n{notice}").notice.text == notice


def test_a_notice_opening_the_page_counts():
    notice = "Wir untersagen das automatisierte Speichern unserer Seiten."
    assert detect(f"{notice}\n\nBeschuss in Nikopol\n\n{STORY}").notice.text == notice


def test_a_notice_citing_its_legal_basis_counts_mid_page():
    notice = "Das Text- und Data-Mining bleibt gemäß § 44b Abs. 3 UrhG vorbehalten."
    assert detect(f"{STORY}\n\n{notice}\n\n{LATER}").notice.text == notice
    reported = "Der Verband erklärte, das Text- und Data-Mining bleibe nach § 44b UrhG vorbehalten."
    assert not detect(f"{STORY}\n\n{reported}\n\n{LATER}").tdm_reserved


def test_a_standalone_notice_between_story_and_links_counts():
    notice = "We do not permit automated copying of our reports for AI training without consent."
    text = f"{STORY}\n\n{notice}\n\nMore from the region\n\nFloods hit the delta\n\nBridge reopens"
    assert detect(text).notice.text == notice


# --- plain texts: furniture by position and form -----------------------------------

def test_story_lines_opening_with_furniture_words_are_kept():
    lines = ["Copyright claims over the leaked footage went unanswered, but the video showed two tanks burning.",
             "Cookie stalls near the station were the first to reopen after the blast.",
             "Subscribe-and-save offers aside, the shop sold out of generators in a day.",
             "Terms of the ceasefire were broken within hours, monitors said."]
    for line in lines:
        for text in _placements(line):
            assert not _dropped(clean(text), line), line


def test_page_ends_furniture_is_dropped():
    text = (f"Home | World | Regions | Video\n\nShelling kills two in Nikopol\n\n{STORY}\n\n"
            "Follow us on Telegram for updates\n\nCookie settings\n\n© 2025 Dnipro Courier")
    cleaned = clean(text)
    for line in ("Home | World | Regions | Video", "Follow us on Telegram for updates", "Cookie settings",
                 "© 2025 Dnipro Courier"):
        assert _dropped(cleaned, line), line
    assert cleaned.title == "Shelling kills two in Nikopol"
    assert not _dropped(cleaned, "Repair crews restored power")


def test_prompts_inside_the_page_are_dropped_but_headings_kept():
    for prompt in ("Sign up for our newsletter to get the latest", "Subscribe to our Telegram channel"):
        assert _dropped(clean(f"{STORY}\n\n{prompt}\n\n{LATER}"), prompt)
    for heading in ("Facebook post sparks outrage", "Telegram channels spread the footage"):
        assert not _dropped(clean(f"{STORY}\n\n{heading}\n\n{LATER}"), heading)


def test_repeated_site_furniture_is_dropped():
    text = f"Shelling kills two in Nikopol\n\nLatest from the front\n\n{STORY}\n\nLatest from the front\n\n{LATER}"
    cleaned = clean(text)
    assert cleaned.title == "Shelling kills two in Nikopol"
    assert sum(1 for s in cleaned.boilerplate if s.text == "Latest from the front") == 2


def test_section_labels_in_text_are_split_off():
    cases = {"AfricaGunmen kill six traders near Gao": ("Africa", "Gunmen kill six traders near Gao"),
             "Americas | Cartel gunmen ambush police convoy": ("Americas", "Cartel gunmen ambush police convoy"),
             "Ausland - Raketen treffen Hafen von Odesa": ("Ausland", "Raketen treffen Hafen von Odesa"),
             "BREAKING Blast hits army depot in Kramatorsk": ("BREAKING", "Blast hits army depot in Kramatorsk")}
    for title, (label, rest) in cases.items():
        doc = document_from_text(f"{title}\n\n{STORY}", "t")
        assert doc.title == rest
        assert any(_label(span.text) == label for span in doc.boilerplate)
    for title in ("Worldwide protests follow the raid", "Breakingpoint reached in Gao talks",
                  "Africans flee fighting in Gao", "LIVE BLASTS HEARD IN KYIV"):
        assert document_from_text(f"{title}\n\n{STORY}", "t").title == title
    # A JSONL title field with a label is split too.
    assert document_from_text(STORY, "t", title="Europe | Shelling kills two").title == "Shelling kills two"


# --- HTML pages -----------------------------------------------------------------------

def _page(footer: str, heading: str = "<h1>Shelling kills two in Nikopol</h1>", story: str = "") -> str:
    body = story or ("<p>Artillery fire hit the outskirts of Nikopol on Sunday morning, killing two farm workers, "
                     "the regional administration said.</p><p>Repair crews restored power to most of the town "
                     "by the evening, and schools in the district stayed closed on Monday.</p>")
    return (f"<!doctype html><html><head><title>Shelling kills two in Nikopol</title></head><body>"
            f"<nav>Home | World | Video</nav><article>{heading}{body}</article>{footer}</body></html>")


def test_html_footer_notices_in_four_languages():
    for language, lines in RESERVING.items():
        for line in lines:
            doc = document_from_html(_page(f'<div class="site-footer"><p>{line}</p></div>'), "p")
            assert doc.rights.tdm_reserved, (language, line)


def test_html_notice_broken_by_inline_links_is_read_whole():
    footer = ('<footer><ul><li><a href="/">Home</a></li><li><a href="/c">Contact</a></li></ul>'
              '<p><small>No robot or <a href="/ai">machine-learning system</a> may <b>store</b> or '
              'mine <a href="/terms">the content of this site</a>.</small></p></footer>')
    assert document_from_html(_page(footer), "p").rights.tdm_reserved
    # The same words outside any footer, closing the page after its links.
    plain = footer.replace("<footer>", "<div>").replace("</footer>", "</div>")
    assert document_from_html(_page(plain), "p").rights.tdm_reserved


def test_html_plain_copyright_footer_and_ai_story_do_not_reserve():
    story = ("<p>Drones steered by artificial intelligence struck a fuel depot near Bryansk overnight, killing "
             "one guard, the governor said.</p><p>Weapons guided by machine learning are prohibited under a "
             "treaty that neither country has signed.</p>")
    doc = document_from_html(_page("<footer><p>© 2025 Dnipro Courier. All rights reserved.</p></footer>",
                                   story=story), "p")
    assert not doc.rights.tdm_reserved


def test_html_section_label_from_markup():
    heading = '<h1><span class="kicker">Frontline diary</span>Shelling kills two in Nikopol</h1>'
    doc = document_from_html(_page("", heading=heading), "p")
    assert doc.title == "Shelling kills two in Nikopol"
    if "Frontline diary" in doc.text:  # the heading is in the extracted text: its label is furniture
        assert any(s.text == "Frontline diary" for s in doc.boilerplate)


# --- end to end -----------------------------------------------------------------------

AI_STORY = ("Drones kill four in Kharkiv apartment block\n\n"
            "Weapons steered by machine learning are prohibited under a treaty neither side has signed. "
            "Russian drones struck an apartment block in Kharkiv on Tuesday, killing four civilians, "
            "the regional governor said.\n\n"
            "Rescuers were still searching the rubble in the evening.")


def _extract(tmp_path, capsys, name: str, text: str) -> dict:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert main(["extract", str(path), "--published", "2025-03-04"]) == 0
    return json.loads(capsys.readouterr().out.strip().splitlines()[0])


def test_extract_a_story_mentioning_ai_keeps_its_event_and_body(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CI", "true")
    line = _extract(tmp_path, capsys, "ai.txt", AI_STORY)
    assert line["document"]["rights"]["tdm_reserved"] is False
    event = line["events"][0]
    assert event["fatalities"]["best"] == 4
    assert "Kharkiv" in event["sentence"]["text"]  # the body is kept: the sentence is shown


def test_extract_a_story_with_a_closing_notice_keeps_facts_not_body(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CI", "true")
    notice = "Storage or automated analysis of this article, including for AI training, requires our prior consent."
    line = _extract(tmp_path, capsys, "reserved.txt", f"{AI_STORY}\n\n{notice}\n\n© 2025 Kharkiv Evening")
    rights = line["document"]["rights"]
    assert rights["tdm_reserved"] is True and rights["source"] == "text"
    assert rights["notice"]["text"] == notice
    event = line["events"][0]
    assert event["fatalities"]["best"] == 4
    assert event["sentence"]["text"] is None  # the body is not kept


def test_extract_keeps_a_story_line_that_opens_with_copyright(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CI", "true")
    text = ("Strike on Nikopol market\n\n"
            "Copyright quarrels between the two channels aside, both showed shelling kill three people "
            "at a market in Nikopol on Sunday.\n\nThe market has been hit four times this month.")
    line = _extract(tmp_path, capsys, "c.txt", text)
    assert line["events"] and line["events"][0]["fatalities"]["best"] == 3
