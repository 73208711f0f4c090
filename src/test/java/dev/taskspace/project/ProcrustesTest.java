package dev.taskspace.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProcrustesTest {

    private static float[][] cloud(int n, long seed) {
        Random r = new Random(seed);
        float[][] p = new float[n][2];
        for (float[] q : p) {
            q[0] = (float) (r.nextGaussian() * 3 + 1);
            q[1] = (float) (r.nextGaussian() * 1.5 - 2);
        }
        return p;
    }

    /** {@code scale * R(angle) (mirror ? reflect : id) x + t}. */
    private static float[][] transform(float[][] p, double angle, boolean mirror, double scale, double tx, double ty) {
        float[][] out = new float[p.length][2];
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        for (int i = 0; i < p.length; i++) {
            double x = p[i][0];
            double y = mirror ? -p[i][1] : p[i][1];
            out[i][0] = (float) (scale * (c * x - s * y) + tx);
            out[i][1] = (float) (scale * (s * x + c * y) + ty);
        }
        return out;
    }

    @ParameterizedTest(name = "angle {0}, mirrored {1}, scale {2}")
    @CsvSource({"0.7, false, 2.5", "2.9, true, 0.3", "-1.2, true, 1.0", "0, false, 1"})
    void recoversARotatedReflectedScaledShiftedCopy(double angle, boolean mirror, double scale) {
        float[][] reference = cloud(500, 1);
        float[][] moving = transform(reference, angle, mirror, scale, 40, -7);

        Procrustes.Fit fit = Procrustes.fit(moving, reference, null);

        assertThat(fit.residual()).isLessThan(1e-6 * 10); // float32 coordinates: ~1e-6 relative
        assertThat(fit.reflects()).isEqualTo(mirror);
        assertThat(fit.scale()).isCloseTo(1 / scale, within(1e-6));
        float[][] back = fit.apply(moving);
        for (int i = 0; i < reference.length; i++) {
            assertThat((double) back[i][0]).isCloseTo(reference[i][0], within(1e-4));
            assertThat((double) back[i][1]).isCloseTo(reference[i][1], within(1e-4));
        }
    }

    @Test
    void residualIsBelowOneMillionthOnDoublePrecisionScaleData() {
        float[][] reference = cloud(200, 2);
        for (float[] p : reference) {
            p[0] = Math.round(p[0]);
            p[1] = Math.round(p[1]);
        }
        // Exact in float: a quarter turn, mirror, scale 2, integer shift.
        float[][] moving = new float[reference.length][2];
        for (int i = 0; i < reference.length; i++) {
            moving[i][0] = 2 * reference[i][1] + 3;
            moving[i][1] = 2 * reference[i][0] - 5;
        }
        assertThat(Procrustes.fit(moving, reference, null).residual()).isLessThan(1e-6);
    }

    @Test
    void weightsDecideWhichPointsAnchorTheFrame() {
        float[][] reference = cloud(100, 3);
        float[][] moving = transform(reference, 1.0, false, 1, 0, 0);
        // Half the points moved for real (the instruction changed them): scramble them.
        Random r = new Random(4);
        double[] w = new double[100];
        for (int i = 0; i < 100; i++) {
            if (i % 2 == 0) {
                moving[i][0] = (float) (r.nextGaussian() * 10);
                moving[i][1] = (float) (r.nextGaussian() * 10);
            } else {
                w[i] = 1;
            }
        }
        Procrustes.Fit anchored = Procrustes.fit(moving, reference, w);
        Procrustes.Fit plain = Procrustes.fit(moving, reference, null);
        assertThat(anchored.residual()).as("unchanged points land where they were").isLessThan(1e-4);
        assertThat(plain.residual()).isGreaterThan(1);
    }
}
