"""Maps of poles: département outlines and choropleths by région and département.

:func:`area_counts` counts the poles the data places in each région or
département; :func:`choropleth` draws them as PNG and SVG.  No network: the
names and régions come from INSEE's COG (:mod:`ptce_graph.geography`), the
outlines from an installed library (:mod:`ptce_graph.maps.basemap`).
"""

from ptce_graph.maps.choropleth import LEVELS, AreaCounts, MapFiles, area_counts, choropleth

__all__ = ["LEVELS", "AreaCounts", "MapFiles", "area_counts", "choropleth"]
