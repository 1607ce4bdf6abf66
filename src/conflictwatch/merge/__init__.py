"""Merge stage: reports of one incident from many documents become one incident.

* :mod:`.rules` — the gates and weights, as data (``data/merge_rules.toml``);
* :mod:`.features` — what is read from a document for the merge (details, MinHash);
* :mod:`.score` — two reports compared: the gates, the points and the reasons;
* :mod:`.decide` — which incident a report joins (no chaining);
* :mod:`.compose` — an incident's fields from its reports (the documented rule).

The stage needs reports and candidate incidents and gives decisions and
incidents; reading and writing them is the store's job.
"""

from .compose import OVERRIDABLE, compose
from .decide import Candidate, Decision, assess, decide
from .features import make_report, make_reports
from .rules import MergeRules, load_rules

__all__ = ["OVERRIDABLE", "Candidate", "Decision", "MergeRules", "assess", "compose", "decide",
           "load_rules", "make_report", "make_reports"]
