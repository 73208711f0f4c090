package dev.taskspace.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PoolingTest {
    // [batch 2, seq 3, dim 2]: row 0 left-padded (pad, a, b); row 1 right-padded (c, d, pad)
    private final float[] hidden = {9, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9};
    private final long[] mask = {0, 1, 1, 1, 1, 0};

    private float[] pool(Pooling p, int row) {
        float[] out = new float[2];
        p.pool(hidden, mask, row, 3, 2, out);
        return out;
    }

    @Test
    void lastTokenIsTheLastRealPositionWhateverThePaddingSide() {
        assertThat(pool(Pooling.LAST_TOKEN, 0)).containsExactly(3, 4);
        assertThat(pool(Pooling.LAST_TOKEN, 1)).containsExactly(7, 8);
    }

    @Test
    void clsIsTheFirstRealPosition() {
        assertThat(pool(Pooling.CLS, 0)).containsExactly(1, 2);
        assertThat(pool(Pooling.CLS, 1)).containsExactly(5, 6);
    }

    @Test
    void meanIgnoresPadding() {
        assertThat(pool(Pooling.MEAN, 0)).containsExactly(2, 3);
        assertThat(pool(Pooling.MEAN, 1)).containsExactly(6, 7);
    }

    @Test
    void normalisingTruncatesFirstThenScalesToUnitLength() {
        float[] v = OnnxEmbedder.normalised(new float[] {3, 4, 100}, 2);
        assertThat(v).containsExactly(0.6f, 0.8f);
    }
}
