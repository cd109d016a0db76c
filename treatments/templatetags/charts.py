"""At-a-glance charts drawn as inline SVG bars, with every number also written out as text."""

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
    """Each treatment's usual days of visible healing, shortest first, on one shared scale."""
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
