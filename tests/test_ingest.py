"""Ingest: cleaning pasted pages, rights, HTML, JSONL and files."""

import datetime as dt
import sys

import pytest

from conftest import DATA

from conflictwatch import BadDocument, MissingDependency, document_from_html, document_from_text
from conflictwatch.ingest import documents_from_path, parse_date
from conflictwatch.ingest.rights import detect

ARTICLE_HTML = """<!doctype html><html><head><title>Shelling kills 3 in Kharkiv - Example News</title>
<meta name="tdm-reservation" content="1"><meta name="tdm-policy" content="https://news.example/tdm.json">
<meta property="article:published_time" content="2025-03-04T10:00:00Z">
<meta property="article:modified_time" content="2025-03-06T10:00:00Z">
<meta property="og:site_name" content="Example News"></head>
<body><nav>Home | World | Europe</nav><article><h1>Shelling kills 3 in Kharkiv</h1>
<p>Russian shelling killed three civilians in Kharkiv on Monday, the regional governor said.
The strike hit a residential district in the north of the city.</p>
<figure><img src="x.jpg"><figcaption>Firefighters at the site in Odesa. Photo: Reuters</figcaption></figure>
<p>Another five people were wounded, he added.</p>
<aside><h2>Related content</h2><ul><li><a href="/a">Drone attack hits Lviv</a></li></ul></aside>
</article><footer><p>Copyright 2025 Example News</p></footer></body></html>"""


def test_pasted_page_furniture_is_boilerplate():
    text = (DATA / "kursk-sof-clash.txt").read_text(encoding="utf-8")
    doc = document_from_text(text, "k")
    furniture = {s.text for s in doc.boilerplate}
    assert text.splitlines()[0] in furniture  # section label glued to the repeated title
    assert "Ukrainian operators in the Kursk region" in furniture  # caption shown twice
    assert {"Photo: © SOF press service", "Editorial desk", "Related articles",
            "© frontline-monitor.example"} <= furniture
    assert doc.title == "Special forces repel North Korean assault in Kursk region: 21 killed"
    assert "Eight hours of fighting" not in furniture  # a subheading is story, not furniture


@pytest.mark.parametrize("heading", ["You might also like these articles:", "Further reading", "Related posts:",
                                     "Recommended for you"])
def test_a_list_of_other_stories_under_its_heading_is_boilerplate(heading):
    text = ("Militia kills four in Ituri\n\nMilitiamen killed four farmers near Djugu on Sunday, a local "
            "official said. The attackers burned two huts before fleeing.\n\n"
            f"{heading}\nArmed Group Attacks Gold Mine Near Mongbwalu\nTalks on Eastern Congo Stall in Doha\n"
            "Rival Militias Clash for Control of Market Town, Leaving at Least Nine Dead in Djugu Territory\n")
    doc = document_from_text(text, "r")
    furniture = {s.text for s in doc.boilerplate}
    others = {"Armed Group Attacks Gold Mine Near Mongbwalu", "Talks on Eastern Congo Stall in Doha",
              "Rival Militias Clash for Control of Market Town, Leaving at Least Nine Dead in Djugu Territory"}
    assert {heading} | others <= furniture
    assert "The attackers burned two huts before fleeing." not in furniture


def test_text_reservation_notice():
    rights = detect("Some story.\nAll text and data mining rights are reserved by the publisher.")
    assert rights.tdm_reserved and rights.source == "text"
    assert not detect("Data about mining output fell in May.").tdm_reserved


def test_html_metadata_and_rights():
    doc = document_from_html(ARTICLE_HTML, "page")
    assert doc.title == "Shelling kills 3 in Kharkiv"
    assert doc.published == dt.date(2025, 3, 4)  # the original date, not the update
    assert doc.site == "Example News"
    assert doc.rights.tdm_reserved and doc.rights.source == "meta"
    assert doc.rights.policy == "https://news.example/tdm.json"
    assert "Odesa" not in doc.text and "Lviv" not in doc.text and "Copyright" not in doc.text


def test_html_footer_notice_found_even_when_the_extractor_drops_the_footer():
    html = ARTICLE_HTML.replace('<meta name="tdm-reservation" content="1">', "").replace(
        "Copyright 2025 Example News",
        "Text and data mining of this page is expressly reserved under Article 4(3) of Directive (EU) 2019/790.")
    doc = document_from_html(html, "page")
    assert doc.rights.tdm_reserved


def test_html_http_header_reservation():
    html = ARTICLE_HTML.replace('<meta name="tdm-reservation" content="1">', "")
    doc = document_from_html(html, "page", headers={"TDM-Reservation": "1"})
    assert doc.rights.tdm_reserved and doc.rights.source == "header"


def test_html_without_article_text_is_a_clear_error():
    with pytest.raises(BadDocument, match="no article text"):
        document_from_html("<html><head><title>x</title></head><body><script>var a=1;</script></body></html>",
                           "empty.html")


def test_missing_optional_dependency_gives_install_hint(monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    with pytest.raises(MissingDependency, match="pip install trafilatura"):
        document_from_html(ARTICLE_HTML, "page")


def test_jsonl_lines_text_html_and_errors(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_text(
        '{"id": "a", "text": "Gunmen killed five villagers in Zamfara on Sunday.", "published": "2024-09-23"}\n'
        "not json\n"
        '{"id": "b", "html": ' + __import__("json").dumps(ARTICLE_HTML) + ', "url": "https://news.example/x"}\n'
        '{"id": "c"}\n'
        '{"id": "d", "text": "x", "published": "yesterday"}\n', encoding="utf-8")
    items = list(documents_from_path(str(path)))
    assert [getattr(i, "id", None) for i in items] == ["a", None, "b", None, None]
    assert items[0].published == dt.date(2024, 9, 23)
    assert items[2].url == "https://news.example/x" and items[2].rights.tdm_reserved
    errors = [str(i) for i in items if not hasattr(i, "id")]
    assert f"{path}:2: not valid JSON" in errors[0]
    assert f"{path}:4:" in errors[1] and "'text' nor 'html'" in errors[1]
    assert "YYYY-MM-DD" in errors[2]


def test_files_and_directories(tmp_path):
    (tmp_path / "a.txt").write_text("Headline\n\nA car bomb killed 3 people in Mogadishu.", encoding="utf-8")
    (tmp_path / "b.html").write_text(ARTICLE_HTML, encoding="utf-8")
    (tmp_path / "ignored.bin").write_bytes(b"\x00\x01")
    docs = list(documents_from_path(str(tmp_path), dt.date(2024, 1, 1)))
    assert [d.id for d in docs] == [str(tmp_path / "a.txt"), str(tmp_path / "b.html")]
    missing = list(documents_from_path(str(tmp_path / "nope.txt")))
    assert "no such file" in str(missing[0])


def test_parse_date():
    assert parse_date("2024-02-29T10:00:00Z", "x") == dt.date(2024, 2, 29)
    assert parse_date(None, "x") is None
    with pytest.raises(BadDocument, match="x: the published date"):
        parse_date("29/02/2024", "x")
