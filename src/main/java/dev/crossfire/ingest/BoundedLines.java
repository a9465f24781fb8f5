package dev.crossfire.ingest;

import dev.crossfire.post.Utf8;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Lines of a byte stream of any size, each held in memory only up to a bound, each decoded as UTF-8
 * on its own. A longer line is read through to its end and handed over as {@link Line#tooLong()};
 * a line that is not UTF-8 is handed over with its bytes as they were and where the first bad byte
 * is ({@link Line#notUtf8()}). Either way the lines after it are read as usual: one bad line costs
 * neither the heap nor the rest of the file.
 */
public final class BoundedLines {

    /**
     * One line, without its line break (a trailing carriage return is dropped too).
     *
     * @param raw       the line's bytes; null when the line was longer than the bound
     * @param length    the line's length in bytes
     * @param text      the line decoded; null when it was too long or is not UTF-8
     * @param badByteAt where the first byte that is not UTF-8 is, counted from 0; -1 when none is
     */
    public record Line(long number, byte[] raw, long length, String text, int badByteAt) {

        public boolean tooLong() {
            return raw == null;
        }

        public boolean notUtf8() {
            return raw != null && text == null;
        }

        /** What is wrong with the line, in words, or null when it could be read. */
        public String problem(int maxBytes) {
            if (tooLong()) {
                return "line of " + length + " bytes is longer than the " + maxBytes + " allowed";
            }
            if (notUtf8()) {
                return Utf8.problem(raw, badByteAt);
            }
            return null;
        }
    }

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[8192];
    private byte[] line = new byte[256];
    private int pos;
    private int end;
    private long number;

    public BoundedLines(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    public int maxBytes() {
        return maxBytes;
    }

    /** The next line, or null at the end of the stream. */
    public Line next() throws IOException {
        int kept = 0;
        long length = 0;
        boolean any = false;
        while (true) {
            if (pos == end) {
                end = in.read(buffer, 0, buffer.length);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    return any ? finish(kept, length) : null;
                }
            }
            any = true;
            int start = pos;
            while (pos < end && buffer[pos] != '\n') {
                pos++;
            }
            int n = pos - start;
            length += n;
            if (length <= maxBytes) {
                if (kept + n > line.length) {
                    line = Arrays.copyOf(line, Math.max(kept + n, Math.min(maxBytes, 2 * line.length)));
                }
                System.arraycopy(buffer, start, line, kept, n);
                kept += n;
            }
            if (pos < end) {
                pos++; // the '\n'
                return finish(kept, length);
            }
        }
    }

    private Line finish(int kept, long length) {
        number++;
        if (length > 0 && length <= maxBytes && line[kept - 1] == '\r') {
            kept--;
            length--;
        }
        byte[] raw = length > maxBytes ? null : Arrays.copyOf(line, kept);
        if (line.length > 64 * 1024) {
            line = new byte[256]; // a long line's buffer is not kept for the short ones after it
        }
        if (raw == null) {
            return new Line(number, null, length, null, -1);
        }
        Utf8.Decoded decoded = Utf8.decode(raw); // once: the text, or where it stops being UTF-8
        return new Line(number, raw, length, decoded.text(), decoded.badByteAt());
    }
}
