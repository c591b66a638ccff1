"""fieldlabels: an independent generator of cargo-label captures (issue 18 development set).

Designed from how real manufacturers and forwarders print labels, without reading the label reader
or the other generators, so that a reader tuned on it meets layouts, fonts and capture conditions it
was not written for.
"""

from benchmarks.fieldlabels.generate import GENERATOR_NAME, GENERATOR_VERSION, generate

__all__ = ["GENERATOR_NAME", "GENERATOR_VERSION", "generate"]
