package dev.ninelives.bench.load;

/** Least-squares slope of a series, to tell a memory leak from noise in a soak. */
final class Trend {
  private Trend() {
  }

  /** The slope of {@code y} over {@code x} by least squares; NaN for fewer than two points. */
  static double slope(double[] x, double[] y) {
    int n = Math.min(x.length, y.length);
    if (n < 2) {
      return Double.NaN;
    }
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
    return sxx == 0 ? Double.NaN : sxy / sxx;
  }

  /** The median of the values from index {@code from} (inclusive) to {@code to} (exclusive). */
  static double median(double[] v, int from, int to) {
    if (to <= from) {
      return Double.NaN;
    }
    double[] c = java.util.Arrays.copyOfRange(v, from, to);
    java.util.Arrays.sort(c);
    int m = c.length / 2;
    return c.length % 2 == 1 ? c[m] : (c[m - 1] + c[m]) / 2;
  }
}
