"""One thing a label says, in the vocabulary of the truth files in data/labels (see its README)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["ENTITY_TYPES", "ROLES", "LabelEntity"]

ENTITY_TYPES = (
    "company",
    "address",
    "country_of_origin",
    "model_number",
    "part_number",
    "serial_number",
    "hs_code",
    "eccn",
    "jp_control_status",
    "weight",
    "quantity",
    "description",
    "tracking_number",
    "invoice_number",
    "po_number",
    "carton_number",
    "package_count",
    "date",
    "dimensions",
    "destination",
    "rating",
    "phone",
)
ROLES = ("shipper", "consignee", "manufacturer", "customer")


@dataclass(frozen=True)
class LabelEntity:
    """`value` as printed (after OCR normalisation), `norm` canonical, `role` for companies/addresses.

    `lines` are indexes into the page's OCR lines the entity came from; `confidence` is theirs.
    """

    type: str
    value: str
    norm: Any
    role: str | None = None
    confidence: float = 0.0
    lines: tuple[int, ...] = field(default_factory=tuple)
    frames: int = 1

    @property
    def key(self) -> tuple[str, str | None, str]:
        """What makes two entities the same fact: type, role and the normalised value."""
        return (self.type, self.role, norm_key(self.norm))

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "value": self.value,
            "norm": self.norm,
            "role": self.role,
            "confidence": round(self.confidence, 3),
            "frames": self.frames,
        }


def norm_key(norm: Any) -> str:
    """A comparable string for any norm (dicts sorted, text case-folded, whitespace removed)."""
    if isinstance(norm, dict):
        return ";".join(f"{k}={norm[k]}" for k in sorted(norm))
    return "".join(str(norm).split()).casefold()
