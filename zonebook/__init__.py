"""zonebook: build the Yangzhou zone report from data/ (load, check, analyse, chart, execute, publish)."""

from zonebook.data import CITY, DataError, Dataset, Problem, check, load

__all__ = ["CITY", "DataError", "Dataset", "Problem", "check", "load"]
