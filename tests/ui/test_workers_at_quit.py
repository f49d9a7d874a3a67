"""Jobs still running when the program quits are cancelled and waited for (`stop_all` runs
when the application is about to quit): a thread that still runs when the program ends would
take it down with it."""

from __future__ import annotations

import threading

from ui.workers import Worker, stop_all


def test_quitting_cancels_running_jobs_and_waits_for_their_threads(qtbot) -> None:
    started = threading.Event()

    def job(_progress, is_cancelled) -> str:
        started.set()
        while not is_cancelled():
            threading.Event().wait(0.01)
        return "stopped"

    worker = Worker(job)
    worker.start()
    assert started.wait(10)
    assert worker.is_running()
    stop_all()  # what the application does when it is about to quit
    assert not worker.is_running() and worker.is_cancel_requested()
