"""The former home of ``load_file``, kept as an import path: store/intake.py,
assembly/bundle.py and some tests of those packages import it from here. The load itself
is loaders/pipeline.py; new code imports ``from loaders import load_file``."""
from .pipeline import load_file

__all__ = ["load_file"]
