"""assaymark's sources: each adapter collects a normalized snapshot that the engine evaluates."""
