package dev.taskspace.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tutorial's picture from made-up layouts, and {@link PictureCheck} telling a good one from a broken one. */
class TwoPanelPlotTest {
    @TempDir
    Path dir;

    /** n points in clusters, one per category; labels[i] = i % categories. */
    private static float[][] clusters(int n, int categories, long seed) {
        Random r = new Random(seed);
        float[][] p = new float[n][];
        for (int i = 0; i < n; i++) {
            double angle = 2 * Math.PI * (i % categories) / categories;
            p[i] = new float[] {(float) (10 * Math.cos(angle) + r.nextGaussian()), (float) (10 * Math.sin(angle) + r.nextGaussian())};
        }
        return p;
    }

    private static List<String> names(int categories) {
        return IntStream.range(0, categories).mapToObj(c -> "category.number." + c).toList();
    }

    private BufferedImage draw(int n, int categories, int[] labels) throws Exception {
        TwoPanelPlot.Panel left = new TwoPanelPlot.Panel("default", "no instruction", clusters(n, categories, 1), "figures");
        TwoPanelPlot.Panel right = new TwoPanelPlot.Panel("sentiment",
                "\u201cClassify the sentiment of the given text as positive, negative, or neutral\u201d", clusters(n, categories, 2),
                "figures");
        Path png = TwoPanelPlot.write(dir.resolve("sub/picture.png"), "A title", "a model", left, right, names(categories), labels);
        return ImageIO.read(png.toFile());
    }

    @Test
    void twoPanelsOfColouredPointsTitlesAndALegend() throws Exception {
        BufferedImage image = draw(100, 10, IntStream.range(0, 100).map(i -> i % 10).toArray());
        assertThat(image.getWidth()).isEqualTo(2 * TwoPanelPlot.PANEL);
        assertThat(PictureCheck.problems(image, 100)).isEmpty();
    }

    @Test
    void aBlankPanelIsNoticed() throws Exception {
        BufferedImage image = draw(100, 10, IntStream.range(0, 100).map(i -> i % 10).toArray());
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(TwoPanelPlot.PANEL, PictureCheck.TOP + 60, TwoPanelPlot.PANEL, image.getHeight() - PictureCheck.LEGEND - PictureCheck.TOP - 60);
        g.dispose();
        assertThat(PictureCheck.problems(image, 100)).anyMatch(p -> p.startsWith("right panel: 0 plotted pixels"))
                .noneMatch(p -> p.startsWith("left panel"));
    }

    @Test
    void pointsAllOfOneColourAreNoticed() throws Exception {
        BufferedImage image = draw(100, 10, new int[100]);
        assertThat(PictureCheck.problems(image, 100)).contains("left panel: points in 1 colours, expected 6 or more",
                "right panel: points in 1 colours, expected 6 or more");
    }

    @Test
    void twentyCategoriesGetALegendOfSeveralRowsThatFits() throws Exception {
        BufferedImage ten = draw(200, 10, IntStream.range(0, 200).map(i -> i % 10).toArray());
        BufferedImage twenty = draw(200, 20, IntStream.range(0, 200).map(i -> i % 20).toArray());
        assertThat(twenty.getHeight()).isGreaterThan(ten.getHeight());
        assertThat(twenty.getWidth()).isEqualTo(ten.getWidth());
        assertThat(PictureCheck.problems(twenty, 200)).isEmpty();
    }

    @Test
    void longLinesWrap() {
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        var fm = probe.createGraphics().getFontMetrics();
        List<String> lines = TwoPanelPlot.wrap("one two three four five six seven eight nine ten", fm, 60);
        assertThat(lines).hasSizeGreaterThan(2).allMatch(l -> fm.stringWidth(l) <= 60 || !l.contains(" "));
        assertThat(String.join(" ", lines)).isEqualTo("one two three four five six seven eight nine ten");
    }
}
