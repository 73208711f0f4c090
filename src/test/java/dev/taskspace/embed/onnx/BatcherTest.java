package dev.taskspace.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatcherTest {

    @Test
    void everyTextLandsInExactlyOneBatch() {
        int[] lengths = new Random(1).ints(500, 1, 400).toArray();
        List<int[]> batches = Batcher.plan(lengths, 4096, 1 << 22, 64);
        int[] seen = batches.stream().flatMapToInt(Arrays::stream).sorted().toArray();
        assertThat(seen).containsExactly(java.util.stream.IntStream.range(0, 500).toArray());
    }

    @Test
    void batchesRespectBothBudgetsAndTheBatchCap() {
        int[] lengths = new Random(2).ints(500, 1, 1500).toArray();
        for (int[] batch : Batcher.plan(lengths, 4096, 1 << 20, 32)) {
            long width = lengths[batch[0]];
            assertThat(Arrays.stream(batch).map(i -> lengths[i]).max().getAsInt()).as("first is longest").isEqualTo((int) width);
            assertThat(batch.length).isLessThanOrEqualTo(32);
            if (batch.length > 1) {
                assertThat(batch.length * width).isLessThanOrEqualTo(4096);
                assertThat(batch.length * width * width).isLessThanOrEqualTo(1 << 20);
            }
        }
    }

    @Test
    void aTextLongerThanTheBudgetGetsABatchOfItsOwn() {
        List<int[]> batches = Batcher.plan(new int[] {10, 9000, 10}, 4096, 1 << 22, 64);
        assertThat(batches.get(0)).containsExactly(1);
        assertThat(batches.get(1)).containsExactly(0, 2);
    }

    @Test
    void sortingByLengthKeepsPaddingLow() {
        int[] lengths = new Random(3).ints(800, 20, 1300).toArray();
        long real = Arrays.stream(lengths).asLongStream().sum();
        long padded = 0;
        for (int[] b : Batcher.plan(lengths, 4096, 4L << 20, 64)) padded += (long) b.length * lengths[b[0]];
        assertThat((double) (padded - real) / padded).isLessThan(0.05);
    }
}
