"""Registry, configuration, public API and offline operation."""

import dataclasses
import socket

import pytest

import conflictwatch
from conflictwatch import ConfigError, Pipeline, Registry, document_from_text
from conflictwatch.annotations import Annotated


def test_public_names():
    assert conflictwatch.__all__ == sorted(conflictwatch.__all__, key=lambda n: (n != "__version__", n))
    for name in conflictwatch.__all__:
        assert hasattr(conflictwatch, name), name


def test_registry_names_are_versioned():
    registry = Registry()
    with pytest.raises(ConfigError, match="package.component.v1"):
        registry.register("events", lambda settings, resources: None)
    with pytest.raises(ConfigError, match="no component named"):
        registry.get("conflictwatch.nothing.v1")


class Uppercase:
    """A plug-in component: marks every event's sentence... by counting calls."""

    def __init__(self):
        self.calls = 0

    def __call__(self, ann: Annotated) -> Annotated:
        self.calls += 1
        return dataclasses.replace(ann, events=ann.events[:1])


def test_config_names_a_plugin_component(tmp_path, resources):
    registry = Registry()
    plugin = Uppercase()
    registry.register("myplugin.first_event_only.v1", lambda settings, res: plugin)
    config = (conflictwatch.pipeline.importlib.resources.files("conflictwatch") / "default.cfg").read_text()
    config = config.replace("triggers, events", "triggers, events, firstonly")
    config += "\n[components.firstonly]\nfactory = myplugin.first_event_only.v1\n"
    path = tmp_path / "pipeline.cfg"
    path.write_text(config)
    pipeline = Pipeline.from_config(path, resources, registry)
    assert [name for name, _ in pipeline.components][-1] == "firstonly"
    text = ("Israeli strikes kill nine in Khan Younis, three in Jabalia\n\nAn Israeli air strike killed nine people "
            "in Khan Younis on Monday. Early on Tuesday, an Israeli drone strike in Jabalia killed three men.")
    import datetime as dt

    result = pipeline.extract(document_from_text(text, "x", dt.date(2024, 11, 5)))
    assert plugin.calls == 1 and len(result.events) == 1


def test_config_errors_name_the_file(tmp_path, resources):
    path = tmp_path / "bad.cfg"
    path.write_text("[pipeline]\ncomponents = places\n")
    with pytest.raises(ConfigError, match="bad.cfg: component 'places' needs a \\[components.places\\]"):
        Pipeline.from_config(path, resources)


def test_extraction_needs_no_network(pipeline, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    import datetime as dt

    result = pipeline.extract(document_from_text(
        "Russian drones struck Odesa overnight, killing four people, the governor said.", "x", dt.date(2025, 3, 5)))
    assert result.events[0].location.name in ("Odesa", "Odessa")


def _default_config() -> str:
    return (conflictwatch.pipeline.importlib.resources.files("conflictwatch") / "default.cfg").read_text()


def test_builtin_components_declare_their_layers():
    from conflictwatch.components import register_builtin

    registry = register_builtin(Registry())
    contract = registry.contract("conflictwatch.events.v1")
    assert {"triggers", "claims", "places"} <= contract.requires and contract.assigns == {"events"}
    assert registry.contract("conflictwatch.sentences.v1").requires == frozenset()


def test_a_requirement_left_unmet_names_the_component_and_the_layer(tmp_path, resources):
    path = tmp_path / "order.cfg"
    path.write_text(_default_config().replace("dates, triggers, events", "dates, events, triggers"))
    with pytest.raises(ConfigError, match=r"order.cfg: component 'events' \(conflictwatch.events.v1\) requires "
                                          r"the layer\(s\) triggers"):
        Pipeline.from_config(path, resources)


def test_an_unknown_option_names_the_component_and_the_option(tmp_path, resources):
    path = tmp_path / "option.cfg"
    path.write_text(_default_config().replace("factory = conflictwatch.claims.v1",
                                              "factory = conflictwatch.claims.v1\nmax_figure = 10"))
    with pytest.raises(ConfigError, match=r"component 'claims' \(conflictwatch.claims.v1\) has no option "
                                          r"'max_figure'"):
        Pipeline.from_config(path, resources)


class PlaceWords:
    """A plug-in that adds a layer of its own: how often each place name is mentioned."""

    def __init__(self, minimum: int) -> None:
        self.minimum = minimum

    def __call__(self, ann: Annotated) -> Annotated:
        counts: dict[str, int] = {}
        for rp in ann.places:
            counts[rp.place.name] = counts.get(rp.place.name, 0) + 1
        return ann.with_layer("myplugin.place_words", {k: v for k, v in counts.items() if v >= self.minimum})


class KeepRepeatedPlaces:
    """A plug-in that requires the layer above: keeps the events at a place named repeatedly."""

    def __call__(self, ann: Annotated) -> Annotated:
        repeated = ann.layer("myplugin.place_words")
        return dataclasses.replace(ann, events=tuple(e for e in ann.events
                                                     if e.location is not None and e.location.name in repeated))


def _plugin_registry() -> Registry:
    registry = Registry()
    registry.register("myplugin.place_words.v1", lambda options, res: PlaceWords(int(options.get("minimum", "2"))),
                      requires=("places",), assigns=("myplugin.place_words",), options=("minimum",))
    registry.register("myplugin.repeated_places.v1", lambda options, res: KeepRepeatedPlaces(),
                      requires=("events", "myplugin.place_words"))
    return registry


_PLUGIN_SECTIONS = ("\n[components.words]\nfactory = myplugin.place_words.v1\nminimum = 2\n"
                    "\n[components.repeated]\nfactory = myplugin.repeated_places.v1\n")


def test_a_plugin_adds_a_layer_that_another_requires(tmp_path, resources):
    import datetime as dt

    path = tmp_path / "plugins.cfg"
    path.write_text(_default_config().replace("triggers, events", "triggers, events, words, repeated")
                    + _PLUGIN_SECTIONS)
    pipeline = Pipeline.from_config(path, resources, _plugin_registry())
    text = ("Militants stormed an army post in Kidal on Monday, killing four soldiers. In Menaka, a roadside bomb "
            "killed two traders on Tuesday. Residents of Kidal said the fighting lasted for hours.")
    doc = document_from_text(text, "x", dt.date(2025, 2, 4))
    ann = pipeline.annotate(doc)
    assert ann.layer("myplugin.place_words") == {"Kidal": 2}
    assert [e.location.name for e in ann.events] == ["Kidal"]
    with pytest.raises(KeyError, match="no layer 'myplugin.other'"):
        ann.layer("myplugin.other")


def test_a_plugin_before_the_layer_it_requires_is_refused(tmp_path, resources):
    path = tmp_path / "plugins.cfg"
    path.write_text(_default_config().replace("triggers, events", "triggers, events, repeated, words")
                    + _PLUGIN_SECTIONS)
    with pytest.raises(ConfigError, match=r"component 'repeated' \(myplugin.repeated_places.v1\) requires the "
                                          r"layer\(s\) myplugin.place_words"):
        Pipeline.from_config(path, resources, _plugin_registry())
