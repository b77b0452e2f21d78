"""Devices closing a crux cycle at the same moment: one of them is refused, on both backends.

Each device is its own process with its own Journal on the same SQLite file or server
database, as two laptops on one server are. A barrier releases them together, round
after round, on cycles of two, three and four links, with a device adding a link that
another adds too; whatever the interleaving, the journal never holds a cycle, and each
device either linked (its link is stored) or was told, in one line, why not.
"""

from __future__ import annotations

import multiprocessing

from beliefupdate.store.journal import Journal

DEVICES = 4
ROUNDS = 4
# Each shape is the link (B depends on A, as indexes of the round's propositions) each device adds.
SHAPES = (
    ((0, 1), (1, 0), (0, 1), (1, 0)),  # A→B and B→A, each from two devices
    ((0, 1), (1, 2), (2, 0), (0, 1)),  # A→B, B→C, C→A, and A→B again
    ((0, 1), (1, 2), (2, 3), (3, 0)),  # four devices, a cycle of four
)


def _serve(db: str, barrier, tasks, results, act) -> None:
    """A device: for each (key, payload), wait for the others, act, and put (key, how it went);
    it never dies silently, so a test fails with what happened rather than waiting."""
    from beliefupdate.domain.errors import UserError

    try:
        with Journal.open(db) as journal:
            for key, payload in iter(tasks.get, None):
                barrier.wait(timeout=120)  # against a hang if a device died, not a timing
                try:
                    results.put((key, act(journal, payload)))
                except UserError as e:
                    results.put((key, f"refused: {e}"))
    except BaseException as e:
        results.put((None, f"failed: {type(e).__name__}: {e}"))


def _heard(results, n: int) -> list:
    """The next ``n`` results; a device that failed outright ends the test at once, saying why."""
    heard = []
    for _ in range(n):
        key, said = results.get(timeout=120)
        assert key is not None, said
        heard.append((key, said))
    return heard


def _link(journal, link) -> str:
    journal.set_crux(*link, 0.4, 0.6)
    return "linked"


def _device(db: str, barrier, tasks, results) -> None:
    _serve(db, barrier, tasks, results, _link)


def _cycle(links: set[tuple[str, str]]) -> list[str] | None:
    """A loop of "depends on" among ``links``, if there is one (its own search, not the journal's)."""
    on: dict[str, list[str]] = {}
    for b, a in links:
        on.setdefault(b, []).append(a)
    state: dict[str, int] = {}  # 1 on the path being walked, 2 done

    def walk(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in on.get(node, ()):
            if state.get(nxt) == 1:
                return [*path, nxt]
            if nxt not in state and (found := walk(nxt, [*path, nxt])):
                return found
        state[node] = 2
        return None

    for start in list(on):
        if start not in state and (found := walk(start, [start])):
            return found
    return None


def test_devices_racing_to_close_a_cycle_of_any_length_never_store_one(journal_db):
    Journal.open(journal_db).close()  # the journal exists before the devices open it
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(DEVICES), context.Queue()
    tasks = [context.Queue() for _ in range(DEVICES)]
    devices = [context.Process(target=_device, args=(journal_db, barrier, q, results)) for q in tasks]
    for d in devices:
        d.start()
    outcomes: list[tuple[tuple[str, str], str]] = []
    try:
        with Journal.open(journal_db) as journal:
            for round_ in range(ROUNDS):
                for shape, links in enumerate(SHAPES):
                    props = [journal.add_proposition(f"round {round_} shape {shape} belief {n}").id
                             for n in range(1 + max(max(link) for link in links))]
                    for q, (b, a) in zip(tasks, links, strict=True):
                        q.put(((props[b], props[a]), (props[b], props[a])))
                    outcomes += _heard(results, len(links))
            stored = {(k.proposition_id, k.on_id) for k in journal.cruxes().crux_links}
    finally:
        for q in tasks:
            q.put(None)
        for d in devices:
            d.join(timeout=120)

    assert [d.exitcode for d in devices] == [0] * DEVICES
    assert _cycle(stored) is None, f"the journal holds the cycle {_cycle(stored)}"
    for _, said in outcomes:
        assert said == "linked" or (said.startswith("refused: that would be a cycle") and "\n" not in said), said
    linked = {link for link, said in outcomes if said == "linked"}
    assert stored == linked  # every link a device was told it made is there, and no other
    refused = [said for _, said in outcomes if said != "linked"]
    assert len(refused) >= ROUNDS * len(SHAPES)  # at least one per round: no round closed its cycle


def _import(journal, doc):
    from beliefupdate.interchange.exchange import from_dict

    return f"imported {journal.import_data(from_dict(doc)).added['propositions']}"


def _importer(db: str, barrier, tasks, results) -> None:
    _serve(db, barrier, tasks, results, _import)


def test_devices_importing_the_same_file_at_once_each_succeed_and_add_it_once(journal_db, tmp_path):
    from beliefupdate.interchange.exchange import to_dict

    Journal.open(journal_db).close()  # the journal exists before the devices open it
    context = multiprocessing.get_context("spawn")
    importers = 3
    barrier, results = context.Barrier(importers), context.Queue()
    tasks = [context.Queue() for _ in range(importers)]
    devices = [context.Process(target=_importer, args=(journal_db, barrier, q, results)) for q in tasks]
    for d in devices:
        d.start()
    outcomes = []
    try:
        for round_ in range(ROUNDS):
            # A file made elsewhere: new ids each round, as another journal's export has.
            with Journal.open(tmp_path / f"elsewhere{round_}.sqlite3") as elsewhere:
                props = [elsewhere.add_proposition(f"round {round_} belief {n}") for n in range(5)]
                elsewhere.set_crux(props[1].id, props[0].id, 0.4, 0.6)
                elsewhere.check_in(props[0].id, 0.3)
                doc = to_dict(elsewhere.export_data())
            for q in tasks:
                q.put((round_, doc))
            outcomes += _heard(results, importers)
    finally:
        for q in tasks:
            q.put(None)
        for d in devices:
            d.join(timeout=120)
    assert all(said.startswith("imported ") for _round, said in outcomes), outcomes
    with Journal.open(journal_db) as journal:
        data = journal.export_data()
    assert len(data.propositions) == 5 * ROUNDS and len(data.crux_links) == ROUNDS
    assert sorted(p.handle for p in data.propositions) == list(range(1, 5 * ROUNDS + 1))
