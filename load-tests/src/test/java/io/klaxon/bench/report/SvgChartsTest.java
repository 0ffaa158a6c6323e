package io.klaxon.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgChartsTest {

  private static Document parse(String svg) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aLineChartIsWellFormedWithOnePolylinePerNonEmptySeries() throws Exception {
    String svg = SvgCharts.lineChart("Latency <p99> & more", "s", "ms", List.of(
        new SvgCharts.Series("a", List.of(new double[] {0, 1}, new double[] {1, 3}, new double[] {2, Double.NaN})),
        new SvgCharts.Series("b", List.of(new double[] {0, 2}, new double[] {1, 2}, new double[] {2, 5})),
        new SvgCharts.Series("empty", List.of())));

    Document doc = parse(svg);
    NodeList lines = doc.getElementsByTagName("polyline");
    assertThat(lines.getLength()).isEqualTo(2);
    assertThat(((Element) lines.item(0)).getAttribute("points").split(" ", -1)).hasSize(2);
    assertThat(((Element) lines.item(1)).getAttribute("points").split(" ", -1)).hasSize(3);
    assertThat(svg).contains("Latency &lt;p99&gt; &amp; more").doesNotContain("<p99>");
    assertThat(SvgCharts.lineChart("t", "x", "y", List.of(new SvgCharts.Series("a", List.of(new double[] {0, 1})))))
        .isEqualTo(SvgCharts.lineChart("t", "x", "y", List.of(new SvgCharts.Series("a", List.of(new double[] {0, 1})))));
  }

  @Test
  void theTimeAxisSpansTheDataDrawnNotFromZero() throws Exception {
    String svg = SvgCharts.lineChart("window", "s", "ms", List.of(new SvgCharts.Series("p99",
        List.of(new double[] {110, 5}, new double[] {140, 7}, new double[] {170, 6}))));

    String[] points = ((Element) parse(svg).getElementsByTagName("polyline").item(0)).getAttribute("points").split(" ", -1);
    double firstX = Double.parseDouble(points[0].split(",", -1)[0]);
    double middleX = Double.parseDouble(points[1].split(",", -1)[0]);
    double lastX = Double.parseDouble(points[2].split(",", -1)[0]);
    assertThat(firstX).as("the first point at the left edge of the plot").isEqualTo(70.0);
    assertThat(lastX).as("the last point at the right edge of the plot").isEqualTo(640.0);
    assertThat(middleX).isEqualTo((firstX + lastX) / 2);
    assertThat(svg).contains("text-anchor=\"middle\">110</text>").contains("text-anchor=\"middle\">170</text>")
        .doesNotContain("text-anchor=\"middle\">0</text>");
  }

  @Test
  void barsAreProportionalToTheirValues() throws Exception {
    Document doc = parse(SvgCharts.barChart("Rates", "per s", List.of("accepted", "notified"), List.of("x", "y"),
        new double[][] {{100, 400}, {50, 200}}));

    NodeList rects = doc.getElementsByTagName("rect");
    // The background and the legend's two swatches are rects too: 1 + 4 bars + 2.
    assertThat(rects.getLength()).isEqualTo(7);
    double first = Double.parseDouble(((Element) rects.item(1)).getAttribute("height"));
    double second = Double.parseDouble(((Element) rects.item(2)).getAttribute("height"));
    double third = Double.parseDouble(((Element) rects.item(3)).getAttribute("height"));
    assertThat(second / first).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.01));
    assertThat(third / first).isCloseTo(4.0, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void theAxisEndsAtARoundNumber() {
    assertThat(SvgCharts.niceMax(0.83)).isEqualTo(1.0);
    assertThat(SvgCharts.niceMax(7)).isEqualTo(10.0);
    assertThat(SvgCharts.niceMax(12_345)).isEqualTo(20_000.0);
    assertThat(SvgCharts.niceMax(2_400)).isEqualTo(2_500.0);
    assertThat(SvgCharts.niceMax(0)).isEqualTo(1.0);
  }

  @Test
  void nothingToDrawSaysSo() throws Exception {
    String svg = SvgCharts.lineChart("t", "x", "y", List.of(new SvgCharts.Series("a", List.of())));
    parse(svg);
    assertThat(svg).contains("no data").doesNotContain("polyline");
  }
}
