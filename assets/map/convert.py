"""Converts Natural Earth 1:10m layers into assets/map/yrd.json, the
Yangtze River Delta map of the 3D viewer. Run once by hand; the viewer
never fetches anything.

    pip install pyshp mapbox_earcut
    python3 assets/map/convert.py NATURAL_EARTH_10M_FOLDER assets/map/yrd.json

The folder holds ne_10m_land, ne_10m_lakes, ne_10m_coastline and
ne_10m_admin_1_states_provinces_lines (.shp and .shx), as distributed at
https://www.naturalearthdata.com/ (public domain).
"""

import json
import sys

import mapbox_earcut
import numpy as np
import shapefile

# The map's bounds [degrees]; scenario locations must fall inside them
# (src/scenario/limits.rs keeps the same numbers).
SOUTH, WEST, NORTH, EAST = 27.0, 117.5, 32.5, 124.0
# Douglas-Peucker tolerance [degrees], about 1 km.
TOLERANCE = 0.008
# Polygons smaller than this [square degrees] are dropped (specks).
MIN_AREA = 0.0004


def clip_ring(ring):
    """Sutherland-Hodgman clipping of a closed ring to the bounds."""
    def clip(points, inside, cut):
        out = []
        for i, p in enumerate(points):
            q = points[i - 1]
            if inside(p):
                if not inside(q):
                    out.append(cut(q, p))
                out.append(p)
            elif inside(q):
                out.append(cut(q, p))
        return out

    def at_x(x):
        return lambda a, b: (x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]))

    def at_y(y):
        return lambda a, b: (a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y)

    pts = ring
    for inside, cut in [
        (lambda p: p[0] >= WEST, at_x(WEST)),
        (lambda p: p[0] <= EAST, at_x(EAST)),
        (lambda p: p[1] >= SOUTH, at_y(SOUTH)),
        (lambda p: p[1] <= NORTH, at_y(NORTH)),
    ]:
        if not pts:
            break
        pts = clip(pts, inside, cut)
    return pts


def inside(p):
    return WEST <= p[0] <= EAST and SOUTH <= p[1] <= NORTH


def simplify(points, tol):
    """Douglas-Peucker on an open polyline (iterative)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    pts = np.asarray(points)
    while stack:
        a, b = stack.pop()
        if b <= a + 1:
            continue
        seg = pts[b] - pts[a]
        rel = pts[a + 1:b] - pts[a]
        norm = np.hypot(*seg)
        if norm == 0:
            d = np.hypot(rel[:, 0], rel[:, 1])
        else:
            d = np.abs(seg[0] * rel[:, 1] - seg[1] * rel[:, 0]) / norm
        k = int(np.argmax(d))
        if d[k] > tol:
            m = a + 1 + k
            keep[m] = True
            stack += [(a, m), (m, b)]
    return [p for p, k in zip(points, keep) if k]


def area(ring):
    return 0.5 * sum(
        ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1] for i in range(len(ring))
    )


def rings(shape):
    parts = list(shape.parts) + [len(shape.points)]
    return [shape.points[parts[i]:parts[i + 1]] for i in range(len(parts) - 1)]


def polygons(path):
    """Triangles of every polygon of a layer within the bounds."""
    vertices, triangles = [], []
    for shape in shapefile.Reader(path).shapes():
        for ring in rings(shape):
            # Holes are not needed at this scale: lakes are drawn on top.
            if area(ring) > 0:  # shapefile outer rings are clockwise
                pass
            clipped = clip_ring([tuple(p) for p in ring])
            if len(clipped) < 3:
                continue
            closed = clipped + [clipped[0]]
            simple = simplify(closed, TOLERANCE)[:-1]
            if len(simple) < 3 or abs(area(simple)) < MIN_AREA:
                continue
            if area(simple) < 0:
                simple = simple[::-1]
            flat = np.asarray(simple, dtype=np.float64).reshape(-1, 2)
            tris = mapbox_earcut.triangulate_float64(flat, np.array([len(simple)], dtype=np.uint32))
            base = len(vertices)
            vertices += [[round(x, 4), round(y, 4)] for x, y in simple]
            triangles += [int(base + t) for t in tris]
    return {"vertices": vertices, "triangles": triangles}


def lines(path):
    """Polylines of a layer, cut where they leave the bounds."""
    out = []
    for shape in shapefile.Reader(path).shapes():
        for part in rings(shape):
            run = []
            for p in part:
                if inside(p):
                    run.append(p)
                else:
                    if len(run) > 1:
                        out.append(run)
                    run = []
            if len(run) > 1:
                out.append(run)
    return [
        [[round(x, 4), round(y, 4)] for x, y in simplify(r, TOLERANCE)]
        for r in out
        if len(simplify(r, TOLERANCE)) > 1
    ]


def main(folder, target):
    doc = {
        "attribution": "Made with Natural Earth (public domain): 1:10m land, lakes, coastline and admin-1 lines.",
        "bounds": {"south": SOUTH, "west": WEST, "north": NORTH, "east": EAST},
        "land": polygons(f"{folder}/ne_10m_land"),
        "lakes": polygons(f"{folder}/ne_10m_lakes"),
        "coast": lines(f"{folder}/ne_10m_coastline"),
        "provinces": lines(f"{folder}/ne_10m_admin_1_states_provinces_lines"),
    }
    with open(target, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
