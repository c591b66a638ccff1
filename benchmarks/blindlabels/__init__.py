"""blindlabels: a sealed cargo-label capture generator written without reading the label reader.

Independent of benchmarks/labelgen on purpose (issue #18): its own layouts, fonts and capture
conditions, so figures measured on its output count as "never seen" by the reader's developers.
"""



from benchmarks.blindlabels.write import generate

__all__ = ["generate"]
