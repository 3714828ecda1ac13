"""Pieces kept under the page cache's generation (festival/sitewide/pagecache.py: `keep`,
`kept`, `local`): in the shared cache and in each worker's memory, never past a change of
content or their time."""

import pytest
from django.core.cache import cache

from festival.sitewide import pagecache
from tests.innovations.factories import InnovationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_cache_calls(monkeypatch):
    """The keys each `get_many` of the shared cache was asked for."""
    calls = []
    get_many = cache.get_many

    def counting(keys, *args, **kwargs):
        calls.append(list(keys))
        return get_many(keys, *args, **kwargs)

    monkeypatch.setattr(cache, "get_many", counting)
    return calls


def test_a_kept_piece_is_found_in_one_round_trip_that_asks_only_for_the_generation(
    shared_cache_calls,
):
    gen, _ = pagecache.kept([])
    pagecache.keep({"piece": "<li>kaart</li>"}, gen)
    shared_cache_calls.clear()

    assert pagecache.kept(["piece"]) == (gen, {"piece": "<li>kaart</li>"})
    # Held in this worker's memory: the shared cache is asked for the generation only.
    assert shared_cache_calls == [[pagecache.GENERATION_KEY]]


def test_with_the_pages_generation_a_held_piece_costs_no_round_trip(shared_cache_calls):
    gen, _ = pagecache.kept([])
    pagecache.keep({"piece": "kartu"}, gen)
    shared_cache_calls.clear()

    assert pagecache.kept(["piece"], gen=gen) == (gen, {"piece": "kartu"})
    assert shared_cache_calls == []


def test_another_workers_piece_comes_from_the_shared_cache_and_is_then_held(shared_cache_calls):
    gen, _ = pagecache.kept([])
    pagecache.keep({"piece": "kartu"}, gen)
    pagecache.forget_local()  # as another worker, which holds nothing yet
    shared_cache_calls.clear()

    assert pagecache.kept(["piece"], gen=gen)[1] == {"piece": "kartu"}
    assert pagecache.kept(["piece"], gen=gen)[1] == {"piece": "kartu"}
    assert shared_cache_calls == [["piece"]]


def test_a_change_of_content_in_any_worker_makes_every_held_piece_stale(db):
    gen, _ = pagecache.kept([])
    pagecache.keep({"piece": "kartu lama"}, gen)

    # Any save of content bumps the shared generation (here from this process; another
    # worker's save reaches the same counter).
    InnovationFactory()

    new_gen, found = pagecache.kept(["piece"])
    assert new_gen != gen
    assert found == {}


def test_a_save_bumps_the_generation_again_when_it_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        InnovationFactory()
        during = pagecache.generation()

    # What was made between the save and the commit (old rows, new generation) is stale too.
    assert pagecache.generation() != during


def test_a_held_piece_is_not_used_after_its_time(monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(pagecache.time, "time", lambda: now[0])
    gen, _ = pagecache.kept([])
    pagecache.keep({"frame": "bingkai"}, gen, seconds=60)

    now[0] += 59
    assert pagecache.kept(["frame"], gen=gen)[1] == {"frame": "bingkai"}
    now[0] += 2
    assert pagecache.kept(["frame"], gen=gen)[1] == {}


def test_a_piece_kept_in_the_old_shape_is_ignored():
    # (generation, value) without its expiry, as kept before this version: never served.
    gen, _ = pagecache.kept([])
    cache.set("piece", (gen, "lama"))

    assert pagecache.kept(["piece"], gen=gen)[1] == {}


def test_a_worker_holds_a_bounded_number_of_pieces(monkeypatch):
    monkeypatch.setattr(pagecache, "LOCAL_ENTRIES", 3)
    gen, _ = pagecache.kept([])
    pagecache.keep({f"piece-{n}": n for n in range(5)}, gen)

    assert list(pagecache._local) == ["piece-2", "piece-3", "piece-4"]


def test_local_makes_a_value_once_per_generation_and_never_shares_it(db):
    made = []
    gen, _ = pagecache.kept([])

    def load():
        made.append(1)
        return {"indeks": len(made)}

    assert pagecache.local("index", gen, load) == {"indeks": 1}
    assert pagecache.local("index", gen, load) == {"indeks": 1}
    assert cache.get("index") is None
    InnovationFactory()
    assert pagecache.local("index", pagecache.generation(), load) == {"indeks": 2}
