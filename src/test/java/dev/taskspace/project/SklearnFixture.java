package dev.taskspace.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskspace.internal.Npy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * A data set and scikit-learn's figures for it, written by scripts/sklearn_metric_fixtures.py.
 *
 * @param folds     scikit-learn's StratifiedKFold split of the labels
 * @param testFolds the folds the kNN accuracies were computed on (PredefinedSplit's test_fold)
 */
record SklearnFixture(float[][] x, float[][] layout, int[] labels, int[] folds, int[] testFolds, int nFolds, JsonNode expected) {

    static SklearnFixture load(String name) {
        try (InputStream in = SklearnFixture.class.getResourceAsStream(name + ".json")) {
            JsonNode json = new ObjectMapper().readTree(in);
            return new SklearnFixture(matrix(name + "-x.npy"), matrix(name + "-layout.npy"),
                    ints(json.get("labels")), ints(json.get("folds")), ints(json.get("test_folds")), json.get("n_folds").asInt(), json.get("expected"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static float[][] matrix(String resource) {
        try {
            return Npy.read(Path.of(SklearnFixture.class.getResource(resource).toURI()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    double figure(String key) {
        JsonNode v = expected.get(key);
        if (v == null || !v.isNumber()) throw new IllegalArgumentException("fixture has no figure " + key);
        return v.asDouble();
    }

    int[][] lists(String key) {
        JsonNode v = expected.get(key);
        int[][] out = new int[v.size()][];
        for (int i = 0; i < out.length; i++) out[i] = ints(v.get(i));
        return out;
    }

    double[] doubles(String key) {
        JsonNode v = expected.get(key);
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) out[i] = v.get(i).asDouble();
        return out;
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asInt();
        return out;
    }
}
