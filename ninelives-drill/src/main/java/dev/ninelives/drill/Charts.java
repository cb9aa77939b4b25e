package dev.ninelives.drill;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The report's charts as inline SVG, drawn here rather than by a script in the page, so the
 * report needs nothing but a browser: over the replay's wall clock (labelled in scenario time),
 * with the phases shaded behind, faulty ones in red. Stateless.
 */
final class Charts {
  static final int WIDTH = 960;
  private static final int LEFT = 64;
  private static final int RIGHT = 16;
  private static final int TOP = 24;
  private static final int BOTTOM = 36;
  static final String GATEWAY = "#1a7f37";
  static final String DIRECT = "#cf222e";
  static final String WRONG = "#d4a72c";
  static final String FAILED = "#cf222e";
  private static final String[] PROVIDERS = {"#0969da", "#8250df", "#0a7d82", "#bc4c00", "#57606a", "#bf3989"};

  private Charts() {}

  /** A color per provider, stable for a report. */
  static Map<String, String> providerColors(DrillResult r) {
    Map<String, String> out = new LinkedHashMap<>();
    int i = 0;
    for (DrillProvider p : r.scenario().providers()) {
      out.put(p.name(), PROVIDERS[i++ % PROVIDERS.length]);
    }
    return out;
  }

  /** Right answers per bucket, through the gateway and straight to the primary. */
  static String success(DrillResult r) {
    Frame f = new Frame(r, 220, "success rate", 0, 1);
    StringBuilder svg = f.open("chart-success", "Share of right answers over time");
    f.yTicks(svg, new double[] {0, 0.25, 0.5, 0.75, 1}, v -> Math.round(v * 100) + "%");
    // The gateway's line goes on top: where both runs are at 100% it is the one to see.
    if (r.direct() != null) {
      line(svg, f, r.series(), b -> rate(b.direct()), DIRECT, false, "straight to " + r.primary());
    }
    line(svg, f, r.series(), b -> rate(b.gateway()), GATEWAY, false, "through the gateway");
    return f.close(svg);
  }

  /** Latency percentiles per bucket, on a log scale. */
  static String latency(DrillResult r) {
    double maxMs = 1000;
    for (Series.Bucket b : r.series().buckets()) {
      maxMs = Math.max(maxMs, b.gateway().latency().p95() / 1e6);
      if (b.direct() != null) {
        maxMs = Math.max(maxMs, b.direct().latency().p95() / 1e6);
      }
    }
    double top = Math.pow(10, Math.ceil(Math.log10(maxMs)));
    Frame f = new Frame(r, 220, "latency", Math.log10(10), Math.log10(top));
    StringBuilder svg = f.open("chart-latency", "Latency of answered requests over time (log scale)");
    List<Double> ticks = new ArrayList<>();
    for (double v = 10; v <= top; v *= 10) {
      ticks.add(Math.log10(v));
    }
    f.yTicks(svg, ticks.stream().mapToDouble(Double::doubleValue).toArray(), v -> {
      double ms = Math.pow(10, v);
      return ms >= 1000 ? Math.round(ms / 1000) + " s" : Math.round(ms) + " ms";
    });
    if (r.direct() != null) {
      line(svg, f, r.series(), b -> logMs(b.direct().latency().p95()), DIRECT, false, "direct p95");
      line(svg, f, r.series(), b -> logMs(b.direct().latency().p50()), DIRECT, true, "direct p50");
    }
    line(svg, f, r.series(), b -> logMs(b.gateway().latency().p95()), GATEWAY, false, "gateway p95");
    line(svg, f, r.series(), b -> logMs(b.gateway().latency().p50()), GATEWAY, true, "gateway p50");
    return f.close(svg);
  }

