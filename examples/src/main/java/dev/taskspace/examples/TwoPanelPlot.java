package dev.taskspace.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The tutorial's picture: two maps side by side (default | task), points coloured by category,
 * one shared legend below. XChart draws each scatter plot; the titles, captions and legend are
 * drawn around them with plain Java 2D, so that nothing overlaps however long an instruction
 * or a category name is.
 *
 * <pre>
 *  ┌──────────────────────────── title, model ─────────────────────────────┐
 *  │  default                             │  sentiment                      │
 *  │  no instruction                      │  “Classify the sentiment …”     │
 *  │  [scatter plot]                      │  [scatter plot]                 │
 *  │  kNN accuracy … · silhouette …       │  kNN accuracy … · drift …       │
 *  ├──────────────────────────── legend: one colour per category ──────────┤
 * </pre>
 */
final class TwoPanelPlot {
    /** Picture size: two panels of {@value #PANEL} px wide. */
    static final int PANEL = 700;
    static final int PLOT_HEIGHT = 620;
    private static final int MARGIN = 24;
    private static final Color INK = new Color(0x22, 0x22, 0x22);
    private static final Color MUTED = new Color(0x66, 0x66, 0x66);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 22);
    private static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    private static final Font PANEL_TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 19);
    private static final Font INSTRUCTION = new Font(Font.SANS_SERIF, Font.ITALIC, 15);
    private static final Font CAPTION = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 15);

    /** Tableau's 10 category colours, then 10 lighter ones for corpora with more labels. */
    static final Color[] PALETTE = {
        new Color(0x4e79a7), new Color(0xf28e2b), new Color(0xe15759), new Color(0x76b7b2), new Color(0x59a14f),
        new Color(0xedc948), new Color(0xb07aa1), new Color(0xff9da7), new Color(0x9c755f), new Color(0x8a8a8a),
        new Color(0xa0cbe8), new Color(0xffbe7d), new Color(0xff9d9a), new Color(0x86bcb6), new Color(0x8cd17d),
        new Color(0xf1ce63), new Color(0xd4a6c8), new Color(0xfabfd2), new Color(0xd7b5a6), new Color(0x79706e),
    };

    /**
     * One panel.
     *
     * @param title    the task's name
     * @param subtitle its instruction, or "no instruction"
     * @param points   the aligned 2-D layout [n][2]
     * @param caption  the figures, one line
     */
    record Panel(String title, String subtitle, float[][] points, String caption) {}

    private TwoPanelPlot() {}

    /**
     * Draws {@code left | right} and writes the PNG (creating its folder).
     *
     * @param categories the category names; {@code labels[i]} indexes them
     * @param labels     [n] each point's category
     * @return the file written, absolute
     */
    static Path write(Path file, String title, String subtitle, Panel left, Panel right, List<String> categories,
            int[] labels) throws IOException {
        int width = 2 * PANEL;
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D p = probe.createGraphics();
        int headerLines = Math.max(wrap(left.subtitle(), p.getFontMetrics(INSTRUCTION), PANEL - 2 * MARGIN).size(),
                wrap(right.subtitle(), p.getFontMetrics(INSTRUCTION), PANEL - 2 * MARGIN).size());
        List<List<Integer>> legendRows = legendRows(categories, p.getFontMetrics(LEGEND), width - 2 * MARGIN);
        p.dispose();

        int top = 84;                               // picture title and subtitle
        int panelHeader = 34 + 20 * headerLines;     // task name, then its instruction
        int caption = 34;                           // the figures under each plot
        int legend = 20 + 28 * legendRows.size();
        int height = top + panelHeader + PLOT_HEIGHT + caption + legend + 8;

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);

        g.setColor(INK);
        g.setFont(TITLE);
        centre(g, title, 0, width, 36);
        g.setColor(MUTED);
        g.setFont(SUBTITLE);
        centre(g, subtitle, 0, width, 64);

        Panel[] panels = {left, right};
        for (int k = 0; k < 2; k++) {
            Panel panel = panels[k];
            int x0 = k * PANEL;
            int y = top;
            g.setColor(INK);
            g.setFont(PANEL_TITLE);
            centre(g, panel.title(), x0, PANEL, y + 20);
            g.setColor(MUTED);
            g.setFont(INSTRUCTION);
            List<String> lines = wrap(panel.subtitle(), g.getFontMetrics(), PANEL - 2 * MARGIN);
            for (int i = 0; i < lines.size(); i++) centre(g, lines.get(i), x0, PANEL, y + 44 + 20 * i);

            Graphics2D plot = (Graphics2D) g.create(x0, top + panelHeader, PANEL, PLOT_HEIGHT);
            scatter(panel.points(), categories, labels, bounds(panel.points())).paint(plot, PANEL, PLOT_HEIGHT);
            plot.dispose();

            g.setColor(INK);
            g.setFont(CAPTION);
            centre(g, panel.caption(), x0, PANEL, top + panelHeader + PLOT_HEIGHT + 22);
        }
        g.setColor(new Color(0xdddddd));
        g.setStroke(new BasicStroke(1));
        g.drawLine(PANEL, top + 4, PANEL, top + panelHeader + PLOT_HEIGHT + caption - 4);
        drawLegend(g, categories, legendRows, top + panelHeader + PLOT_HEIGHT + caption + 20, width);
        g.dispose();

        Path out = file.toAbsolutePath();
        if (out.getParent() != null) Files.createDirectories(out.getParent());
        if (!ImageIO.write(image, "png", out.toFile())) throw new IOException("no PNG writer in this Java");
        return out;
    }

    /** One scatter plot: a series per category, axes hidden (UMAP's axes carry no meaning), shared bounds. */
    private static XYChart scatter(float[][] points, List<String> categories, int[] labels, double[] bounds) {
        XYChart chart = new XYChart(PANEL, PLOT_HEIGHT);
        XYStyler s = chart.getStyler();
        s.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setChartTitleVisible(false);
        s.setLegendVisible(false);
        s.setAxisTitlesVisible(false);
        s.setAxisTicksVisible(false);
        s.setPlotGridLinesVisible(false);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(new Color(0xfbfbfb));
        s.setPlotBorderColor(new Color(0xcccccc));
        s.setChartPadding(MARGIN / 2);
        s.setMarkerSize(7);
        s.setXAxisMin(bounds[0]);
        s.setXAxisMax(bounds[1]);
        s.setYAxisMin(bounds[2]);
        s.setYAxisMax(bounds[3]);
        for (int c = 0; c < categories.size(); c++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    xs.add((double) points[i][0]);
                    ys.add((double) points[i][1]);
                }
            }
            if (xs.isEmpty()) continue;
            XYSeries series = chart.addSeries(categories.get(c), xs, ys);
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setMarkerColor(withAlpha(colour(c), 200));
        }
        return chart;
    }

    /** The category's colour. */
    static Color colour(int category) {
        return PALETTE[category % PALETTE.length];
    }

    /**
     * The x and y range that fits the points into the plot with equal units on both axes and a
     * little room around. Each panel gets its own: the layouts are aligned in orientation, but
     * a UMAP layout's size means nothing.
     */
    private static double[] bounds(float[][] points) {
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (float[] q : points) {
            minX = Math.min(minX, q[0]);
            maxX = Math.max(maxX, q[0]);
            minY = Math.min(minY, q[1]);
            maxY = Math.max(maxY, q[1]);
        }
        double plotW = PANEL - 2 * MARGIN;
        double plotH = PLOT_HEIGHT - 2 * MARGIN;
        double unit = 1.06 * Math.max((maxX - minX) / plotW, (maxY - minY) / plotH); // data units per pixel
        if (!(unit > 0)) unit = 1 / plotW;
        double cx = (minX + maxX) / 2;
        double cy = (minY + maxY) / 2;
        return new double[] {cx - unit * plotW / 2, cx + unit * plotW / 2, cy - unit * plotH / 2, cy + unit * plotH / 2};
    }

    /**
     * Legend entries (indices into categories) per row: a grid with as few rows as fit the
     * width, the entries spread evenly over them (10 categories: one row, or two of five).
     */
    private static List<List<Integer>> legendRows(List<String> categories, FontMetrics fm, int width) {
        int n = categories.size();
        for (int rowCount = 1; ; rowCount++) {
            int perRow = (n + rowCount - 1) / rowCount;
            List<List<Integer>> rows = new ArrayList<>();
            for (int start = 0; start < n; start += perRow) {
                List<Integer> row = new ArrayList<>();
                for (int c = start; c < Math.min(n, start + perRow); c++) row.add(c);
                rows.add(row);
            }
            if (perRow == 1 || sum(columnWidths(rows, categories, fm)) <= width) return rows;
        }
    }

    /** The width of each legend column: its widest entry. */
    private static int[] columnWidths(List<List<Integer>> rows, List<String> categories, FontMetrics fm) {
        int[] widths = new int[rows.get(0).size()];
        for (List<Integer> row : rows) {
            for (int j = 0; j < row.size(); j++) widths[j] = Math.max(widths[j], entryWidth(categories.get(row.get(j)), fm));
        }
        return widths;
    }

    private static int sum(int[] v) {
        int s = 0;
        for (int x : v) s += x;
        return s;
    }

    private static int entryWidth(String label, FontMetrics fm) {
        return 14 + 8 + fm.stringWidth(label) + 28; // marker, gap, text, space to the next entry
    }

    private static void drawLegend(Graphics2D g, List<String> categories, List<List<Integer>> rows, int y, int width) {
        g.setFont(LEGEND);
        int[] columns = columnWidths(rows, categories, g.getFontMetrics());
        int left = (width - sum(columns) + 28) / 2; // the last column needs no space after it
        for (List<Integer> row : rows) {
            int x = left;
            for (int j = 0; j < row.size(); j++) {
                int c = row.get(j);
                g.setColor(colour(c));
                g.fillOval(x, y - 12, 14, 14);
                g.setColor(INK);
                g.drawString(categories.get(c), x + 22, y);
                x += columns[j];
            }
            y += 28;
        }
    }

    private static void centre(Graphics2D g, String text, int x0, int width, int baseline) {
        g.drawString(text, x0 + (width - g.getFontMetrics().stringWidth(text)) / 2, baseline);
    }

    /** Greedy word wrap to {@code width} pixels. */
    static List<String> wrap(String text, FontMetrics fm, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (line.length() > 0 && fm.stringWidth(candidate) > width) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        lines.add(line.toString());
        return lines;
    }

    private static Color withAlpha(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }
}
