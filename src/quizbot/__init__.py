"""quizbot: a terminal quiz tutor on how the internet shaped China."""

__version__ = "0.1.0"
