import threading
import time

import pytest

from eventwire.errors import Timeout
from eventwire.timelimit import time_limit


def _spin():
    while True:
        sum(range(100))


def test_timelimit_stops_a_loop_in_the_main_thread():
    started = time.monotonic()
    with pytest.raises(Timeout, match="took longer than the 0.2 s limit"):
        with time_limit(0.2):
            _spin()
    assert time.monotonic() - started < 5


def test_timelimit_stops_a_loop_in_a_worker_thread():
    caught = []

    def work():
        try:
            with time_limit(0.2):
                _spin()
        except Timeout as err:
            caught.append(err.code)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(10)
    assert caught == [Timeout.code]


@pytest.mark.parametrize("seconds", [None, 0, 5])
def test_timelimit_lets_quick_work_through_and_fires_no_later(seconds):
    with time_limit(seconds):
        total = sum(range(1000))
    time.sleep(0.3)  # a late interrupt would surface here
    assert total == 499500
