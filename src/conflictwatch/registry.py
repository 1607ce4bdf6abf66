"""A registry of pipeline components under versioned names.

Components are registered as factories under names such as
``conflictwatch.places.v1``; a pipeline configuration names the components it
uses. ConflictWatch's own components are registered exactly as a third-party one
would be (see :func:`conflictwatch.components.register_builtin`), and nothing is
registered at import time: a :class:`Registry` is an ordinary object.

Each component states its contract when it is registered: the annotation layers it
``requires`` (set by a component before it), the layers it ``assigns`` and the
``options`` its configuration section may give. A pipeline configuration that
leaves a requirement unmet, or gives an option the component does not take, is a
:class:`~conflictwatch.errors.ConfigError` naming the component. A plug-in may add
a layer of its own (``Annotated.with_layer``), named like its component
("myplugin.keywords"), for a later plug-in to require.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from .annotations import Annotated
from .errors import ConfigError

if TYPE_CHECKING:
    from .extract.actors import ActorDictionary
    from .geocode.gazetteer import Gazetteer
    from .lexicon import Lexicon

_NAME = re.compile(r"^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+\.v\d+$")


class Component(Protocol):
    """One pipeline step: reads an :class:`Annotated`, returns a new one."""

    def __call__(self, ann: Annotated) -> Annotated: ...


class Resources(Protocol):
    """Shared, lazily loaded data a factory may ask for (gazetteer, actor dictionary)."""

    def gazetteer(self) -> Gazetteer: ...

    def actors(self) -> ActorDictionary: ...

    def lexicon(self) -> Lexicon: ...


Factory = Callable[[Mapping[str, str], Resources], Component]

BASE_LAYERS = frozenset({"document", "view", "low", "upper"})
"""The layers every document starts with, before any component runs."""


@dataclass(frozen=True, slots=True)
class Contract:
    """What a component needs and gives: the layers it ``requires`` and ``assigns``
    (names of :class:`~conflictwatch.annotations.Annotated` fields, or of a
    plug-in's own layers) and the ``options`` it accepts in its configuration."""

    requires: frozenset[str] = frozenset()
    assigns: frozenset[str] = frozenset()
    options: frozenset[str] = frozenset()


class Registry:
    """Maps versioned component names to factories."""

    def __init__(self) -> None:
        self._factories: dict[str, Factory] = {}
        self._contracts: dict[str, Contract] = {}

    def register(self, name: str, factory: Factory, *, requires: Iterable[str] = (), assigns: Iterable[str] = (),
                 options: Iterable[str] = ()) -> None:
        """Register ``factory`` under ``name`` ("package.component.vN"), with the layers
        the component ``requires`` and ``assigns`` and the ``options`` it accepts."""
        if not _NAME.match(name):
            raise ConfigError(f"component name {name!r} is not of the form 'package.component.v1'")
        if name in self._factories and self._factories[name] is not factory:
            raise ConfigError(f"component {name!r} is already registered; register a new version "
                              "(.v2) instead of replacing it")
        self._factories[name] = factory
        self._contracts[name] = Contract(frozenset(requires), frozenset(assigns), frozenset(options))

    def contract(self, name: str) -> Contract:
        """The contract of the component registered as ``name``."""
        self.get(name)  # an unknown name is an error that lists the known ones
        return self._contracts[name]

    def get(self, name: str) -> Factory:
        """The factory registered as ``name``."""
        try:
            return self._factories[name]
        except KeyError:
            known = ", ".join(sorted(self._factories)) or "none"
            raise ConfigError(f"no component named {name!r}; registered components: {known}") from None

    def names(self) -> list[str]:
        """Every registered name, sorted."""
        return sorted(self._factories)
