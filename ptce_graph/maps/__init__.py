"""Maps of poles: INSEE's geographic code, département outlines, choropleths by région and département.

:func:`area_counts` counts the poles the data places in each région or
département; :func:`choropleth` draws them as PNG and SVG.  No network: the
codes are a packaged table (:mod:`ptce_graph.maps.cog`), the outlines come
from an installed library (:mod:`ptce_graph.maps.basemap`).
"""

from ptce_graph.maps.choropleth import LEVELS, AreaCounts, MapFiles, area_counts, choropleth

__all__ = ["LEVELS", "AreaCounts", "MapFiles", "area_counts", "choropleth"]
