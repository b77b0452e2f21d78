"""Loops among crux links: found whatever their length, however long the chains around them."""

from beliefupdate.domain.crux_graph import LinkGraph, links_in_loops, loop_through_each, loops


def test_a_link_that_would_close_a_loop_is_told_with_the_loop():
    graph = LinkGraph([("b", "a"), ("a", "c")])
    assert graph.loop_closed_by("c", "b") == ["c", "b", "a", "c"]
    assert graph.loop_closed_by("b", "c") is None  # a second way from b to c is no loop


def test_each_loop_is_found_once_and_only_its_links_are_in_it():
    links = [("1", "2"), ("2", "1"), ("3", "4"), ("4", "5"), ("5", "3"), ("5", "6"), ("7", "1")]
    assert loops(links) == [["1", "2", "1"], ["3", "4", "5", "3"]]
    assert links_in_loops(links) == {("1", "2"), ("2", "1"), ("3", "4"), ("4", "5"), ("5", "3")}
    assert loop_through_each(links)[("5", "3")] == ["5", "3", "4", "5"]
    assert loops([("1", "2"), ("2", "3")]) == [] and loop_through_each([]) == {}


def test_a_chain_of_many_thousand_links_needs_no_recursion():
    n = 20_000
    links = [(str(i), str(i + 1)) for i in range(n)] + [(str(n), "0")]
    assert len(links_in_loops(links)) == n + 1
    assert len(loops(links)[0]) == n + 2
