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

    @Test
    void aHeaderWhoseShapeDisagreesWithTheFileSizeFailsBeforeAnyAllocation() throws IOException {
        Path f = dir.resolve("huge.npy");
        Npy.write(f, new float[][] {{1, 2}, {3, 4}});
        String s = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(f, s.replace("(2, 2), }          ", "(2000000000, 2000), }").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> Npy.read(f)).hasMessage(f + " is truncated");
        Files.write(f, s.replace("(2, 2), }  ", "(99999999999, 2), }").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> Npy.read(f)).hasMessageContaining("cannot be read");
        Files.write(f, s.replace("(2, 2), }", "(1, 2), }").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> Npy.read(f)).hasMessage(f + " has bytes after its 1 x 2 matrix");
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(NpyTest.class.getResource(name).toURI());
    }

    @Test
    void writesFloat16ExactlyAsNumpyRoundsIt() throws Exception {
        // numpy's astype(float16) of values probing ties, subnormals and overflow (scripts/npy_fixture.py)
        float[][] in = Npy.read(fixture("float16-in-f4.npy"));
        Path ours = dir.resolve("h.npy");
        Npy.write(ours, in, true);
        assertThat(Files.readAllBytes(ours)).isEqualTo(Files.readAllBytes(fixture("float16-out-f2.npy")));
    }

    @Test
    void readsFloat16IntoTheExactFloats() throws Exception {
        assertThat(Npy.read(fixture("float16-out-f2.npy"))).isDeepEqualTo(Npy.read(fixture("float16-back-f4.npy")));
    }

    @Test
    void refusesOtherDtypesSayingWhichItFound() throws IOException {
        Path f = dir.resolve("f8.npy");
        byte[] bytes = Files.readAllBytes(writeTo(dir.resolve("m.npy")));
        String s = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).replace("<f4", "<f8");
        Files.write(f, s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> Npy.read(f)).hasMessageContaining("float32 or float16").hasMessageContaining("<f8");
    }

    private static Path writeTo(Path f) throws IOException {
        Npy.write(f, MATRIX);
        return f;
    }
}
