package dev.taskspace.project;

/**
 * What changed between two tasks beyond drift ({@link dev.taskspace.map.Drift}): the
 * category-to-category neighbour counts the page's change view shows.
 */
public final class Change {
    private Change() {}

    /**
     * How categories neighbour each other: counts[a][b] = how many times a neighbour of a
     * document of category a (in the k-NN lists) has category b. Documents and neighbours
     * without a category are left out. The diagonal's share of a row is how much a category
     * keeps to itself; off-diagonal cells that grow from one task to another are categories
     * that came together.
     *
     * @param knn    [n][k] neighbour lists
     * @param codes  [n] category code per document, -1 for none
     * @param labels number of categories
     * @return [labels][labels] counts
     */
    public static int[][] categoryNeighbours(int[][] knn, int[] codes, int labels) {
        if (knn.length != codes.length) throw new IllegalArgumentException(knn.length + " lists for " + codes.length + " documents");
        int[][] counts = new int[labels][labels];
        for (int i = 0; i < knn.length; i++) {
            if (codes[i] < 0) continue;
            for (int j : knn[i]) if (j >= 0 && j < codes.length && j != i && codes[j] >= 0) counts[codes[i]][codes[j]]++;
        }
        return counts;
    }

    static double mean(float[] v) {
        double s = 0;
        for (float x : v) s += x;
        return v.length == 0 ? Double.NaN : s / v.length;
    }
}
