"""The disclosure policy's parameters, built once from config/settings.toml ``[disclosure]``
and passed down to every survey figure: the minimum group size and the protection level,
and the words a page uses for a figure hidden because too few answered. No module holds a
literal threshold; the rule itself is decided in ``metrics/publishable.py``."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DisclosurePolicy:
    #: A group (or a whole wave) answered by fewer than this many people is never shown.
    min_size: int
    #: The narrowest range (percentage points) anyone may pin a hidden % positive to.
    protection_points: float

    def too_few(self, noun: str = "answers") -> str:
        """The reason for a figure hidden for its size: "fewer than 10 answers"."""
        return f"fewer than {self.min_size} {noun}"
