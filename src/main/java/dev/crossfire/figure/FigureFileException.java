package dev.crossfire.figure;

import java.util.List;

/**
 * A public-figures file that cannot be used. The message lists every problem found, one per line,
 * each naming the entry (1-based position, line, id when known), so that a file can be fixed in
 * one pass instead of one error at a time.
 */
public class FigureFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final List<String> problems;

    public FigureFileException(String source, List<String> problems) {
        this(source, problems, null);
    }

    public FigureFileException(String source, List<String> problems, Throwable cause) {
        super(message(source, problems), cause);
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** Where the figures were read from (a file name, or a description of the stream). */
    public String source() {
        return source;
    }

    /** Every problem found, one sentence each. */
    public List<String> problems() {
        return problems;
    }

    private static String message(String source, List<String> problems) {
        StringBuilder sb = new StringBuilder("public-figures file ").append(source).append(" has ")
                .append(problems.size()).append(problems.size() == 1 ? " problem:" : " problems:");
        for (String p : problems) {
            sb.append(System.lineSeparator()).append("  ").append(p);
        }
        return sb.toString();
    }
}
