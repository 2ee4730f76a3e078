"""Widgets of the quiz screen: chat bubbles, the transcript and the answer input."""
