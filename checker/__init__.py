"""assaymark's engine: controls, evaluation, results and output formats.

The engine reads snapshots only; it never imports the adapters that collect them.
"""

__version__ = "0.1.0"
