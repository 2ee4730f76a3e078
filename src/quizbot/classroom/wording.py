"""The drill's leaderboard and podium in words, for the plain front and the report."""

from __future__ import annotations

from quizbot.classroom.drill import Drill, Standing

PLACES = {1: "1st", 2: "2nd", 3: "3rd"}


def moved(standing: Standing) -> str:
    if standing.moved > 0:
        return f"up {standing.moved}"
    if standing.moved < 0:
        return f"down {-standing.moved}"
    return ""


def leaderboard_lines(drill: Drill) -> list[str]:
    lines = ["Leaderboard:"]
    for s in drill.standings():
        change = moved(s)
        lines.append(f"  {s.rank}. {s.name} {s.points:.0f}" + (f" ({change})" if change else ""))
    if drill.settings.teams:
        lines.append("Teams:")
        lines += [f"  {s.rank}. {s.name} {s.points:.0f}" for s in drill.team_standings()]
    return lines


def podium_lines(drill: Drill) -> list[str]:
    lines = ["Podium:"]
    for s in drill.podium():
        lines.append(f"  {PLACES.get(s.rank, str(s.rank))}: {s.name} with {s.points:.0f} points")
    return lines
