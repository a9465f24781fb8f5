package dev.crossfire.deploy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Just enough of PromQL to find what an expression reads: its series selectors (metric name and label
 * matchers), the labels it groups or matches by, and the functions it calls. Not a parser: it
 * tokenizes, skips strings, numbers, durations and range brackets, and treats an identifier followed
 * by {@code (} as a function. Grafana's variables are allowed inside strings and range brackets,
 * where a dashboard puts them.
 */
final class PromQl {

    /** A label matcher: {@code label op "value"}. */
    record Matcher(String label, String op, String value) {
    }

    /** A series selector; {@code metric} is null for a selector of matchers only ({@code {__name__=~"..."}}). */
    record Selector(String metric, List<Matcher> matchers) {
    }

    record Query(List<Selector> selectors, Set<String> groupingLabels, Set<String> functions) {
    }

    /** Keywords that take a list of labels in parentheses. */
    private static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan");

    private final String text;
    private int pos;
    private final List<Selector> selectors = new ArrayList<>();
    private final Set<String> grouping = new LinkedHashSet<>();
    private final Set<String> functions = new LinkedHashSet<>();

    private PromQl(String text) {
        this.text = text;
    }

    static Query parse(String expr) {
        PromQl p = new PromQl(expr);
        p.run();
        return new Query(List.copyOf(p.selectors), Set.copyOf(p.grouping), Set.copyOf(p.functions));
    }

    private void run() {
        int parens = 0;
        String pendingMetric = null; // a metric name whose matchers may follow
        while (true) {
            skipSpace();
            if (pos >= text.length()) {
                break;
            }
            char c = text.charAt(pos);
            if (c == '{') {
                selectors.add(new Selector(pendingMetric, matchers()));
                pendingMetric = null;
                continue;
            }
            if (pendingMetric != null) {
                selectors.add(new Selector(pendingMetric, List.of()));
                pendingMetric = null;
            }
            if (c == '"' || c == '\'' || c == '`') {
                string();
            } else if (c == '[') {
                int close = text.indexOf(']', pos);
                require(close > 0, "unclosed [");
                pos = close + 1;
            } else if (Character.isDigit(c) || c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1))) {
                number();
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                String word = identifier();
                skipSpace();
                // an aggregation may put its grouping before its argument: sum by (job) (x)
                boolean call = pos < text.length() && text.charAt(pos) == '(' || nextWordIs("by") || nextWordIs("without");
                String lower = word.toLowerCase(java.util.Locale.ROOT);
                if (LABEL_LIST_KEYWORDS.contains(word)) {
                    if (call) {
                        grouping.addAll(labelList());
                    }
                } else if (KEYWORDS.contains(lower)) {
                    // operators and literals, not series
                } else if (call) {
                    functions.add(word);
                } else {
                    pendingMetric = word;
                }
            } else if (c == '(') {
                parens++;
                pos++;
            } else if (c == ')') {
                parens--;
                require(parens >= 0, "unbalanced )");
                pos++;
            } else if ("+-*/%^=!<>,@".indexOf(c) >= 0) {
                pos++;
            } else {
                throw error("unexpected '" + c + "'");
            }
        }
        if (pendingMetric != null) {
            selectors.add(new Selector(pendingMetric, List.of()));
        }
        require(parens == 0, "unbalanced (");
    }

    private List<Matcher> matchers() {
        pos++; // {
        List<Matcher> list = new ArrayList<>();
        while (true) {
            skipSpace();
            require(pos < text.length(), "unclosed {");
            if (text.charAt(pos) == '}') {
                pos++;
                return list;
            }
            String label = identifier();
            skipSpace();
            String op = text.startsWith("=~", pos) || text.startsWith("!~", pos) || text.startsWith("!=", pos) ? text.substring(pos, pos + 2)
                : text.startsWith("=", pos) ? "=" : null;
            require(op != null, "no matcher operator after " + label);
            pos += op.length();
            skipSpace();
            list.add(new Matcher(label, op, string()));
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == ',') {
                pos++;
            }
        }
    }

    private List<String> labelList() {
        pos++; // (
        List<String> labels = new ArrayList<>();
        while (true) {
            skipSpace();
            require(pos < text.length(), "unclosed label list");
            char c = text.charAt(pos);
            if (c == ')') {
                pos++;
                return labels;
            }
            if (c == ',') {
                pos++;
                continue;
            }
            labels.add(identifier());
        }
    }

    private String string() {
        char quote = text.charAt(pos++);
        StringBuilder s = new StringBuilder();
        while (true) {
            require(pos < text.length(), "unclosed string");
            char c = text.charAt(pos++);
            if (c == quote) {
                return s.toString();
            }
            if (c == '\\' && quote != '`') {
                require(pos < text.length(), "unclosed string");
                char e = text.charAt(pos++);
                s.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> e;
                });
            } else {
                s.append(c);
            }
        }
    }

    /** A number or a duration ({@code 0.9}, {@code 1e3}, {@code 5m}, {@code 1h30m}). */
    private void number() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            boolean exponentSign = (c == '+' || c == '-') && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E');
            if (Character.isLetterOrDigit(c) || c == '.' || exponentSign) {
                pos++;
            } else {
                break;
            }
        }
    }

    private String identifier() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_' || text.charAt(pos) == ':')) {
            pos++;
        }
        require(pos > start, "expected a name");
        return text.substring(start, pos);
    }

    private boolean nextWordIs(String word) {
        int end = pos + word.length();
        return text.startsWith(word, pos) && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)) && text.charAt(end) != '_');
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else {
                return;
            }
        }
    }

    private void require(boolean ok, String problem) {
        if (!ok) {
            throw error(problem);
        }
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException(problem + " at " + pos + " in: " + text);
    }
}