  /** Who answered each bucket's requests through the gateway, stacked, with wrong and failed on top. */
  static String servedBy(DrillResult r) {
    Frame f = new Frame(r, 200, "requests", 0, 1);
    StringBuilder svg = f.open("chart-served", "Which provider answered, share of requests sent through the gateway");
    f.yTicks(svg, new double[] {0, 0.5, 1}, v -> Math.round(v * 100) + "%");
    Map<String, String> colors = providerColors(r);
    long step = r.series().bucketNanos();
    for (Series.Bucket b : r.series().buckets()) {
      Stats st = b.gateway();
      if (st.requests() == 0) {
        continue;
      }
      double x0 = f.x(b.startNanos());
      double w = Math.max(1, f.x(b.startNanos() + step) - x0 - 0.5);
      double acc = 0;
      Map<String, Integer> right = new LinkedHashMap<>();
      for (Outcome o : r.gateway()) {
        // Counted again here per bucket from the outcomes: only right answers, by provider.
        if (o.sentNanos() >= b.startNanos() && o.sentNanos() < b.startNanos() + step && o.verdict() == Verdict.OK
            && o.provider() != null) {
          right.merge(o.provider(), 1, Integer::sum);
        }
      }
      for (Map.Entry<String, String> c : colors.entrySet()) {
        int n = right.getOrDefault(c.getKey(), 0);
        acc = bar(svg, f, x0, w, acc, (double) n / st.requests(), c.getValue(),
            c.getKey() + ": " + n + " of " + st.requests());
      }
      acc = bar(svg, f, x0, w, acc, (double) st.wrong() / st.requests(), WRONG,
          "wrong answers: " + st.wrong() + " of " + st.requests());
      bar(svg, f, x0, w, acc, (double) st.failed() / st.requests(), FAILED,
          "failed: " + st.failed() + " of " + st.requests());
    }
    return f.close(svg);
  }

  /** Each target's breaker and each provider's quarantine, as colored bands over time. */
  static String breakers(DrillResult r) {
    List<String> rows = new ArrayList<>();
    List<List<StateSpan>> spans = new ArrayList<>();
    r.breakers().forEach((target, s) -> {
      rows.add("breaker " + target);
      spans.add(s);
    });
    r.quarantines().forEach((provider, s) -> {
      if (s.stream().anyMatch(sp -> sp.state().equals("quarantined"))) {
        rows.add("quarantine " + provider);
        spans.add(s);
      }
    });
    // Each row: its label on a line of its own, the band under it, so long target names fit.
    int rowHeight = 34;
    int band = 14;
    int height = TOP + BOTTOM + Math.max(1, rows.size()) * rowHeight;
    Frame f = new Frame(r, height, "", 0, 1);
    StringBuilder svg = f.open("chart-breakers", r.inProcess() ? "Breaker states and quarantines over time"
        : "Breaker states and quarantines, as the gateway's status page showed them");
    for (int i = 0; i < rows.size(); i++) {
      double y = TOP + i * rowHeight + rowHeight - band - 4;
      svg.append("<text x=\"").append(LEFT + 2).append("\" y=\"").append(fmt(y - 4))
          .append("\" class=\"rowlabel\">").append(Html.esc(rows.get(i))).append("</text>");
      for (StateSpan sp : spans.get(i)) {
        double x0 = f.x(sp.fromNanos());
        double x1 = f.x(Math.min(sp.toNanos(), r.timeline().wallNanos()));
        if (x1 <= x0) {
          continue;
        }
        svg.append("<rect x=\"").append(fmt(x0)).append("\" y=\"").append(fmt(y)).append("\" width=\"")
            .append(fmt(x1 - x0)).append("\" height=\"").append(band).append("\" fill=\"")
            .append(stateColor(sp.state())).append("\"><title>").append(Html.esc(rows.get(i) + ": " + sp.state()))
            .append(" from ").append(Format.s(sp.fromNanos())).append(" to ").append(Format.s(sp.toNanos()))
            .append("</title></rect>");
      }
    }
    return f.close(svg);
  }

