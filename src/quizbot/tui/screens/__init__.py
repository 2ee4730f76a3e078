"""Screens shown over the chat: the round summary and the progress statistics."""
