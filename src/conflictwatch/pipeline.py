"""The extraction pipeline: components named in a configuration, run in order.

Usage::

    pipeline = Pipeline.from_settings(resolve_settings())
    result = pipeline.extract(document)
"""

from __future__ import annotations

import configparser
import dataclasses
import importlib.resources
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .annotations import Annotated
from .components import register_builtin
from .errors import ConfigError
from .explain import Explanation, Trace
from .extract.actors import ActorDictionary
from .geocode.gazetteer import Gazetteer, open_gazetteer
from .lexicon import Lexicon, default_lexicon
from .ingest.clean import mask
from .model import Document, Result
from .registry import BASE_LAYERS, Component, Registry
from .settings import Settings
from .textutil import lower_keep_length, mostly_upper
from .windows import WINDOW_CHARS, boilerplate_ends, event_anchor, plan_windows, shift_event, window_document


class SharedResources:
    """Data the components share, loaded on first use: the gazetteer and the actor
    dictionary."""

    def __init__(self, data_dir: Path, build: bool = True) -> None:
        self.data_dir = data_dir
        self.build = build
        self._gazetteer: Gazetteer | None = None
        self._actors: ActorDictionary | None = None
        self._lexicon: Lexicon | None = None

    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = open_gazetteer(self.data_dir, build=self.build)
        return self._gazetteer

    def actors(self) -> ActorDictionary:
        if self._actors is None:
            self._actors = ActorDictionary.load()
        return self._actors

    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            self._lexicon = default_lexicon()
        return self._lexicon


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
    except (configparser.Error, UnicodeDecodeError) as exc:
        reason = " ".join(str(exc).split())
        raise ConfigError(f"pipeline config {path} is not a valid UTF-8 INI file ({reason}); "
                          "fix it, or the path given by --config") from exc
    return parser


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def _as_full_stop(m: re.Match[str]) -> str:
    return "." + " " * (len(m.group(0)) - 1)


class Pipeline:
    """An ordered list of components built from a configuration.

    A document longer than ``window_chars`` characters is read a window at a time
    (see :mod:`conflictwatch.windows`); every offset stays one into the whole text.
    """

    def __init__(self, components: list[tuple[str, Component]], resources: SharedResources,
                 window_chars: int = WINDOW_CHARS) -> None:
        self.components = components
        self.resources = resources
        self.window_chars = window_chars

    @classmethod
    def from_config(cls, config: Path | None, resources: SharedResources,
                    registry: Registry | None = None) -> "Pipeline":
        """Build the pipeline a config file names (``None``: the packaged default).

        Each component's contract is checked in order: the layers it requires must be
        assigned by a component before it, and its section may give only the options
        it accepts (see :class:`~conflictwatch.registry.Contract`)."""
        registry = register_builtin(registry or Registry())
        parser = _read_config(config)
        source = str(config or "default.cfg")
        if not parser.has_option("pipeline", "components"):
            raise ConfigError(f"{source}: missing [pipeline] components = ...")
        names = [n.strip() for n in parser.get("pipeline", "components").split(",") if n.strip()]
        components = []
        available = set(BASE_LAYERS)
        for name in names:
            section = f"components.{name}"
            if not parser.has_section(section) or not parser.has_option(section, "factory"):
                raise ConfigError(f"{source}: component {name!r} needs a [{section}] section with a factory")
            options = {k: v for k, v in parser.items(section) if k != "factory"}
            factory_name = parser.get(section, "factory")
            factory = registry.get(factory_name)
            contract = registry.contract(factory_name)
            unknown = sorted(set(options) - contract.options)
            if unknown:
                accepted = ", ".join(sorted(contract.options)) or "none"
                raise ConfigError(f"{source}: component {name!r} ({factory_name}) has no option "
                                  f"{', '.join(repr(u) for u in unknown)}; the options it accepts: {accepted}. "
                                  f"Remove it from [{section}]")
            missing = sorted(contract.requires - available)
            if missing:
                raise ConfigError(f"{source}: component {name!r} ({factory_name}) requires the layer(s) "
                                  f"{', '.join(missing)}, which no component before it assigns; list a component "
                                  f"that assigns them earlier in [pipeline] components")
            available |= contract.assigns
            components.append((name, factory(options, resources)))
        return cls(components, resources)

    @classmethod
    def from_settings(cls, settings: Settings, registry: Registry | None = None) -> "Pipeline":
        """The pipeline for resolved :class:`~conflictwatch.settings.Settings`."""
        return cls.from_config(settings.config, SharedResources(settings.data_dir), registry)

    def annotate(self, document: Document, window_start: int = 0, trace: Trace | None = None) -> Annotated:
        """Run every component on ``document`` and return all layers.

        ``window_start`` is where ``document`` (a window of a longer one) starts in
        the whole text; its offsets stay relative to ``document.text``. ``trace``
        (only when an explanation is asked for) collects why each stage decided what
        it did."""
        view = mask(document.text, document.boilerplate)
        low = lower_keep_length(view)
        # Wire copy wraps lines mid-phrase ("explosive\ndevices"): patterns read one line.
        # A blank line still ends a phrase, as a full stop would: no pattern reads from a
        # headline into the story.
        low = _PARAGRAPH_BREAK.sub(_as_full_stop, low).replace("\n", " ")
        ann = Annotated(document=document, view=view, low=low, upper=mostly_upper(view), window_start=window_start,
                        trace=trace)
        for _, component in self.components:
            ann = component(ann)
        return ann

    def extract(self, document: Document) -> Result:
        """Events of one document."""
        parts = self.extract_parts(document)
        first = next(parts)
        rest = [e for part in parts for e in part.events]
        return Result(first.document, first.events + tuple(rest)) if rest else first

    def explain(self, document: Document) -> tuple[Result, Explanation]:
        """Events of one document (as :meth:`extract` gives them) and why: every event
        and every trigger that did not become one (see :mod:`conflictwatch.explain`)."""
        trace = Trace()
        parts = list(self.extract_parts(document, trace))
        result = Result(parts[0].document, tuple(e for part in parts for e in part.events))
        return result, trace.explanation(document.id)

    def extract_parts(self, document: Document, trace: Trace | None = None) -> Iterator[Result]:
        """Events of one document, a window at a time, for callers that write them
        out as they come: each part holds the document (the same in every part) and
        the events told in one window, in order. A document of up to
        ``window_chars`` characters gives one part. ``trace``: see :meth:`explain`."""
        if len(document.text) <= self.window_chars:
            ann = self.annotate(document, trace=trace)
            if trace is not None:
                trace.close_window(ann.events, 0, len(document.text), 0)
            yield Result(ann.document, ann.events)
            return
        ends = boilerplate_ends(document)
        whole: Document | None = None
        for window in plan_windows(document.text, self.window_chars):
            if whole is None:
                ann = self.annotate(window_document(document, window, ends), trace=trace)
                # The first window settles what the whole document's metadata says (a
                # dateline can give the publication date); later windows share it.
                whole = dataclasses.replace(document, published=ann.document.published)
            else:
                ann = self.annotate(window_document(document, window, ends, whole.published), window.start, trace)
            # A window reports the events told in its own stretch; the overlap is context.
            own = tuple(e for e in ann.events if window.own_start <= window.start + event_anchor(e) < window.own_end)
            if trace is not None:
                trace.close_window(own, window.own_start, window.own_end, window.start)
            events = tuple(shift_event(e, window.start) for e in own)
            yield Result(whole, events)

    def extract_many(self, documents: Iterable[Document]) -> Iterator[Result]:
        """Events of each document, in order."""
        for document in documents:
            yield self.extract(document)
