"""Work shared between the parent and forked children (curriculum/sharing.py)."""

import os
import time

import pytest

from curriculum.sharing import in_processes


def _tagged(items):
    out = []
    for item in items:
        time.sleep(0.0005)  # work that takes time, so no process can take it all
        out.append((os.getpid(), item))
    return out


def test_every_item_is_run_once_by_one_of_the_processes():
    items = list(range(997))
    results = in_processes(_tagged, items, workers=3, piece=7)
    done = [item for result in results for _, item in result]
    assert sorted(done) == items
    pids = {pid for result in results for pid, _ in result}
    assert os.getpid() in pids and len(pids) >= 2  # the parent works too


def _fails_in_a_child(items, parent=os.getpid()):
    out = []
    for item in items:
        if os.getpid() != parent:
            raise ValueError("a broken lesson")
        time.sleep(0.005)  # the parent is slow: the child surely takes a piece
        out.append(item)
    return out


def test_a_childs_failure_is_raised_with_its_traceback():
    with pytest.raises(RuntimeError, match="ValueError: a broken lesson"):
        in_processes(_fails_in_a_child, list(range(200)), workers=2, piece=1)


def test_thousands_of_one_item_pieces_all_run():
    items = list(range(5000))
    results = in_processes(lambda part: list(part), items, workers=2, piece=1)
    assert sorted(item for result in results for item in result) == items


def test_background_work_runs_in_a_child_and_comes_back():
    from curriculum.sharing import Background

    work = Background(lambda: (os.getpid(), "가" * 3_000_000))
    pid, text = work.result()
    assert pid != os.getpid() and text == "가" * 3_000_000
    assert work.result()[0] == pid  # asked again: the same value, no second wait
    assert Background(lambda: os.getpid(), forked=False).result() == os.getpid()


def test_background_failure_is_raised_with_its_traceback():
    from curriculum.sharing import Background

    def broken():
        raise ValueError("no index")

    with pytest.raises(RuntimeError, match="ValueError: no index"):
        Background(broken).result()
