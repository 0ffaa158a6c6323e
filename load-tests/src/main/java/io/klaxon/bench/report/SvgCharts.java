package io.klaxon.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Standalone SVG charts for benchmark reports, with no dependencies: line charts (one polyline per
 * series over a numeric x axis spanning the data) and grouped bar charts. The y axis starts at zero
 * and ends at a round number; text is XML-escaped; the output is deterministic.
 */
public final class SvgCharts {
  private static final int WIDTH = 800;
  private static final int HEIGHT = 400;
  private static final int LEFT = 70;
  private static final int RIGHT = 160;
  private static final int TOP = 40;
  private static final int BOTTOM = 50;
  /** Colour-blind-friendly palette (Okabe–Ito). */
  private static final String[] COLOURS = {"#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442",
      "#000000"};

  /** One named series of (x, y) points, x ascending. */
  public record Series(String name, List<double[]> points) {}

  private SvgCharts() {}

  /**
   * A line chart; NaN and infinite points are skipped; no points at all renders "no data". The x
   * axis spans the points drawn (a window from second 110 to 170 fills the chart, it is not drawn
   * on an axis from 0).
   */
  public static String lineChart(String title, String xLabel, String yLabel, List<Series> series) {
    double maxX = 0;
    double minX = Double.POSITIVE_INFINITY;
    double maxY = 0;
    boolean any = false;
    for (Series s : series) {
      for (double[] p : s.points()) {
        if (finite(p)) {
          any = true;
          minX = Math.min(minX, p[0]);
          maxX = Math.max(maxX, p[0]);
          maxY = Math.max(maxY, p[1]);
        }
      }
    }
    StringBuilder svg = open(title);
    if (!any) {
      return noData(svg);
    }
    double top = niceMax(maxY);
    double right = maxX > minX ? maxX : minX + 1;
    yAxis(svg, top, yLabel);
    for (double x : ticks(minX, right)) {
      double px = px(x, minX, right);
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#999\"/>"
          + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", px, HEIGHT - BOTTOM, px,
          HEIGHT - BOTTOM + 5, px, HEIGHT - BOTTOM + 20, number(x)));
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
        LEFT + (WIDTH - LEFT - RIGHT) / 2, HEIGHT - 10, escape(xLabel)));
    List<String> names = new ArrayList<>();
    int i = 0;
    for (Series s : series) {
      List<String> points = new ArrayList<>();
      for (double[] p : s.points()) {
        if (finite(p)) {
          points.add(String.format(Locale.ROOT, "%.1f,%.1f", px(p[0], minX, right), py(p[1], top)));
        }
      }
      if (!points.isEmpty()) {
        svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour(i)).append("\" points=\"")
            .append(String.join(" ", points)).append("\"/>\n");
      }
      names.add(s.name());
      i++;
    }
    legend(svg, names);
    return svg.append("</svg>\n").toString();
  }

  /** A grouped bar chart: {@code values[s][c]} is series s in category c. */
  public static String barChart(String title, String yLabel, List<String> categories, List<String> seriesNames,
      double[][] values) {
    double max = 0;
    for (double[] row : values) {
      for (double v : row) {
        if (Double.isFinite(v)) {
          max = Math.max(max, v);
        }
      }
    }
    StringBuilder svg = open(title);
    if (categories.isEmpty() || seriesNames.isEmpty()) {
      return noData(svg);
    }
    double top = niceMax(max);
    yAxis(svg, top, yLabel);
    double groupWidth = (WIDTH - LEFT - RIGHT) / (double) categories.size();
    double barWidth = groupWidth * 0.8 / seriesNames.size();
    for (int c = 0; c < categories.size(); c++) {
      double groupLeft = LEFT + c * groupWidth + groupWidth * 0.1;
      for (int s = 0; s < seriesNames.size(); s++) {
        double v = Double.isFinite(values[s][c]) ? Math.max(0, values[s][c]) : 0;
        double x = groupLeft + s * barWidth;
        double y = py(v, top);
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>"
            + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"11\">%s</text>%n", x, y, barWidth * 0.95,
            HEIGHT - BOTTOM - y, colour(s), x + barWidth / 2, y - 4, number(values[s][c])));
      }
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
          groupLeft + groupWidth * 0.4, HEIGHT - BOTTOM + 20, escape(categories.get(c))));
    }
    legend(svg, seriesNames);
    return svg.append("</svg>\n").toString();
  }

  /** The smallest of 1, 2, 2.5 or 5 × 10^n that is at least {@code max} (1 when max ≤ 0). */
  static double niceMax(double max) {
    if (!(max > 0) || !Double.isFinite(max)) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * magnitude >= max * (1 - 1e-12)) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static StringBuilder open(String title) {
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\""
        + " height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH,
        HEIGHT));
    svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>%n", WIDTH, HEIGHT));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" text-anchor=\"middle\" font-size=\"16\">%s</text>%n",
        WIDTH / 2, escape(title)));
    return svg;
  }

  private static String noData(StringBuilder svg) {
    return svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">no data</text>%n",
        WIDTH / 2, HEIGHT / 2)).append("</svg>\n").toString();
  }

  private static void yAxis(StringBuilder svg, double top, String label) {
    for (int i = 0; i <= 5; i++) {
      double v = top * i / 5;
      double y = py(v, top);
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e5e5e5\"/>"
          + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT, y, WIDTH - RIGHT, y, LEFT - 6, y + 4,
          number(v)));
    }
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>"
        + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n", LEFT, TOP, LEFT, HEIGHT - BOTTOM, LEFT,
        HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM));
    svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 16 %d)\">"
        + "%s</text>%n", TOP + (HEIGHT - TOP - BOTTOM) / 2, TOP + (HEIGHT - TOP - BOTTOM) / 2, escape(label)));
  }

  private static void legend(StringBuilder svg, List<String> names) {
    for (int i = 0; i < names.size(); i++) {
      int y = TOP + 10 + i * 20;
      svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
          + "<text x=\"%d\" y=\"%d\">%s</text>%n", WIDTH - RIGHT + 12, y - 10, colour(i), WIDTH - RIGHT + 30, y,
          escape(names.get(i))));
    }
  }

  private static List<Double> ticks(double min, double max) {
    double step = niceMax((max - min) / 6);
    List<Double> ticks = new ArrayList<>();
    for (double x = Math.ceil(min / step) * step; x <= max + step * 1e-9; x += step) {
      ticks.add(x);
    }
    return ticks;
  }

  private static double px(double x, double min, double max) {
    return LEFT + (x - min) / (max - min) * (WIDTH - LEFT - RIGHT);
  }

  private static double py(double y, double top) {
    return HEIGHT - BOTTOM - Math.min(y, top) / top * (HEIGHT - TOP - BOTTOM);
  }

  private static boolean finite(double[] p) {
    return p.length == 2 && Double.isFinite(p[0]) && Double.isFinite(p[1]);
  }

  private static String colour(int i) {
    return COLOURS[i % COLOURS.length];
  }

  static String number(double v) {
    if (!Double.isFinite(v)) {
      return "n/a";
    }
    double a = Math.abs(v);
    if (a >= 10_000) {
      return String.format(Locale.ROOT, "%.1fk", v / 1000).replace(".0k", "k");
    }
    if (a >= 100 || v == Math.rint(v)) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    return String.format(Locale.ROOT, a >= 10 ? "%.1f" : "%.2f", v);
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&apos;");
  }
}
