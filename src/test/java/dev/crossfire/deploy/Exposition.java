package dev.crossfire.deploy;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The series of a Prometheus text exposition, by sample name, with the values each label took. Sample
 * names, not family names: a histogram {@code x} is exposed as {@code x_bucket}, {@code x_count} and
 * {@code x_sum}, and only those are series a query can read, so {@code x_bucket} is valid exactly when
 * {@code x} is a histogram and a bare {@code x} is not.
 */
final class Exposition {

    private final Map<String, Map<String, Set<String>>> series = new TreeMap<>();

    /** Adds every sample of {@code text} (comment lines skipped). */
    Exposition add(String text) {
        text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(this::sample);
        return this;
    }

    Set<String> names() {
        return series.keySet();
    }

    boolean has(String name) {
        return series.containsKey(name);
    }

    /** The labels of {@code name} and the values each took; empty for an unknown name. */
    Map<String, Set<String>> labels(String name) {
        return series.getOrDefault(name, Map.of());
    }

    private void sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        boolean labelled = brace >= 0 && (space < 0 || brace < space);
        String name = line.substring(0, labelled ? brace : space);
        Map<String, Set<String>> labels = series.computeIfAbsent(name, n -> new TreeMap<>());
        if (!labelled) {
            return;
        }
        int i = brace + 1;
        while (line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String label = line.substring(i, eq).strip();
            StringBuilder value = new StringBuilder();
            i = eq + 2; // past ="
            while (line.charAt(i) != '"') {
                char c = line.charAt(i++);
                if (c == '\\') {
                    char e = line.charAt(i++);
                    value.append(e == 'n' ? '\n' : e);
                } else {
                    value.append(c);
                }
            }
            i++; // closing quote
            if (line.charAt(i) == ',') {
                i++;
            }
            labels.computeIfAbsent(label, l -> new TreeSet<>()).add(value.toString());
        }
    }
}
