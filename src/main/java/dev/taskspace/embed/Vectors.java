package dev.taskspace.embed;

/** Small vector helpers shared by the backends. */
public final class Vectors {
    private Vectors() {}

    /**
     * The first {@code keep} values of {@code v} scaled to unit length (Matryoshka truncation,
     * then L2 normalisation), or null when they are all zero or not all finite.
     */
    public static float[] unitPrefix(float[] v, int keep) {
        return scale(v, keep, new float[keep]);
    }

    /**
     * As {@link #unitPrefix}, the same values, but scaling {@code v} itself when all of it is
     * kept (no copy): for a vector that nothing else holds yet.
     */
    public static float[] unitPrefixInPlace(float[] v, int keep) {
        return scale(v, keep, keep == v.length ? v : new float[keep]);
    }

    private static float[] scale(float[] v, int keep, float[] out) {
        double sum = 0;
        for (int i = 0; i < keep; i++) sum += (double) v[i] * v[i];
        if (!(sum > 0) || Double.isInfinite(sum)) return null;
        float inv = (float) (1.0 / Math.sqrt(sum));
        for (int i = 0; i < keep; i++) out[i] = v[i] * inv;
        return out;
    }
}
