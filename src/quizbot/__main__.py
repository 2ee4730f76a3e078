"""Allow ``python -m quizbot``."""

from quizbot.cli import main

raise SystemExit(main())
