"""Language detection: labelled, never guessed from too little."""

import pytest

from conflictwatch import document_from_text
from conflictwatch.ingest.language import detect_language, language_name


@pytest.mark.parametrize("code, text", [
    ("en", "Gunmen killed five villagers in Zamfara state on Sunday, police said."),
    ("fr", "Des hommes armés ont tué cinq villageois dans l'État de Zamfara dimanche, a indiqué la police."),
    ("es", "Hombres armados mataron a cinco aldeanos en el estado de Zamfara el domingo, dijo la policía."),
    ("ar", "قتل مسلحون خمسة قرويين في ولاية زامفارا يوم الأحد، بحسب الشرطة."),
    ("ru", "Вооруженные люди убили пятерых жителей деревни в штате Замфара в воскресенье, сообщила полиция."),
    ("zh", "武装分子周日在扎姆法拉州杀害了五名村民，警方说。"),
])
def test_languages_are_detected(code, text):
    guess = detect_language(text)
    assert guess.code == code
    assert document_from_text(text, "x").language == code


@pytest.mark.parametrize("text", ["Uglegorsk. Uglegorsk. Uglegorsk.", "Kursk", "", "12 34 56", "\x00\ud800 x"])
def test_too_little_text_is_no_language(text):
    assert detect_language(text).code is None


def test_names():
    assert language_name("fr") == "French" and language_name("zh-Hant") == "Chinese"
    assert language_name("xx-Qaai") == "xx-Qaai"


def test_a_long_text_is_sampled_across_its_length():
    english = "Gunmen killed five villagers in Zamfara state on Sunday, police said. " * 2000
    french = "Des hommes armés ont tué cinq villageois dans l'État de Zamfara dimanche. " * 200
    assert detect_language(french + english).code == "en"
