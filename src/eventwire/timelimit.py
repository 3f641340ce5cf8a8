"""Time limits: stop work on an article that runs too long, in whatever thread it runs.

    with time_limit(60):
        records = extract(...)      # raises ArticleTimeout after 60 s

Signals (`signal.alarm`) work only in a process's main thread, but a Dask worker
runs its tasks in a thread pool. So a watchdog timer raises the exception in the
working thread instead (`PyThreadState_SetAsyncExc`), which Python delivers at
the next bytecode: our stages, written in Python, stop promptly; a long call
inside compiled code stops when it returns. Process-based libraries that offer
timeouts (pebble, wrapt_timeout_decorator) would start a process, and load the
model, per call.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from eventwire.errors import Timeout

_set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc  # (thread id, exception class or NULL)


class ArticleTimeout(BaseException):
    """Raised inside the working thread when its time is up.

    A BaseException, so that the `except Exception` of a stage or of spaCy's error
    handler cannot swallow it.
    """


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ArticleTimeout in this thread if the block runs longer than `seconds`.

    seconds (float | None): the limit; None or <= 0 means no limit.
    RAISES Timeout: when the limit was reached (the ArticleTimeout is turned into it).
    """
    if not seconds or seconds <= 0:
        yield
        return
    thread = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def interrupt() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                _set_async_exc(ctypes.c_ulong(thread), ctypes.py_object(ArticleTimeout))

    timer = threading.Timer(seconds, interrupt)
    timer.daemon = True
    timer.start()
    try:
        yield
    except ArticleTimeout:
        raise Timeout(f"timeout: took longer than the {seconds:g} s limit") from None
    finally:
        with lock:
            state["done"] = True
            timer.cancel()
            if state["fired"]:
                # The timer fired as the block was ending: take back an exception not yet delivered.
                _set_async_exc(ctypes.c_ulong(thread), None)
