"""Fixtures of the metrics tests (the fictional kitchen pole is in kitchen_pole.py)."""

from __future__ import annotations

import pytest
from kitchen_pole import build_kitchen_pole

from ptce_graph.model import Pole


@pytest.fixture
def kitchen() -> Pole:
    return build_kitchen_pole()
