package dev.crossfire.ingest;

import java.io.IOException;
import java.io.Reader;

/**
 * Lines of a stream of any size, each held in memory only up to a bound: a longer line is read
 * through to its end and handed over as {@link Line#tooLong()}, so one runaway line costs neither
 * the heap nor the lines after it.
 */
public final class BoundedLines {

    /** One line; {@code text} is null when the line was longer than the bound. */
    public record Line(long number, String text, long length) {
        public boolean tooLong() {
            return text == null;
        }
    }

    private final Reader in;
    private final int maxChars;
    private final char[] buffer = new char[8192];
    private int pos;
    private int end;
    private long number;

    public BoundedLines(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next line without its line break, or null at the end of the stream. */
    public Line next() throws IOException {
        StringBuilder line = new StringBuilder();
        long length = 0;
        boolean any = false;
        while (true) {
            if (pos == end) {
                end = in.read(buffer, 0, buffer.length);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    if (!any) {
                        return null;
                    }
                    return finish(line, length);
                }
            }
            any = true;
            int start = pos;
            while (pos < end && buffer[pos] != '\n') {
                pos++;
            }
            int n = pos - start;
            length += n;
            if (line != null) {
                if (length > maxChars) {
                    line = null; // keep reading to the line's end, keep nothing
                } else {
                    line.append(buffer, start, n);
                }
            }
            if (pos < end) {
                pos++; // the '\n'
                return finish(line, length);
            }
        }
    }

    private Line finish(StringBuilder line, long length) {
        number++;
        if (line == null) {
            return new Line(number, null, length);
        }
        int len = line.length();
        if (len > 0 && line.charAt(len - 1) == '\r') {
            line.setLength(len - 1);
        }
        return new Line(number, line.toString(), length);
    }
}
