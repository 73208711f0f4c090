package dev.taskspace.project;

/**
 * Orthogonal Procrustes with scale in 2-D: the rotation (or reflection), uniform scale and
 * translation that bring one layout onto another with the least weighted squared distance.
 *
 * <p>It is how task layouts share one frame: each task keeps its own UMAP fit, and only the
 * motion that carries no meaning — which way the picture is turned, mirrored, how big it is,
 * where it sits — is removed. A similarity transform keeps every distance ratio, so a task's
 * trustworthiness is exactly that of its independent fit.
 */
public final class Procrustes {
    /** The weight every document has in an alignment, however far the instruction moved it. */
    public static final double BASE_WEIGHT = 0.05;

    private Procrustes() {}

    /**
     * How much each document anchors a task's layout onto the reference's: the overlap (Jaccard)
     * of its nearest neighbours under the two, plus {@link #BASE_WEIGHT}. Documents the
     * instruction did not move anchor the frame; the ones it moved are free to move, and every
     * one counts a little, so that a task that moved everything is still aligned.
     *
     * @param reference [n][k] neighbours under the reference task
     * @param task      [n][k] neighbours under the task being aligned
     * @return [n] weights for {@link #fit}
     */
    public static double[] anchorWeights(int[][] reference, int[][] task) {
        double[] w = Metrics.jaccard(reference, task);
        for (int i = 0; i < w.length; i++) w[i] += BASE_WEIGHT;
        return w;
    }

    /**
     * A fitted transform {@code y = scale * R x + t}.
     *
     * @param scale       uniform scale
     * @param r           the 2x2 orthogonal matrix, row-major {r00, r01, r10, r11}
     * @param t           translation {tx, ty}
     * @param residual    the weighted root-mean-square distance after alignment
     */
    public record Fit(double scale, double[] r, double[] t, double residual) {
        /** Whether the transform mirrors the layout. */
        public boolean reflects() {
            return r[0] * r[3] - r[1] * r[2] < 0;
        }

        /** Applies the transform to points [n][2]. */
        public float[][] apply(float[][] points) {
            float[][] out = new float[points.length][2];
            for (int i = 0; i < points.length; i++) {
                double x = points[i][0];
                double y = points[i][1];
                out[i][0] = (float) (scale * (r[0] * x + r[1] * y) + t[0]);
                out[i][1] = (float) (scale * (r[2] * x + r[3] * y) + t[1]);
            }
            return out;
        }
    }

    /**
     * The transform of {@code moving} onto {@code reference} (same points, same order).
     *
     * @param moving    [n][2]
     * @param reference [n][2]
     * @param weights   [n] non-negative, not all zero; null for equal weights
     */
    public static Fit fit(float[][] moving, float[][] reference, double[] weights) {
        int n = moving.length;
        if (reference.length != n) throw new IllegalArgumentException("layouts of " + n + " and " + reference.length + " points");
        double wsum = 0;
        double[] mc = new double[2];
        double[] rc = new double[2];
        for (int i = 0; i < n; i++) {
            double w = weights == null ? 1 : weights[i];
            wsum += w;
            mc[0] += w * moving[i][0];
            mc[1] += w * moving[i][1];
            rc[0] += w * reference[i][0];
            rc[1] += w * reference[i][1];
        }
        if (!(wsum > 0)) throw new IllegalArgumentException("the weights must not all be zero");
        mc[0] /= wsum;
        mc[1] /= wsum;
        rc[0] /= wsum;
        rc[1] /= wsum;
        // m = sum w (x - mc)(y - rc)^T, 2x2; var = sum w |x - mc|^2
        double m00 = 0, m01 = 0, m10 = 0, m11 = 0, var = 0;
        for (int i = 0; i < n; i++) {
            double w = weights == null ? 1 : weights[i];
            double x0 = moving[i][0] - mc[0];
            double x1 = moving[i][1] - mc[1];
            double y0 = reference[i][0] - rc[0];
            double y1 = reference[i][1] - rc[1];
            m00 += w * x0 * y0;
            m01 += w * x0 * y1;
            m10 += w * x1 * y0;
            m11 += w * x1 * y1;
            var += w * (x0 * x0 + x1 * x1);
        }
        // Rotation R(θ) maximises trace(R^T-applied correlation): c(m00+m11) + s(m01-m10).
        double rotC = m00 + m11;
        double rotS = m01 - m10;
        double rotValue = Math.hypot(rotC, rotS);
        // Reflection then rotation: x1 -> -x1 flips the second row of m.
        double refC = m00 - m11;
        double refS = m01 + m10;
        double refValue = Math.hypot(refC, refS);
        double[] r;
        double value;
        if (refValue > rotValue) {
            double th = Math.atan2(refS, refC);
            double c = Math.cos(th);
            double s = Math.sin(th);
            r = new double[] {c, s, s, -c}; // R(θ) · diag(1, -1)
            value = refValue;
        } else {
            double th = Math.atan2(rotS, rotC);
            double c = Math.cos(th);
            double s = Math.sin(th);
            r = new double[] {c, -s, s, c};
            value = rotValue;
        }
        double scale = var > 0 ? value / var : 1;
        double[] t = {rc[0] - scale * (r[0] * mc[0] + r[1] * mc[1]), rc[1] - scale * (r[2] * mc[0] + r[3] * mc[1])};
        Fit unscored = new Fit(scale, r, t, 0);
        float[][] moved = unscored.apply(moving);
        double err = 0;
        for (int i = 0; i < n; i++) {
            double w = weights == null ? 1 : weights[i];
            double dx = moved[i][0] - reference[i][0];
            double dy = moved[i][1] - reference[i][1];
            err += w * (dx * dx + dy * dy);
        }
        return new Fit(scale, r, t, Math.sqrt(err / wsum));
    }
}
