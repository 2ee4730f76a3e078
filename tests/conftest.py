"""Settings for the whole suite."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

# The built-in packs' cache (quizbot.packs.cache) goes to a folder of this run, for the
# tests and every quizbot process they start: a test run never writes to the user's own
# cache folder, and never reads one left by another version.
_CACHE = tempfile.mkdtemp(prefix="quizbot-test-cache-")
os.environ["QUIZBOT_CACHE"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)
