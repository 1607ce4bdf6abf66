
def _actors(actors, text):
    return [(m.text, m.entry.id, m.needs_country) for m in actors.find(text, text.lower(), text.isupper())]


def test_state_forces_from_demonyms_and_names(actors):
    found = _actors(actors, "North Korean soldiers fought Ukraine's Special Operations Forces and the IDF.")
    ids = [f[1] for f in found]
    assert ids == ["military:KP", "military:UA", "military:IL"]


def test_named_groups_and_aliases(actors):
    found = {f[1] for f in _actors(actors, "RSF fighters, Daesh, al-Shabaab, JNIM, M23 rebels and Wagner clashed.")}
    assert {"rsf", "islamic-state", "al-shabaab", "jnim", "m23", "wagner"} <= found


def test_is_and_let_are_words(actors):
    assert not _actors(actors, "Let us see what is left of it.")


def test_generic_and_bare_forces(actors):
    found = _actors(actors, "Gunmen attacked civilians before the army arrived.")
    assert ("Gunmen", "unidentified armed group", False) in found
    assert any(f[1] == "civilians" for f in found)
    assert any(f[2] for f in found)  # "the army": its country comes from the event


def test_passive_voice_roles(extract):
    event = extract("Fifteen herders were killed by gunmen near the village of Mangu, officials said.",
                    "2024-05-02").events[0]
    roles = {a.id: a.role for a in event.actors}
    assert roles["unidentified armed group"] == "actor1"
    assert event.event_type == "Violence against civilians"


def test_foreign_force_side(extract):
    text = ("North Korean troops, fighting for Russia, attacked Ukrainian positions in the Kursk region on "
            "Saturday and eight of them were killed, Ukraine's army said.")
    event = extract(text, "2024-12-17").events[0]
    kp = next(a for a in event.actors if a.country_code == "KP")
    assert kp.side == "RU"
