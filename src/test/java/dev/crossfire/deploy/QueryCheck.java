package dev.crossfire.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a PromQL expression against the series crossfire exports: every metric it reads, every label
 * it matches, groups or names in a legend, every fixed label value it asks for, and every function it
 * calls. Returns the problems found, each naming where the expression is, so that one run lists them all.
 */
final class QueryCheck {

    /** Labels Prometheus attaches to every series it scrapes, whatever the target exports. */
    static final Set<String> TARGET_LABELS = Set.of("job", "instance");
    /** Series Prometheus makes itself for every target it scrapes. */
    static final Set<String> SCRAPE_SERIES = Set.of("up");

    /** PromQL's aggregation operators and functions (Prometheus 2.x and 3.x). */
    static final Set<String> FUNCTIONS = Set.of(
        "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile", "limitk",
        "limit_ratio", "abs", "absent", "absent_over_time", "ceil", "changes", "clamp", "clamp_max", "clamp_min", "day_of_month",
        "day_of_week", "day_of_year", "days_in_month", "delta", "deriv", "exp", "floor", "histogram_avg", "histogram_count",
        "histogram_fraction", "histogram_quantile", "histogram_stddev", "histogram_stdvar", "histogram_sum",
        "double_exponential_smoothing", "holt_winters", "hour", "idelta", "increase", "irate", "label_join", "label_replace", "ln",
        "log2", "log10", "minute", "month", "predict_linear", "rate", "resets", "round", "scalar", "sgn", "sort", "sort_desc",
        "sort_by_label", "sort_by_label_desc", "sqrt", "time", "timestamp", "vector", "year", "avg_over_time", "min_over_time",
        "max_over_time", "sum_over_time", "count_over_time", "quantile_over_time", "stddev_over_time", "stdvar_over_time",
        "last_over_time", "present_over_time", "mad_over_time", "start", "end", "pi", "deg", "rad", "sin", "cos", "tan", "asin",
        "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh");

    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\)", Pattern.DOTALL);

    private final Exposition exported;
    private final Predicate<String> unseenHere;

    /**
     * {@code unseenHere}: metrics only a running app has, which {@code exported} may lack. An expression
     * that reads one of them missing from it is checked for all else; its labels are left to a check
     * against a running app.
     */
    QueryCheck(Exposition exported, Predicate<String> unseenHere) {
        this.exported = exported;
        this.unseenHere = unseenHere;
    }

    QueryCheck(Exposition exported) {
        this(exported, name -> false);
    }

    /** {@code legendLabels}: labels a legend or an annotation names, which the result must carry. */
    List<String> problems(String where, String expr, Set<String> legendLabels) {
        List<String> problems = new ArrayList<>();
        PromQl.Query query;
        try {
            query = PromQl.parse(expr);
        } catch (IllegalArgumentException e) {
            return List.of(where + ": cannot read the expression: " + e.getMessage());
        }
        if (query.selectors().isEmpty()) {
            problems.add(where + ": reads no series: " + expr);
        }
        Set<String> available = new HashSet<>(TARGET_LABELS);
        boolean partial = false;
        for (PromQl.Selector selector : query.selectors()) {
            if (selector.metric() != null && !exported.has(selector.metric()) && unseenHere.test(selector.metric())) {
                partial = true;
                continue;
            }
            Map<String, Set<String>> labels = labelsOf(where, selector, problems);
            available.addAll(labels.keySet());
            for (PromQl.Matcher m : selector.matchers()) {
                if (!m.label().equals("__name__") && !TARGET_LABELS.contains(m.label())) {
                    checkMatcher(where, selector, m, labels, problems);
                }
            }
        }
        for (String f : query.functions()) {
            if (!FUNCTIONS.contains(f)) {
                problems.add(where + ": " + f + "() is not a PromQL function");
            }
        }
        Set<String> used = new HashSet<>(query.groupingLabels());
        used.addAll(legendLabels);
        for (String label : used) {
            if (!partial && !available.contains(label)) {
                problems.add(where + ": uses the label " + label + ", which none of the series it reads has");
            }
        }
        return problems;
    }

    /** A Grafana variable's {@code label_values(selector, label)}. */
    List<String> variableProblems(String where, String query) {
        Matcher m = LABEL_VALUES.matcher(query.strip());
        if (!m.matches()) {
            return List.of(where + ": not a label_values(selector, label) query: " + query);
        }
        return problems(where, m.group(1), Set.of(m.group(2)));
    }

    private Map<String, Set<String>> labelsOf(String where, PromQl.Selector selector, List<String> problems) {
        if (selector.metric() != null) {
            if (SCRAPE_SERIES.contains(selector.metric())) {
                return Map.of();
            }
            if (!exported.has(selector.metric())) {
                problems.add(where + ": reads " + selector.metric() + ", which crossfire does not export");
            }
            return exported.labels(selector.metric());
        }
        Map<String, Set<String>> labels = new HashMap<>();
        boolean named = false;
        for (PromQl.Matcher m : selector.matchers()) {
            if (m.label().equals("__name__")) {
                named = true;
                List<String> names = exported.names().stream().filter(n -> matches(m, n) != m.op().startsWith("!")).toList();
                if (names.isEmpty()) {
                    problems.add(where + ": __name__" + m.op() + "\"" + m.value() + "\" matches no metric crossfire exports");
                }
                names.forEach(n -> exported.labels(n).forEach((l, v) -> labels.computeIfAbsent(l, k -> new HashSet<>()).addAll(v)));
            }
        }
        if (!named) {
            problems.add(where + ": a selector without a metric name or __name__");
        }
        return labels;
    }

    private static void checkMatcher(String where, PromQl.Selector selector, PromQl.Matcher m, Map<String, Set<String>> labels,
                                     List<String> problems) {
        String series = selector.metric() == null ? "the selected series" : selector.metric();
        Set<String> values = labels.get(m.label());
        if (values == null) {
            problems.add(where + ": " + series + " has no label " + m.label());
            return;
        }
        // a Grafana variable stands for values only known when the dashboard runs; a negative matcher may name a value not there yet
        if (m.value().contains("$") || m.op().startsWith("!")) {
            return;
        }
        if (values.stream().noneMatch(v -> matches(m, v))) {
            problems.add(where + ": " + series + "{" + m.label() + m.op() + "\"" + m.value() + "\"} matches none of its values " + values);
        }
    }

    /** As Prometheus matches: a regular expression against the whole value. */
    private static boolean matches(PromQl.Matcher m, String value) {
        return m.op().endsWith("~") ? Pattern.compile(m.value()).matcher(value).matches() : m.value().equals(value);
    }
}
