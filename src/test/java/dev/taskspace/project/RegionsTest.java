package dev.taskspace.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegionsTest {
    /** Blobs of the given sizes at the given centres, points in blob order. */
    private static float[][] blobs(double[][] centres, int[] sizes, double spread, long seed) {
        Random r = new Random(seed);
        int n = 0;
        for (int s : sizes) n += s;
        float[][] out = new float[n][2];
        int i = 0;
        for (int b = 0; b < sizes.length; b++) {
            for (int j = 0; j < sizes[b]; j++, i++) {
                out[i][0] = (float) (centres[b][0] + r.nextGaussian() * spread);
                out[i][1] = (float) (centres[b][1] + r.nextGaussian() * spread);
            }
        }
        return out;
    }

    @Test
    void separateBlobsBecomeOneRegionEachNumberedBySize() {
        int[] sizes = {300, 200, 100};
        float[][] xy = blobs(new double[][] {{0, 0}, {20, 0}, {10, 15}}, sizes, 1.0, 3);
        int[] regions = Regions.find(xy);
        int start = 0;
        Set<Integer> seen = new HashSet<>();
        for (int b = 0; b < sizes.length; b++) {
            int[] counts = new int[10];
            int none = 0;
            for (int i = start; i < start + sizes[b]; i++) {
                if (regions[i] < 0) none++;
                else counts[regions[i]]++;
            }
            assertThat(counts[b]).as("blob %d's points in region %d (largest first)", b, b).isGreaterThanOrEqualTo(sizes[b] - none);
            assertThat(none).as("blob %d's points left out", b).isLessThan(sizes[b] / 10);
            seen.add(b);
            start += sizes[b];
        }
        assertThat(seen).hasSize(3);
        assertThat(java.util.Arrays.stream(regions).max().getAsInt()).isEqualTo(2);
    }

    @Test
    void twoLumpsJoinedByAThinBridgeStayApartButOneLumpIsOneRegion() {
        // two dense lumps 8 apart with a sparse line of points between them
        float[][] lumps = blobs(new double[][] {{0, 0}, {8, 0}}, new int[] {400, 400}, 1.0, 5);
        float[][] xy = new float[lumps.length + 40][];
        System.arraycopy(lumps, 0, xy, 0, lumps.length);
        for (int i = 0; i < 40; i++) xy[lumps.length + i] = new float[] {i * 0.2f, 0};
        int[] regions = Regions.find(xy);
        assertThat(regions[0]).isNotEqualTo(regions[400]);
        float[][] one = blobs(new double[][] {{0, 0}}, new int[] {800}, 1.0, 6);
        int[] single = Regions.find(one);
        assertThat(java.util.Arrays.stream(single).filter(r -> r != 0).count()).as("points outside the one region").isLessThan(single.length / 20);
    }

    @Test
    void theSameLayoutGivesTheSameRegions() {
        float[][] xy = blobs(new double[][] {{0, 0}, {5, 5}, {9, 1}}, new int[] {250, 250, 250}, 1.5, 9);
        assertThat(Regions.find(xy)).isEqualTo(Regions.find(xy));
    }

    @Test
    void tinyOrDegenerateLayoutsHaveNoRegions() {
        assertThat(Regions.find(new float[][] {{0, 0}, {1, 1}})).containsExactly(-1, -1);
        float[][] same = new float[50][];
        for (int i = 0; i < 50; i++) same[i] = new float[] {1, 1};
        assertThat(Regions.find(same)).containsOnly(-1);
        assertThat(List.of(Regions.minSize(800), Regions.minSize(17_038), Regions.minSize(100_000))).containsExactly(5, 85, 500);
    }
}
