# Small retry decorator for calls to agency calendar servers, which time out often.
import functools
import time


def retry(times: int = 3, delay_s: float = 2.0):
    """Retry the decorated function on any exception, with a linear back-off."""

    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            for attempt in range(1, times + 1):
                try:
                    return fn(*args, **kwargs)
                except Exception:
                    if attempt == times:
                        raise
                    time.sleep(delay_s * attempt)

        return wrapper

    return decorate
