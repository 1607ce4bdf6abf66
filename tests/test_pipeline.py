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
