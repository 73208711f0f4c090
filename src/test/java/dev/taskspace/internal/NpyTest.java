package dev.taskspace.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    private static final float[][] MATRIX = {{1.0f, -2.5f, 3.25f}, {0.0f, 1e-7f, -1e30f}};

    @TempDir
    Path dir;

    private static Path numpyFile() throws URISyntaxException {
        return Path.of(NpyTest.class.getResource("numpy-2x3.npy").toURI());
    }

    @Test
    void writesExactlyWhatNumpyWrites() throws Exception {
        Path ours = dir.resolve("m.npy");
        Npy.write(ours, MATRIX);
        assertThat(Files.readAllBytes(ours)).isEqualTo(Files.readAllBytes(numpyFile()));
    }

    @Test
    void readsWhatNumpyWrites() throws Exception {
        assertThat(Npy.read(numpyFile())).isDeepEqualTo(MATRIX);
    }

    @Test
    void roundTripsLargerMatricesWithAlignedHeaders() throws IOException {
        float[][] m = new float[1000][384];
        java.util.Random r = new java.util.Random(1);
        for (float[] row : m) for (int i = 0; i < row.length; i++) row[i] = (float) r.nextGaussian();
        Path f = dir.resolve("big.npy");
        Npy.write(f, m);
        assertThat(Npy.read(f)).isDeepEqualTo(m);
        assertThat((Files.size(f) - 1000L * 384 * 4) % 64).as("header padded to 64 bytes").isZero();
    }

    @Test
    void refusesOtherFilesClearly() throws IOException {
        Path junk = Files.writeString(dir.resolve("x.npy"), "not numpy");
        assertThatThrownBy(() -> Npy.read(junk)).hasMessageContaining("is not a .npy file");
        Path cut = dir.resolve("cut.npy");
        Npy.write(cut, MATRIX);
        Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(cut), (int) Files.size(cut) - 5));
        assertThatThrownBy(() -> Npy.read(cut)).hasMessageContaining("truncated");
    }
}
