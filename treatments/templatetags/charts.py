"""At-a-glance charts drawn as inline SVG bars, with every number also written out as text."""

import math

from django import template

register = template.Library()

PAD = 2  # percent kept free at each end so the bars' rounded ends stay inside the drawing


@register.simple_tag
def bar_x(days, scale):
    """Where `days` falls on a bar covering 0 to `scale` days, as a percentage of the bar's width."""
    if not scale:
        return f"{PAD}"
    return f"{PAD + (100 - 2 * PAD) * min(days, scale) / scale:.1f}"


def _week_scale(days):
    """The chart's length: whole weeks, at least one."""
    return max(7, -(-days // 7) * 7)


@register.inclusion_tag("includes/downtime_chart.html")
def downtime_chart(treatments):
    """Each treatment's usual recovery time, shortest first, on one shared scale."""
    rows = sorted(treatments, key=lambda t: (t.downtime_max_days, t.downtime_min_days, t.name))
    scale = _week_scale(max((t.downtime_max_days for t in rows), default=0))
    step = 7 if scale <= 28 else 14
    return {
        "rows": rows,
        "scale": scale,
        "ticks": [{"days": days, "x": bar_x(days, scale)} for days in range(0, scale + 1, step)],
    }


@register.simple_tag
def day_x(day, start, scale):
    """Where a date falls on a bar that starts on `start` and covers `scale` days."""
    return bar_x((day - start).days, scale)


# Aftercare timelines run from a day to months, and most happens in the first days. Up to two weeks
# the days are evenly spaced; a longer timeline uses a log-like scale, so that days 0 to 10 take about
# half of it and stay readable next to the weeks and months after.
EVENLY_UP_TO = 14
TIMELINE_TICKS = (0, 1, 3, 7, 14, 28, 56, 90, 180, 365)


def timeline_position(day, end):
    """Where the start of `day` falls on a timeline from day 0 to `end`, from 0 to 1."""
    day = min(max(day, 0), end)
    if end <= EVENLY_UP_TO:
        return day / end
    return math.log1p(day / 2) / math.log1p(end / 2)


@register.simple_tag
def aftercare_timeline(steps):
    """Each aftercare step with where its bar starts and ends (percent), and the labelled days of the axis:
    never closer than 8% of the width to each other, nor in the last 6%."""
    steps = list(steps)
    if not steps:
        return None
    end = max(step.day_to for step in steps) + 1

    def x(day):
        return f"{PAD + (100 - 2 * PAD) * timeline_position(day, end):.1f}"

    ticks, previous = [], None
    for day in (day for day in TIMELINE_TICKS if day <= end):
        position = timeline_position(day, end)
        if position > 0.94:
            break
        if previous is None or position - previous >= 0.08:
            ticks.append({"day": day, "x": x(day)})
            previous = position
    return {
        "rows": [{"step": step, "x1": x(step.day_from), "x2": x(step.day_to + 1)} for step in steps],
        "ticks": ticks,
        "evenly": end <= EVENLY_UP_TO,
    }
