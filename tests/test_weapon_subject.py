"""A weapon as the subject of a killing or wounding verb is remote violence (ACLED codes a
missile or shell that kills civilians as Explosions/Remote violence, not as an attack)."""

import pytest


@pytest.mark.parametrize("text,sub", [
    ("A rocket killed a shepherd near the border fence on Tuesday.", "Shelling/artillery/missile attack"),
    ("Shells wounded six people queuing for bread in Kostiantynivka.", "Shelling/artillery/missile attack"),
    ("Two mortar rounds injured a teacher and her pupils in Baidoa.", "Shelling/artillery/missile attack"),
    ("An armed drone killed three men riding a motorbike near Kidal.", "Air/drone strike"),
    ("Drones injured four farmers in a field outside Nikopol, the governor said.", "Air/drone strike"),
])
def test_weapon_subject_is_remote_violence(extract, text, sub):
    events = extract(text, "2025-06-02").events
    assert events and events[0].event_type == "Explosions/Remote violence" and events[0].sub_event_type == sub


@pytest.mark.parametrize("text", [
    "The film's opening shot killed the mood, critics said.",
    "Rising rents are killing small shops in the old town.",
])
def test_no_weapon_no_event(extract, text):
    assert not extract(text, "2025-06-02").events
