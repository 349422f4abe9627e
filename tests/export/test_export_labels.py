"""Label placement: labels never overlap each other, a symbol or the frame's edge; the least important give way."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.staticmap.labels import LabelRequest, Placement, place_labels
from geo.staticmap.typesetting import measure

FRAME = (0.0, 0.0, 400.0, 300.0)


def box(placement: Placement) -> tuple[float, float, float, float]:
    """The box a placed label covers, in points (as matplotlib aligns text)."""
    request = placement.request
    width, height = measure(request.text, request.size, request.weight, request.style)
    left = request.x + placement.dx - {"left": 0, "right": width, "center": width / 2}[placement.ha]
    bottom = request.y + placement.dy - {"bottom": 0, "top": height, "center": height / 2}[placement.va]
    return left, bottom, left + width, bottom + height


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


requests = st.lists(
    st.builds(
        LabelRequest,
        text=st.sampled_from(["Idlib", "Saraqib", "Maarat al-Numan", "Jisr al-Shughur", "Qah", "Bab al-Hawa crossing"]),
        x=st.floats(0, 400),
        y=st.floats(0, 300),
        size=st.sampled_from([6.5, 7.5, 9.0]),
        weight=st.sampled_from(["normal", "bold"]),
    ),
    max_size=40,
)
obstacles = st.lists(st.tuples(st.floats(0, 380), st.floats(0, 280)), max_size=10)


@settings(deadline=None)  # the first label measured loads the font
@given(requests, obstacles)
def test_placed_labels_are_inside_the_frame_and_clear_of_each_other_and_of_obstacles(requests, corners) -> None:
    blocked = np.array([(x, y, x + 20, y + 20) for x, y in corners]).reshape(-1, 4)
    placed = [box(p) for p in place_labels(requests, FRAME, blocked)]
    for index, first in enumerate(placed):
        assert FRAME[0] <= first[0] and FRAME[1] <= first[1] and first[2] <= FRAME[2] and first[3] <= FRAME[3]
        assert not any(overlap(first, obstacle) for obstacle in blocked)
        assert not any(overlap(first, second) for second in placed[index + 1 :])


def test_the_first_requests_win_and_the_later_ones_give_way() -> None:
    crowd = [LabelRequest(f"Town {n}", 200, 150, 9.0) for n in range(30)]
    placed = place_labels(crowd, FRAME)
    assert 0 < len(placed) < len(crowd)
    assert [p.request.text for p in placed] == [r.text for r in crowd[: len(placed)]]


def test_a_label_goes_right_of_its_point_where_there_is_room() -> None:
    (placement,) = place_labels([LabelRequest("Idlib", 100, 100, 9.0, gap=4)], FRAME)
    assert (placement.ha, placement.va, placement.dx, placement.dy) == ("left", "center", 4, 0)


def test_a_label_at_the_right_edge_goes_left_of_its_point() -> None:
    (placement,) = place_labels([LabelRequest("Aleppo", 395, 150, 9.0, gap=4)], FRAME)
    assert placement.ha == "right"


def test_alternatives_of_one_group_are_placed_once() -> None:
    spots = [LabelRequest("SYRIA", x, 150, 10, centred=True, group="SYRIA") for x in (100, 200, 300)]
    assert len(place_labels(spots, FRAME)) == 1
