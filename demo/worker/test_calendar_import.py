# Unit tests for the iCalendar parser.
import unittest
from datetime import date

from .calendar_import import parse_events

FEED = """BEGIN:VCALENDAR
BEGIN:VEVENT
X-TALENT-ID:t-204
CATEGORIES:BOOKED
DTSTART;VALUE=DATE:20261201
DTEND;VALUE=DATE:20261203
END:VEVENT
END:VCALENDAR"""


class ParseEventsTest(unittest.TestCase):
    def test_reads_talent_and_dates(self):
        [event] = parse_events(FEED)
        self.assertEqual(event["X-TALENT-ID"], "t-204")
        self.assertEqual(event["DTSTART"], date(2026, 12, 1))
        self.assertEqual(event["DTEND"], date(2026, 12, 3))


if __name__ == "__main__":
    unittest.main()
