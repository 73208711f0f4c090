package dev.taskspace.project;

/**
 * The low-dimensional similarity curve of UMAP, {@code 1 / (1 + a d^(2b))}, fitted to the target
 * shape that {@code min_dist} and {@code spread} describe: 1 up to min_dist, then
 * {@code exp(-(d - min_dist) / spread)}. This is umap-learn's {@code find_ab_params}: a
 * least-squares fit on 300 evenly spaced points of [0, 3 spread], solved here with
 * Levenberg-Marquardt from a = b = 1 (as SciPy's {@code curve_fit} does). For min_dist 0.1 and
 * spread 1 it gives a = 1.5769, b = 0.8951.
 *
 * @param a the curve's scale
 * @param b the curve's exponent
 */
record UmapCurve(double a, double b) {
    private static final int POINTS = 300;

    /** The fitted curve for {@code minDist} and {@code spread} (spread &gt; 0, 0 &le; minDist). */
    static UmapCurve fit(double minDist, double spread) {
        if (!(spread > 0)) throw new IllegalArgumentException("spread must be positive, got " + spread);
        if (!(minDist >= 0)) throw new IllegalArgumentException("min_dist must not be negative, got " + minDist);
        double[] x = new double[POINTS];
        double[] y = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            x[i] = 3 * spread * i / (POINTS - 1);
            y[i] = x[i] < minDist ? 1 : Math.exp(-(x[i] - minDist) / spread);
        }
        double a = 1, b = 1, lambda = 1e-3;
        double cost = cost(x, y, a, b);
        for (int iter = 0; iter < 500; iter++) {
            // Normal equations of the Gauss-Newton step, J^T J and J^T r, for the two parameters.
            double jaa = 0, jab = 0, jbb = 0, ga = 0, gb = 0;
            for (int i = 0; i < POINTS; i++) {
                if (x[i] == 0) continue; // f = 1 and both derivatives vanish at 0
                double p = Math.pow(x[i], 2 * b);
                double f = 1 / (1 + a * p);
                double r = f - y[i];
                double da = -p * f * f;
                double db = -a * p * 2 * Math.log(x[i]) * f * f;
                jaa += da * da;
                jab += da * db;
                jbb += db * db;
                ga += da * r;
                gb += db * r;
            }
            boolean improved = false;
            while (lambda < 1e12) {
                double maa = jaa * (1 + lambda), mbb = jbb * (1 + lambda);
                double det = maa * mbb - jab * jab;
                double stepA = -(mbb * ga - jab * gb) / det;
                double stepB = -(maa * gb - jab * ga) / det;
                double trial = cost(x, y, a + stepA, b + stepB);
                if (trial < cost) {
                    double change = Math.abs(stepA) + Math.abs(stepB);
                    a += stepA;
                    b += stepB;
                    boolean converged = cost - trial <= 1e-15 * Math.max(1, cost) || change < 1e-12;
                    cost = trial;
                    lambda = Math.max(1e-12, lambda / 10);
                    improved = !converged;
                    break;
                }
                lambda *= 10;
            }
            if (!improved) break;
        }
        return new UmapCurve(a, b);
    }

    private static double cost(double[] x, double[] y, double a, double b) {
        if (!(a > 0) || !(b > 0)) return Double.POSITIVE_INFINITY;
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double r = 1 / (1 + a * Math.pow(x[i], 2 * b)) - y[i];
            s += r * r;
        }
        return s;
    }
}
