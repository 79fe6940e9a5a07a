"""Headless Chromium, as the tests that render the HTML report start it."""

from __future__ import annotations

import shutil

import pytest

# Chromium reaches out to its vendor's services at start unless told not to; there is no network.
BROWSER_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def browser() -> str:
    """The Chromium executable, or a test failure that says how to install it."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.fail(
            "Chromium is needed to render the HTML report: run `make browser` "
            "(installs Debian's chromium) or install it yourself"
        )
    return found
