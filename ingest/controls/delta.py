"""What changed between two versions of a control list: entries added, changed (text, scope or regimes)
and removed, compared by code and content fingerprint."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["VersionDelta", "compute_delta"]


@dataclass
class VersionDelta:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, list[str]]:
        return {"added": self.added, "changed": self.changed, "removed": self.removed}

    def change_of(self) -> dict[str, str]:
        """code -> added | changed | unchanged, for the new version's entries."""
        out = {code: "added" for code in self.added}
        out.update({code: "changed" for code in self.changed})
        out.update({code: "unchanged" for code in self.unchanged})
        return out


def compute_delta(previous: dict[str, str], current: dict[str, str]) -> VersionDelta:
    """Both arguments map code -> fingerprint."""
    delta = VersionDelta()
    for code, fingerprint in current.items():
        if code not in previous:
            delta.added.append(code)
        elif previous[code] != fingerprint:
            delta.changed.append(code)
        else:
            delta.unchanged.append(code)
    delta.removed = [code for code in previous if code not in current]
    return delta
