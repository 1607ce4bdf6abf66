"""The extraction pipeline: components named in a configuration, run in order.

Usage::

    pipeline = Pipeline.from_settings(resolve_settings())
    result = pipeline.extract(document)
"""

from __future__ import annotations

import configparser
import importlib.resources
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .annotations import Annotated
from .components import register_builtin
from .errors import ConfigError
from .extract.actors import ActorDictionary
from .geocode.gazetteer import Gazetteer, open_gazetteer
from .ingest.clean import mask
from .model import Document, Result
from .registry import Component, Registry
from .settings import Settings
from .textutil import lower_keep_length, mostly_upper


class SharedResources:
    """Data the components share, loaded on first use: the gazetteer and the actor
    dictionary."""

    def __init__(self, data_dir: Path, build: bool = True) -> None:
        self.data_dir = data_dir
        self.build = build
        self._gazetteer: Gazetteer | None = None
        self._actors: ActorDictionary | None = None

    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = open_gazetteer(self.data_dir, build=self.build)
        return self._gazetteer

    def actors(self) -> ActorDictionary:
        if self._actors is None:
            self._actors = ActorDictionary.load()
        return self._actors


def _read_config(path: Path | None) -> configparser.ConfigParser:
    parser = configparser.ConfigParser()
    if path is None:
        text = (importlib.resources.files("conflictwatch") / "default.cfg").read_text(encoding="utf-8")
        parser.read_string(text, source="default.cfg")
        return parser
    try:
        with path.open(encoding="utf-8") as handle:
            parser.read_file(handle)
    except OSError as exc:
        raise ConfigError(f"pipeline config {path} cannot be read ({exc.strerror}); check --config") from exc
    except configparser.Error as exc:
        raise ConfigError(f"pipeline config {path} is not a valid INI file: {exc}") from exc
    return parser


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def _as_full_stop(m: re.Match[str]) -> str:
    return "." + " " * (len(m.group(0)) - 1)


class Pipeline:
    """An ordered list of components built from a configuration."""

    def __init__(self, components: list[tuple[str, Component]], resources: SharedResources) -> None:
        self.components = components
        self.resources = resources

    @classmethod
    def from_config(cls, config: Path | None, resources: SharedResources,
                    registry: Registry | None = None) -> "Pipeline":
        """Build the pipeline a config file names (``None``: the packaged default)."""
        registry = register_builtin(registry or Registry())
        parser = _read_config(config)
        source = str(config or "default.cfg")
        if not parser.has_option("pipeline", "components"):
            raise ConfigError(f"{source}: missing [pipeline] components = ...")
        names = [n.strip() for n in parser.get("pipeline", "components").split(",") if n.strip()]
        components = []
        for name in names:
            section = f"components.{name}"
            if not parser.has_section(section) or not parser.has_option(section, "factory"):
                raise ConfigError(f"{source}: component {name!r} needs a [{section}] section with a factory")
            options = {k: v for k, v in parser.items(section) if k != "factory"}
            factory = registry.get(parser.get(section, "factory"))
            components.append((name, factory(options, resources)))
        return cls(components, resources)

    @classmethod
    def from_settings(cls, settings: Settings, registry: Registry | None = None) -> "Pipeline":
        """The pipeline for resolved :class:`~conflictwatch.settings.Settings`."""
        return cls.from_config(settings.config, SharedResources(settings.data_dir), registry)

    def annotate(self, document: Document) -> Annotated:
        """Run every component on ``document`` and return all layers."""
        view = mask(document.text, document.boilerplate)
        low = lower_keep_length(view)
        # Wire copy wraps lines mid-phrase ("explosive\ndevices"): patterns read one line.
        # A blank line still ends a phrase, as a full stop would: no pattern reads from a
        # headline into the story.
        low = _PARAGRAPH_BREAK.sub(_as_full_stop, low).replace("\n", " ")
        ann = Annotated(document=document, view=view, low=low, upper=mostly_upper(view))
        for _, component in self.components:
            ann = component(ann)
        return ann

    def extract(self, document: Document) -> Result:
        """Events of one document."""
        ann = self.annotate(document)
        return Result(ann.document, ann.events)

    def extract_many(self, documents: Iterable[Document]) -> Iterator[Result]:
        """Events of each document, in order."""
        for document in documents:
            yield self.extract(document)
