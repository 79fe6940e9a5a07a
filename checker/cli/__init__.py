"""The command line: the one place that wires adapters to the engine."""