  /** Calls per second each provider received: a flat line on a dead provider means no retry storm. */
  static String calls(DrillResult r) {
    Map<String, String> colors = providerColors(r);
    double seconds = r.series().bucketNanos() / 1e9;
    double max = 1;
    for (Series.Bucket b : r.series().buckets()) {
      for (int n : b.callsGateway().values()) {
        max = Math.max(max, n / seconds);
      }
      for (int n : b.callsDirect().values()) {
        max = Math.max(max, n / seconds);
      }
    }
    double top = Math.ceil(max / 5) * 5;
    Frame f = new Frame(r, 200, "calls/s", 0, top);
    StringBuilder svg = f.open("chart-calls", "Upstream calls per second each provider received");
    f.yTicks(svg, new double[] {0, top / 2, top}, v -> String.format(Locale.ROOT, "%.0f/s", v));
    for (Map.Entry<String, String> c : colors.entrySet()) {
      line(svg, f, r.series(), b -> b.callsGateway().getOrDefault(c.getKey(), 0) / seconds, c.getValue(), false,
          c.getKey() + " (from the gateway)");
    }
    if (r.direct() != null) {
      line(svg, f, r.series(), b -> b.callsDirect().getOrDefault(r.primary(), 0) / seconds, DIRECT, true,
          r.primary() + " (from the client without gateway)");
    }
    return f.close(svg);
  }

  static String stateColor(String state) {
    switch (state) {
      case "open":
        return "#cf222e";
      case "half-open":
        return "#d4a72c";
      case "quarantined":
        return "#8250df";
      case "admitted":
        return "#d0d7de";
      default:
        return "#2da44e";
    }
  }

