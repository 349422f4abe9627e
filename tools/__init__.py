"""Developer tools, not part of the installed package: Debian's Chromium driven by Playwright (for the browser tests,
the benchmark and the README's screenshot)."""
