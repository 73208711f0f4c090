package dev.taskspace.examples;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Looks at a tutorial picture the way a reader would, pixel by pixel: a title at the top, two
 * panels side by side, each with a title and many plotted points in several colours spread
 * over its area, and a legend of coloured markers and names at the bottom.
 *
 * <p>Regions: the picture's title is the top {@value #TOP} px; the panels are the left and
 * right halves from there down to the legend, the bottom {@value #LEGEND} px. Plotted points
 * are told from background, frames and text by their colour: a clear hue (the difference
 * between the largest and smallest of red, green, blue at least 50), counted in hue bands of
 * 30 degrees; text is dark (every channel below 90).
 */
final class PictureCheck {
    static final int TOP = 90;
    static final int LEGEND = 110;

    private PictureCheck() {}

    /** What is wrong with the picture, one line each; empty when it looks right. */
    static List<String> problems(BufferedImage image, int pointsPerPanel) {
        List<String> problems = new ArrayList<>();
        int width = image.getWidth();
        int height = image.getHeight();
        int bottom = height - LEGEND;
        if (bottom - TOP < 300) {
            problems.add("the picture is " + width + " x " + height + ": too small for two panels");
            return problems;
        }
        for (int panel = 0; panel < 2; panel++) {
            String name = panel == 0 ? "left panel" : "right panel";
            Pixels points = Pixels.count(image, panel * width / 2, TOP, width / 2, bottom - TOP);
            int minColoured = 10 * pointsPerPanel; // a 7 px marker covers about 38 px; overlaps hide some
            if (points.coloured() < minColoured) {
                problems.add(name + ": " + points.coloured() + " plotted pixels, expected at least " + minColoured);
            }
            if (points.hues(40) < 6) problems.add(name + ": points in " + points.hues(40) + " colours, expected 6 or more");
            if (points.spreadX() < width / 2 * 3 / 10 || points.spreadY() < (bottom - TOP) * 3 / 10) {
                problems.add(name + ": points cover only " + points.spreadX() + " x " + points.spreadY() + " px");
            }
            if (Pixels.count(image, panel * width / 2, TOP, width / 2, 40).dark() < 50) problems.add(name + ": no title");
        }
        if (Pixels.count(image, 0, 0, width, TOP).dark() < 300) problems.add("no title at the top");
        Pixels legend = Pixels.count(image, 0, bottom, width, LEGEND);
        if (legend.hues(40) < 6) problems.add("legend: " + legend.hues(40) + " colours, expected 6 or more");
        if (legend.dark() < 300) problems.add("legend: no category names");
        return problems;
    }

    /** Coloured pixels by hue band, dark pixels, and the extent of the coloured ones in a region. */
    record Pixels(int coloured, int[] byHue, int dark, int spreadX, int spreadY) {
        static Pixels count(BufferedImage image, int x0, int y0, int w, int h) {
            int coloured = 0;
            int dark = 0;
            int[] byHue = new int[12];
            int minX = Integer.MAX_VALUE, maxX = -1, minY = Integer.MAX_VALUE, maxY = -1;
            float[] hsb = new float[3];
            for (int y = y0; y < y0 + h; y++) {
                for (int x = x0; x < x0 + w; x++) {
                    int rgb = image.getRGB(x, y);
                    int red = (rgb >> 16) & 0xff, green = (rgb >> 8) & 0xff, blue = rgb & 0xff;
                    int max = Math.max(red, Math.max(green, blue));
                    int min = Math.min(red, Math.min(green, blue));
                    if (max < 90) dark++;
                    if (max - min >= 50) {
                        coloured++;
                        Color.RGBtoHSB(red, green, blue, hsb);
                        byHue[Math.min(11, (int) (hsb[0] * 12))]++;
                        minX = Math.min(minX, x);
                        maxX = Math.max(maxX, x);
                        minY = Math.min(minY, y);
                        maxY = Math.max(maxY, y);
                    }
                }
            }
            return new Pixels(coloured, byHue, dark, Math.max(0, maxX - minX), Math.max(0, maxY - minY));
        }

        /** Hue bands with at least {@code min} pixels. */
        int hues(int min) {
            int n = 0;
            for (int c : byHue) if (c >= min) n++;
            return n;
        }
    }
}
