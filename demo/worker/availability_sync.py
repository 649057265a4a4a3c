# Availability sync: pulls every agency's calendar feed and refreshes talent availability.
# @intent-file problem:stale-availability
"""Run every 15 minutes by the scheduler (see deploy/cron.yaml)."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from .calendar_import import IcsImporter
from .retry import retry

FRESH_FOR = timedelta(days=7)


@dataclass
class SyncResult:
    agency_id: str
    talent_updated: int
    days_written: int


# @intent kr:availability-coverage -- a successful sync counts as a confirmation for every talent in the feed
@retry(times=3)
def sync_agency(agency_id: str, feed_url: str, db) -> SyncResult:
    importer = IcsImporter(feed_url)
    days_written = 0
    talent_ids = set()
    for entry in importer.entries(since=date.today()):
        db.upsert_availability(entry.talent_id, entry.day, entry.status)
        talent_ids.add(entry.talent_id)
        days_written += 1
    db.mark_confirmed(talent_ids, at=datetime.now(timezone.utc))
    return SyncResult(agency_id, len(talent_ids), days_written)


def sync_all(db) -> list[SyncResult]:
    # @debt debt:calendar-polling -- polls all agencies, even the ones whose feed has not changed
    results = []
    for agency in db.agencies_with_feeds():
        try:
            results.append(sync_agency(agency.id, agency.feed_url, db))
        except Exception as exc:  # one broken feed must not stop the others
            db.record_sync_failure(agency.id, type(exc).__name__)
    # TODO: alert the agency when its feed has failed for 24 hours
    return results


def coverage(db, now: datetime) -> float:
    """Share of active talent whose availability was confirmed within FRESH_FOR."""
    active = db.count_active_talent()
    fresh = db.count_confirmed_since(now - FRESH_FOR)
    return 100.0 * fresh / active if active else 0.0
