"""What distinguishes one kind of posting from the other, in one small object."""
from dataclasses import dataclass, field
from typing import Any, Callable


@dataclass(frozen=True)
class PostingSpec:
    #: URL prefix and blueprint name: "programmes" or "needs".
    name: str
    model: Any
    form_class: Any
    #: The organisation kind that may own this posting.
    owner_kind: str
    #: Query-string name of the kind-specific filter ("mode" or "kind") and its reference model.
    facet_param: str
    facet_model: Any
    facet_clause: Callable[[str], Any]
    #: Model columns the form may set beyond the common ones.
    extra_fields: tuple = ()
    #: Form inputs handled specially by the service (e.g. "mode_codes").
    extra_inputs: tuple = ()
    #: Translated nouns, for titles and messages.
    noun: Any = None
    wrong_kind_message: Any = None
    labels: dict = field(default_factory=dict)
