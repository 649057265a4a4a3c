# Calendar import: turns an agency's iCalendar feed into availability days.
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.request import urlopen


@dataclass(frozen=True)
class AvailabilityEntry:
    talent_id: str
    day: date
    status: str  # "free" | "hold" | "booked"


# @intent problem:stale-availability, kr:availability-coverage
class IcsImporter:
    """Reads VEVENTs from an agency feed. Each event's X-TALENT-ID says whose calendar it is."""

    STATUS_BY_CATEGORY = {"HOLD": "hold", "BOOKED": "booked", "PENCIL": "hold"}

    def __init__(self, feed_url: str, timeout_s: int = 20):
        self.feed_url = feed_url
        self.timeout_s = timeout_s

    def entries(self, since: date):
        for event in parse_events(self._download()):
            status = self.STATUS_BY_CATEGORY.get(event.get("CATEGORIES", ""), "booked")
            day = event["DTSTART"]
            while day <= event["DTEND"]:
                if day >= since:
                    yield AvailabilityEntry(event["X-TALENT-ID"], day, status)
                day += timedelta(days=1)

    def _download(self) -> str:
        # Deliberate mistake for the demo (IL012): a debt tag with a note but no ID.
        # @debt -- downloads the whole feed every time; should send If-Modified-Since
        with urlopen(self.feed_url, timeout=self.timeout_s) as resp:
            return resp.read().decode("utf-8")


def parse_events(text: str) -> list[dict]:
    """Minimal VEVENT parser: enough for the feeds agencies actually send."""
    events, current = [], None
    for line in text.splitlines():
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT" and current is not None:
            events.append(current)
            current = None
        elif current is not None and ":" in line:
            key, _, value = line.partition(":")
            key = key.split(";")[0]
            current[key] = _parse_date(value) if key in ("DTSTART", "DTEND") else value
    # FIXME: folded lines (RFC 5545 §3.1) are not unfolded; long descriptions break the parse
    return events


def _parse_date(value: str) -> date:
    return date(int(value[0:4]), int(value[4:6]), int(value[6:8]))
