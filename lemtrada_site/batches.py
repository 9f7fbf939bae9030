"""
Work that every save would repeat, done once at the end of a batch of saves instead.

A save of one side effect writes the search index's two list entries again (made from every side effect);
loading the site's content saves each side effect in turn. Inside `batch()`, `once(key, job)` keeps one job
per key and runs it when the batch ends without an error, still inside the caller's transaction; outside a
batch it runs the job at once.
"""

import contextvars
from contextlib import contextmanager

_jobs = contextvars.ContextVar("batched_jobs", default=None)


@contextmanager
def batch():
    if _jobs.get() is not None:  # already inside one: the outer batch runs the jobs
        yield
        return
    jobs = {}
    token = _jobs.set(jobs)
    try:
        yield
    finally:
        _jobs.reset(token)
    for job in jobs.values():
        job()


def once(key, job):
    jobs = _jobs.get()
    if jobs is None:
        job()
    else:
        jobs[key] = job
