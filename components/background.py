"""Files too slow to build in a page run (the innovationsbokslut as PDF: charts and layout for every
area and organisation, seconds at ten times the region), built in a worker process instead.

A thread would share the interpreter lock with every page run of the server, so other readers' pages
would crawl while a PDF is drawn; a worker process draws it beside them. The reader who asked sees its
progress and then a download button; whoever asks for the same file (the same key: scope, data version,
year, language) gets the same job, finished or under way, so ten council members cost one PDF.
"""

from __future__ import annotations

import multiprocessing
import tempfile
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from threading import Lock
from typing import Any

import streamlit as st

from components.context import t

KEEP = 8  # finished files kept (the newest), per server process
POLL_SECONDS = 1.0
WORKERS = 1  # at most one core drawing files, whatever the number of people asking


@dataclass
class Job:
    """One file being built or built: its future (bytes) and where the worker writes its progress."""

    future: Future
    progress: Path

    def share_done(self) -> float:
        try:
            return min(1.0, max(0.0, float(self.progress.read_text())))
        except (OSError, ValueError):  # not started yet, or finished and tidied away
            return 1.0 if self.future.done() else 0.0

    @property
    def failed(self) -> bool:
        return self.future.done() and self.future.exception() is not None


def _build(build: Callable[..., bytes], args: tuple, progress_path: str) -> bytes:
    """In the worker process: `build(*args, progress=...)`, the share done written where pages read it."""
    path = Path(progress_path)

    def progress(share: float) -> None:
        path.write_text(f"{share:.3f}")

    try:
        return build(*args, progress=progress)
    finally:
        path.unlink(missing_ok=True)


class Jobs:
    """The server process's jobs, newest last; a failed job is started afresh when asked again."""

    def __init__(self) -> None:
        self._lock = Lock()
        self._jobs: OrderedDict[tuple, Job] = OrderedDict()
        self._dir = Path(tempfile.mkdtemp(prefix="innovationsportalen-files-"))
        self._pool = self._new_pool()

    @staticmethod
    def _new_pool() -> ProcessPoolExecutor:
        # "spawn": a fork of a threaded web server could inherit a lock held by another thread.
        return ProcessPoolExecutor(max_workers=WORKERS, mp_context=multiprocessing.get_context("spawn"))

    def get(self, key: tuple) -> Job | None:
        with self._lock:
            return self._jobs.get(key)

    def start(self, key: tuple, build: Callable[..., bytes], args: tuple) -> Job:
        with self._lock:
            job = self._jobs.get(key)
            if job is not None and not job.failed:
                self._jobs.move_to_end(key)
                return job
            progress = self._dir / f"{uuid.uuid4().hex}.progress"
            try:
                future = self._pool.submit(_build, build, args, str(progress))
            except BrokenProcessPool:  # a worker died (out of memory, killed): start a new pool
                self._pool = self._new_pool()
                future = self._pool.submit(_build, build, args, str(progress))
            self._jobs[key] = job = Job(future, progress)
            finished = [k for k, j in self._jobs.items() if j.future.done() and k != key]
            for old in finished[: max(0, len(self._jobs) - KEEP)]:
                del self._jobs[old]
            return job


@st.cache_resource(show_spinner=False)
def jobs() -> Jobs:
    return Jobs()


@st.fragment(run_every=POLL_SECONDS)
def _progress(key: tuple, text: str) -> None:
    """While the file is built: its progress, redrawn every second; once done, the page runs again."""
    job = jobs().get(key)
    if job is None or job.future.done():
        st.rerun(scope="app")
    st.progress(job.share_done(), text=text)


def download_button(
    key: tuple,
    build: Callable[..., bytes],
    args: tuple[Any, ...],
    *,
    start_label: str,
    label: str,
    file_name: str,
    mime: str,
    widget_key: str,
    icon: str | None = None,
) -> None:
    """A button that starts building the file (`build(*args, progress=callback)`, in a worker process,
    `build` and `args` picklable), its progress while it is built, then the download button."""
    job = jobs().get(key)
    if job is None or job.failed:
        if job is not None:
            st.error(t("ui.file_failed"))
        if not st.button(start_label, key=f"{widget_key}_start", icon=icon):
            return
        job = jobs().start(key, build, args)
    if not job.future.done():
        _progress(key, t("ui.file_building", name=file_name))
        return
    st.download_button(
        label,
        data=job.future.result,  # served when clicked, from the finished job
        file_name=file_name,
        mime=mime,
        key=widget_key,
        icon=icon,
        on_click="ignore",
    )