  private static double bar(StringBuilder svg, Frame f, double x, double w, double from, double share, String color,
      String title) {
    if (share <= 0) {
      return from;
    }
    double y0 = f.y(from + share);
    double y1 = f.y(from);
    svg.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y0)).append("\" width=\"").append(fmt(w))
        .append("\" height=\"").append(fmt(Math.max(0.5, y1 - y0))).append("\" fill=\"").append(color)
        .append("\"><title>").append(Html.esc(title)).append("</title></rect>");
    return from + share;
  }

  private static Double rate(Stats st) {
    return st == null || st.requests() == 0 ? null : st.successRate();
  }

  private static Double logMs(long nanos) {
    return nanos < 0 ? null : Math.log10(Math.max(10, nanos / 1e6));
  }

  /** A polyline through the buckets' midpoints, broken where a bucket has no value. */
  private static void line(StringBuilder svg, Frame f, Series s, Function<Series.Bucket, Double> value, String color,
      boolean dashed, String title) {
    StringBuilder d = new StringBuilder();
    boolean pen = false;
    for (Series.Bucket b : s.buckets()) {
      Double v = value.apply(b);
      if (v == null) {
        pen = false;
        continue;
      }
      double x = f.x(b.startNanos() + s.bucketNanos() / 2);
      d.append(pen ? " L" : " M").append(fmt(x)).append(' ').append(fmt(f.y(v)));
      pen = true;
    }
    if (d.length() == 0) {
      return;
    }
    svg.append("<path class=\"series\" d=\"").append(d.toString().trim()).append("\" fill=\"none\" stroke=\"")
        .append(color).append("\" stroke-width=\"2\"").append(dashed ? " stroke-dasharray=\"5 4\"" : "")
        .append("><title>").append(Html.esc(title)).append("</title></path>");
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** The plot area of one chart: scales, phase bands and the time axis. */
  private static final class Frame {
    private final DrillResult r;
    private final int height;
    private final String yLabel;
    private final double yMin;
    private final double yMax;
    private final long wall;

    Frame(DrillResult r, int height, String yLabel, double yMin, double yMax) {
      this.r = r;
      this.height = height;
      this.yLabel = yLabel;
      this.yMin = yMin;
      this.yMax = yMax;
      this.wall = r.timeline().wallNanos();
    }

    double x(long nanos) {
      return LEFT + (WIDTH - LEFT - RIGHT) * Math.max(0, Math.min(1, (double) nanos / wall));
    }

    double y(double v) {
      double t = (v - yMin) / (yMax - yMin);
      return TOP + (height - TOP - BOTTOM) * (1 - Math.max(0, Math.min(1, t)));
    }

    StringBuilder open(String id, String title) {
      StringBuilder svg = new StringBuilder();
      svg.append("<svg id=\"").append(id).append("\" class=\"chart\" role=\"img\" viewBox=\"0 0 ").append(WIDTH)
          .append(' ').append(height).append("\" width=\"").append(WIDTH).append("\" height=\"").append(height)
          .append("\" xmlns=\"http://www.w3.org/2000/svg\"><title>").append(Html.esc(title)).append("</title>");
      // Phase bands behind everything; faulty phases in red, with their names along the top.
      for (Timeline.Span s : r.timeline().spans()) {
        boolean faulty = s.phase().faults().values().stream().anyMatch(l -> !l.isEmpty());
        double x0 = x(s.wallStart());
        double x1 = x(s.wallEnd());
        svg.append("<rect class=\"phase\" x=\"").append(fmt(x0)).append("\" y=\"").append(TOP).append("\" width=\"")
            .append(fmt(x1 - x0)).append("\" height=\"").append(height - TOP - BOTTOM).append("\" fill=\"")
            .append(faulty ? "#ffebe9" : (s.index() % 2 == 0 ? "#f6f8fa" : "#ffffff")).append("\"><title>")
            .append(Html.esc(s.phase().name() + ": " + s.phase().faultSummary())).append("</title></rect>");
        if (s.index() > 0) {
          svg.append("<line class=\"boundary\" x1=\"").append(fmt(x0)).append("\" y1=\"").append(TOP - 2)
              .append("\" x2=\"").append(fmt(x0)).append("\" y2=\"").append(height - BOTTOM)
              .append("\" stroke=\"#afb8c1\" stroke-width=\"1\"/>");
        }
        if (x1 - x0 > 40) {
          svg.append("<text class=\"phasename\" x=\"").append(fmt(x0 + 4)).append("\" y=\"").append(TOP - 8)
              .append("\">").append(Html.esc(fit(s.phase().name(), (int) ((x1 - x0 - 6) / 6.2)))).append("</text>");
        }
      }
      svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(height - BOTTOM).append("\" x2=\"")
          .append(WIDTH - RIGHT).append("\" y2=\"").append(height - BOTTOM).append("\" stroke=\"#8c959f\"/>");
      xTicks(svg);
      if (!yLabel.isEmpty()) {
        svg.append("<text class=\"axis\" transform=\"translate(12 ").append(fmt((TOP + height - BOTTOM) / 2.0))
            .append(") rotate(-90)\" text-anchor=\"middle\">").append(Html.esc(yLabel)).append("</text>");
      }
      return svg;
    }

    void yTicks(StringBuilder svg, double[] values, Function<Double, String> label) {
      for (double v : values) {
        double y = y(v);
        svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(fmt(y)).append("\" x2=\"")
            .append(WIDTH - RIGHT).append("\" y2=\"").append(fmt(y)).append("\" stroke=\"#d0d7de\" stroke-width=\"0.5\"/>")
            .append("<text class=\"axis\" x=\"").append(LEFT - 6).append("\" y=\"").append(fmt(y + 4))
            .append("\" text-anchor=\"end\">").append(Html.esc(label.apply(v))).append("</text>");
      }
    }

    private void xTicks(StringBuilder svg) {
      double wallSeconds = wall / 1e9;
      double[] steps = {1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1800, 3600};
      double step = steps[steps.length - 1];
      for (double s : steps) {
        if (wallSeconds / s <= 8) {
          step = s;
          break;
        }
      }
      for (double t = 0; t <= wallSeconds + 1e-9; t += step) {
        long nanos = Math.round(t * 1e9);
        double x = x(nanos);
        String scenario = Format.clock(r.timeline().compression().toScenario(nanos).withNanos(0));
        svg.append("<line x1=\"").append(fmt(x)).append("\" y1=\"").append(height - BOTTOM).append("\" x2=\"")
            .append(fmt(x)).append("\" y2=\"").append(height - BOTTOM + 4).append("\" stroke=\"#8c959f\"/>")
            .append("<text class=\"axis\" x=\"").append(fmt(x)).append("\" y=\"").append(height - BOTTOM + 16)
            .append("\" text-anchor=\"middle\">").append(Html.esc(scenario)).append("</text>")
            .append("<text class=\"axis wall\" x=\"").append(fmt(x)).append("\" y=\"").append(height - BOTTOM + 28)
            .append("\" text-anchor=\"middle\">").append(Html.esc(MarkdownReport.trim(t))).append(" s</text>");
      }
    }

    String close(StringBuilder svg) {
      return svg.append("</svg>").toString();
    }

    private static String fit(String s, int chars) {
      return s.length() <= Math.max(3, chars) ? s : s.substring(0, Math.max(2, chars - 1)) + "…";
    }
  }
}
