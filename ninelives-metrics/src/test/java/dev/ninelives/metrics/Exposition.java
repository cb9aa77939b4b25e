package dev.ninelives.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A parsed Prometheus text exposition (format 0.0.4), for assertions. */
final class Exposition {

  record Sample(String name, Map<String, String> labels, double value) { }

  final String text;
  final List<Sample> samples = new ArrayList<>();
  /** Metric family name to type, from the {@code # TYPE} lines. */
  final Map<String, String> types = new LinkedHashMap<>();

  private Exposition(String text) {
    this.text = text;
  }

  static Exposition parse(String text) {
    Exposition e = new Exposition(text);
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("# TYPE ")) {
        String[] parts = line.substring(7).split(" ");
        e.types.put(parts[0], parts[1]);
        continue;
      }
      if (line.startsWith("#")) {
        continue;
      }
      e.samples.add(sample(line));
    }
    return e;
  }

  private static Sample sample(String line) {
    int brace = line.indexOf('{');
    int space;
    String name;
    Map<String, String> labels = new TreeMap<>();
    if (brace >= 0 && brace < line.indexOf(' ')) {
      name = line.substring(0, brace);
      int i = brace + 1;
      while (line.charAt(i) != '}') {
        int eq = line.indexOf('=', i);
        String key = line.substring(i, eq);
        StringBuilder value = new StringBuilder();
        int j = eq + 2; // skip ="
        while (line.charAt(j) != '"') {
          char c = line.charAt(j);
          if (c == '\\') {
            j++;
            c = line.charAt(j) == 'n' ? '\n' : line.charAt(j);
          }
          value.append(c);
          j++;
        }
        labels.put(key, value.toString());
        i = j + 1;
        if (line.charAt(i) == ',') {
          i++;
        }
      }
      space = i + 1;
    } else {
      space = line.indexOf(' ');
      name = line.substring(0, space);
    }
    String rest = line.substring(space).trim();
    String number = rest.split(" ")[0];
    return new Sample(name, labels, parseValue(number));
  }

  private static double parseValue(String s) {
    switch (s) {
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      case "NaN":
        return Double.NaN;
      default:
        return Double.parseDouble(s);
    }
  }

  /** Every sample name ({@code _bucket}, {@code _count}... included). */
  Set<String> sampleNames() {
    Set<String> names = new LinkedHashSet<>();
    for (Sample s : samples) {
      names.add(s.name());
    }
    return names;
  }

  /** Sample names that start with {@code ninelives_}. */
  Set<String> gatewaySampleNames() {
    Set<String> names = new LinkedHashSet<>();
    for (String n : sampleNames()) {
      if (n.startsWith("ninelives_")) {
        names.add(n);
      }
    }
    return names;
  }

  /** Family names that start with {@code ninelives_}. */
  Set<String> gatewayFamilies() {
    Set<String> names = new LinkedHashSet<>();
    for (String n : types.keySet()) {
      if (n.startsWith("ninelives_")) {
        names.add(n);
      }
    }
    return names;
  }

  /** Samples of {@code name}. */
  List<Sample> all(String name) {
    List<Sample> out = new ArrayList<>();
    for (Sample s : samples) {
      if (s.name().equals(name)) {
        out.add(s);
      }
    }
    return out;
  }

  /** The sample of {@code name} with exactly these labels; fails if there is none. */
  double value(String name, String... labelPairs) {
    Double v = find(name, labelPairs);
    if (v == null) {
      throw new AssertionError("no sample " + name + " " + labels(labelPairs) + " in:\n" + text);
    }
    return v;
  }

  /** The sample's value, or null if absent. */
  Double find(String name, String... labelPairs) {
    Map<String, String> want = labels(labelPairs);
    for (Sample s : samples) {
      if (s.name().equals(name) && s.labels().equals(want)) {
        return s.value();
      }
    }
    return null;
  }

  /** Distinct values of one label over the samples of {@code name}. */
  Set<String> labelValues(String name, String label) {
    Set<String> out = new LinkedHashSet<>();
    for (Sample s : all(name)) {
      String v = s.labels().get(label);
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }

  private static Map<String, String> labels(String... pairs) {
    if (pairs.length % 2 != 0) {
      throw new IllegalArgumentException("label pairs must come in twos");
    }
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }
}
