package io.goalpost.platform.reports;

import io.goalpost.platform.annotations.Annotation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.SimpleDateFormat;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report's charts as PNG images (JFreeChart, drawn at twice the printed size so they stay sharp):
 * a goal's actual, target, expected pace and forecast, and a KPI's value per network. Days are placed
 * at UTC midnight, as the web UI does, so no daylight-saving jump moves a point. Annotations are
 * vertical markers labelled with their text.
 */
public final class ChartImages {

    /** Pixels of one chart at print size (the image is twice as large). */
    public static final int WIDTH = 900;
    public static final int HEIGHT = 380;

    static {
        // A server has no display; charts are drawn into images only.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private static final Color ACTUAL = new Color(0x2563eb);
    private static final Color TARGET = new Color(0x059669);
    private static final Color EXPECTED = new Color(0x6b7280);
    private static final Color FORECAST = new Color(0xd97706);
    private static final Color MARKER = new Color(0xbe185d);
    private static final Color[] NETWORK_COLORS = {new Color(0x1877f2), new Color(0xc13584), new Color(0x0a66c2),
        new Color(0x111111), new Color(0x00a19a), new Color(0xe60023), new Color(0x7c3aed), new Color(0x92400e)};
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private ChartImages() {
    }

    /** The goal chart of a {@code GET /api/goals/{id}/series} answer, or null when it has no actual value. */
    public static byte[] goal(JsonObject series, String yLabel, List<Annotation> notes) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries actual = points("Actual", series.getJsonArray("actual"));
        if (actual.getItemCount() == 0 || actual.getItems().stream().allMatch(i -> ((org.jfree.data.xy.XYDataItem) i).getY() == null)) {
            return null;
        }
        data.addSeries(actual);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        int i = 0;
        r.setSeriesPaint(i, ACTUAL);
        r.setSeriesStroke(i++, new BasicStroke(2.2f));
        i = line(data, r, i, "Target", series.getJsonArray("target"), TARGET, new float[] {6, 4});
        i = line(data, r, i, "Expected pace", series.getJsonArray("expected"), EXPECTED, new float[] {2, 3});
        line(data, r, i, "Forecast", series.getJsonArray("forecast"), FORECAST, new float[] {8, 4});
        LocalDate deadline = LocalDate.parse(series.getString("deadline"));
        return draw(data, r, yLabel, notes, deadline);
    }

    /**
     * A KPI's series per network: {@code perNetwork} maps a network's name to its {@code GET /api/kpis/{id}}
     * answer; null when no network has a value.
     */
    public static byte[] kpi(java.util.Map<String, JsonObject> perNetwork, String yLabel, List<Annotation> notes) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        int i = 0;
        boolean any = false;
        for (var e : perNetwork.entrySet()) {
            XYSeries s = new XYSeries(e.getKey(), false, true);
            for (Object o : e.getValue().getJsonArray("series", new JsonArray())) {
                JsonObject p = (JsonObject) o;
                Double v = p.getDouble("value");
                any |= v != null;
                s.add(millis(LocalDate.parse(p.getString("start"))), v);
            }
            data.addSeries(s);
            r.setSeriesPaint(i, NETWORK_COLORS[i % NETWORK_COLORS.length]);
            r.setSeriesStroke(i++, new BasicStroke(2f));
        }
        return any ? draw(data, r, yLabel, notes, null) : null;
    }

    private static int line(XYSeriesCollection data, XYLineAndShapeRenderer r, int i, String name, JsonArray pts, Color color,
            float[] dash) {
        if (pts == null || pts.isEmpty()) {
            return i;
        }
        data.addSeries(points(name, pts));
        r.setSeriesPaint(i, color);
        r.setSeriesStroke(i, new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f));
        return i + 1;
    }

    private static XYSeries points(String name, JsonArray pts) {
        XYSeries s = new XYSeries(name, false, true);
        if (pts != null) {
            for (Object o : pts) {
                JsonObject p = (JsonObject) o;
                s.add(millis(LocalDate.parse(p.getString("day"))), p.getDouble("value")); // null: a gap, never 0
            }
        }
        return s;
    }

    private static byte[] draw(XYSeriesCollection data, XYLineAndShapeRenderer r, String yLabel, List<Annotation> notes,
            LocalDate through) {
        DateAxis x = new DateAxis(null);
        SimpleDateFormat f = new SimpleDateFormat("d MMM yy", Locale.ENGLISH);
        f.setTimeZone(TimeZone.getTimeZone("UTC"));
        x.setTimeZone(TimeZone.getTimeZone("UTC"));
        x.setDateFormatOverride(f);
        x.setTickLabelFont(FONT);
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(false);
        y.setTickLabelFont(FONT);
        y.setLabelFont(FONT);
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xe5e7eb));
        plot.setRangeGridlinePaint(new Color(0xe5e7eb));
        plot.setDomainGridlinesVisible(true);
        plot.setRangeGridlinesVisible(true);
        double min = data.getDomainLowerBound(false);
        double max = Math.max(data.getDomainUpperBound(false), through == null ? Double.NEGATIVE_INFINITY : millis(through));
        if (max > min) {
            x.setRange(min, max);
        }
        int shown = 0;
        for (Annotation a : notes) {
            double at = millis(a.day());
            if (at < min || at > max) {
                continue; // a note outside the plotted days has no place on it (the report lists it)
            }
            ValueMarker m = new ValueMarker(at, MARKER, new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {3, 3}, 0f));
            m.setLabel(shorten(a.text()));
            m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            m.setLabelPaint(MARKER);
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            // Labels of notes a few days apart would overprint: each next one a line lower.
            m.setLabelOffset(new org.jfree.chart.ui.RectangleInsets(3 + 14 * (shown++ % 4), 3, 3, 3));
            plot.addDomainMarker(m, Layer.FOREGROUND);
        }
        JFreeChart chart = new JFreeChart(null, FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setPadding(new org.jfree.chart.ui.RectangleInsets(4, 4, 4, 18)); // room for the last date label
        LegendTitle legend = chart.getLegend();
        legend.setItemFont(FONT);
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        BufferedImage img = new BufferedImage(WIDTH * 2, HEIGHT * 2, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(2, 2);
            chart.draw(g, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 39) + "…";
    }

    static double millis(LocalDate day) {
        return day.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
