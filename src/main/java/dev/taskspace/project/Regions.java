package dev.taskspace.project;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Groups a 2-D layout's points into regions: the dense areas a person sees as islands and
 * lumps on the map, which the page then names.
 *
 * <p>How: the points are counted on a square grid ({@link #grid}: 4 sqrt(n) cells along the longer
 * side of the 0.5th-99.5th percentile box, 64 to {@value #GRID}) and the counts smoothed with a Gaussian of
 * {@value #SIGMA} cells: a density. Cells are then joined by topological persistence (ToMATo,
 * Chazal, Guibas, Oudot, Skraba 2013, on the grid graph): taken from the densest down, a cell
 * joins the region of its densest processed neighbour; where two regions meet, the one with the
 * lower peak is merged into the other when its peak stands less than {@value #PROMINENCE} of its
 * height above the meeting point, or when either holds fewer than {@link #minSize} points so far
 * (a ripple of noise in one lump). Regions that stay apart are separate islands or lumps with a
 * clear valley between them. Cells thinner than {@value #FLOOR} of the median occupied cell and
 * regions with fewer than {@link #minSize} points are left unassigned (-1).
 *
 * <p>Why not HDBSCAN: Tribuo's HDBSCAN (4.3.2, KD-tree neighbours) takes 25 s for one 17,038-point
 * 2-D layout on this machine (BENCHMARKS.md), 100 s for the four tasks of 20 Newsgroups, and
 * builds its spanning tree over all pairs (quadratic: minutes at 100,000). This takes
 * milliseconds (n + grid cells), is deterministic and has no parameters that depend on n
 * beyond the least region size. It works on the layout, not the full vectors, because the
 * labels are drawn on the layout: a region must be a place on the screen.
 */
public final class Regions {
    static final int GRID = 128;
    static final double SIGMA = 1.5;
    static final double PROMINENCE = 0.5;
    static final double FLOOR = 0.05;
    /** At most this many regions (the largest): more labels than this do not fit on a screen. */
    static final int MAX_REGIONS = 40;

    private Regions() {}

    /**
     * The smoothing in cells for n points: {@value #SIGMA} at 17,038 points, wider for fewer
     * (as n^(-1/6), the rate of Scott's rule for a 2-D kernel density), 1 to 4 cells.
     */
    static double sigma(int n) {
        return Math.max(1, Math.min(4, SIGMA * Math.pow(17_038.0 / n, 1 / 6.0)));
    }

    /** Grid cells along the longer side for n points. */
    static int grid(int n) {
        return GRID;
    }

    /** The least number of points of a region: 0.5% of n, at least 5. */
    static int minSize(int n) {
        return Math.max(5, n / 200);
    }

    /**
     * @param layout [n][2] points (non-finite ones are left out)
     * @return [n] region of each point, 0..r-1 numbered by size (largest first), -1 for none
     */
    public static int[] find(float[][] layout) {
        int n = layout.length;
        int[] out = new int[n];
        Arrays.fill(out, -1);
        if (n < 10) return out;
        double[] xs = new double[n], ys = new double[n];
        int m = 0;
        for (float[] p : layout) {
            if (Float.isFinite(p[0]) && Float.isFinite(p[1])) {
                xs[m] = p[0];
                ys[m++] = p[1];
            }
        }
        if (m < 10) return out;
        double[] sx = Arrays.copyOf(xs, m), sy = Arrays.copyOf(ys, m);
        Arrays.sort(sx);
        Arrays.sort(sy);
        double x0 = sx[(int) (0.005 * (m - 1))], x1 = sx[(int) Math.ceil(0.995 * (m - 1))];
        double y0 = sy[(int) (0.005 * (m - 1))], y1 = sy[(int) Math.ceil(0.995 * (m - 1))];
        double cell = Math.max(x1 - x0, y1 - y0) / grid(m);
        if (!(cell > 0)) return out;
        int pad = (int) Math.ceil(3 * sigma(m));
        int w = (int) Math.ceil((x1 - x0) / cell) + 1 + 2 * pad, h = (int) Math.ceil((y1 - y0) / cell) + 1 + 2 * pad;
        int[] cellOf = new int[n];
        double[] counts = new double[w * h];
        for (int i = 0; i < n; i++) {
            float[] p = layout[i];
            cellOf[i] = -1;
            if (!Float.isFinite(p[0]) || !Float.isFinite(p[1])) continue;
            int cx = (int) Math.floor((p[0] - x0) / cell) + pad, cy = (int) Math.floor((p[1] - y0) / cell) + pad;
            if (cx < pad || cy < pad || cx >= w - pad || cy >= h - pad) continue; // a far outlier
            cellOf[i] = cy * w + cx;
            counts[cellOf[i]]++;
        }
        double[] density = blur(counts, w, h, sigma(m));
        int[] root = persistence(density, counts, w, h, minSize(n));
        // Cell regions -> point regions, small ones dropped, numbered by size.
        int[] size = new int[w * h];
        for (int i = 0; i < n; i++) if (cellOf[i] >= 0 && root[cellOf[i]] >= 0) size[root[cellOf[i]]]++;
        List<int[]> kept = new ArrayList<>(); // {root, size}
        for (int c = 0; c < size.length; c++) if (size[c] >= minSize(n)) kept.add(new int[] {c, size[c]});
        kept.sort((a, b) -> a[1] != b[1] ? Integer.compare(b[1], a[1]) : Integer.compare(a[0], b[0]));
        int[] number = new int[w * h];
        Arrays.fill(number, -1);
        for (int r = 0; r < Math.min(MAX_REGIONS, kept.size()); r++) number[kept.get(r)[0]] = r;
        for (int i = 0; i < n; i++) if (cellOf[i] >= 0 && root[cellOf[i]] >= 0) out[i] = number[root[cellOf[i]]];
        return out;
    }

    /** Separable Gaussian smoothing of a [h][w] grid (zero outside). */
    static double[] blur(double[] grid, int w, int h, double sigma) {
        int r = (int) Math.ceil(3 * sigma);
        double[] kernel = new double[2 * r + 1];
        for (int k = -r; k <= r; k++) kernel[k + r] = Math.exp(-k * k / (2 * sigma * sigma));
        double[] tmp = new double[w * h], out = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = grid[y * w + x];
                if (v == 0) continue;
                for (int k = -r; k <= r; k++) if (x + k >= 0 && x + k < w) tmp[y * w + x + k] += v * kernel[k + r];
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = tmp[y * w + x];
                if (v == 0) continue;
                for (int k = -r; k <= r; k++) if (y + k >= 0 && y + k < h) out[(y + k) * w + x] += v * kernel[k + r];
            }
        }
        return out;
    }

    /** ToMATo on the grid: each cell's region (a root cell), or -1 for cells below the floor. */
    private static int[] persistence(double[] density, double[] counts, int w, int h, int minSize) {
        int cells = w * h;
        // The floor: a share of the median density of the cells that hold points.
        double[] occupied = java.util.stream.IntStream.range(0, cells).filter(c -> counts[c] > 0).mapToDouble(c -> density[c]).sorted().toArray();
        double floor = occupied.length == 0 ? Double.POSITIVE_INFINITY : FLOOR * occupied[occupied.length / 2];
        Integer[] order = java.util.stream.IntStream.range(0, cells).filter(c -> density[c] >= floor).boxed().toArray(Integer[]::new);
        // Densest first; equal densities by index, so the result does not depend on the sort.
        Arrays.sort(order, (a, b) -> density[a] != density[b] ? Double.compare(density[b], density[a]) : Integer.compare(a, b));
        int[] parent = new int[cells];
        Arrays.fill(parent, -1);
        double[] mass = new double[cells]; // points of each region so far, at its root
        for (int c : order) {
            int cx = c % w, cy = c / w;
            int best = -1;
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    int x = cx + dx, y = cy + dy;
                    if ((dx == 0 && dy == 0) || x < 0 || y < 0 || x >= w || y >= h) continue;
                    int d = y * w + x;
                    if (parent[d] < 0) continue; // not processed yet: less dense
                    int r = find(parent, d);
                    if (best < 0 || density[r] > density[find(parent, best)]) best = r;
                }
            }
            if (best < 0) {
                parent[c] = c; // a peak
                mass[c] = counts[c];
                continue;
            }
            int g = find(parent, best);
            parent[c] = g;
            mass[g] += counts[c];
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    int x = cx + dx, y = cy + dy;
                    if ((dx == 0 && dy == 0) || x < 0 || y < 0 || x >= w || y >= h) continue;
                    int d = y * w + x;
                    if (parent[d] < 0) continue;
                    int r = find(parent, d);
                    g = find(parent, g);
                    if (r == g) continue;
                    int low = density[r] < density[g] || (density[r] == density[g] && r > g) ? r : g;
                    int high = low == r ? g : r;
                    // a low peak, or a region too small to keep so far (a ripple of noise), joins the other
                    if (density[low] - density[c] < PROMINENCE * density[low] || mass[low] < minSize || mass[high] < minSize) {
                        parent[low] = high;
                        mass[high] += mass[low];
                    }
                }
            }
        }
        int[] root = new int[cells];
        for (int c = 0; c < cells; c++) root[c] = parent[c] < 0 ? -1 : find(parent, c);
        return root;
    }

    private static int find(int[] parent, int c) {
        while (parent[c] != c) {
            parent[c] = parent[parent[c]];
            c = parent[c];
        }
        return c;
    }
}
