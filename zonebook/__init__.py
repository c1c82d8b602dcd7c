"""zonebook: build the Yangzhou zone report from data/ (load, check, analyse, chart, execute, publish).

The loader's names are imported lazily, so that `import zonebook.<module>` (the Sphinx extension,
the CLI) does not pay for pandas and pandera unless it uses them.
"""

__all__ = ["CITY", "DataError", "Dataset", "Problem", "check", "load"]


def __getattr__(name: str):
    if name in __all__:
        from zonebook import data

        return getattr(data, name)
    raise AttributeError(f"module 'zonebook' has no attribute {name!r}")
