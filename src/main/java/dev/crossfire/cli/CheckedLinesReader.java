package dev.crossfire.cli;

import dev.crossfire.ingest.BoundedLines;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.function.BiConsumer;

/**
 * A text file as a {@link Reader}, line by line, for parsers that take one (CSV): a line that is not
 * UTF-8, or longer than the bound, is reported by its number and read as an empty line, so the
 * lines after it keep their numbers and are read as usual. Strict decoding would stop the whole file
 * at the first bad byte; lenient decoding would change the text without a word.
 */
final class CheckedLinesReader extends Reader {

    private final InputStream in;
    private final BoundedLines lines;
    private final BiConsumer<Long, String> onBadLine;
    private String current = "";
    private int pos;
    private boolean done;

    /** @param onBadLine told the line number and the problem of each line read as empty */
    CheckedLinesReader(InputStream in, int maxLineBytes, BiConsumer<Long, String> onBadLine) {
        this.in = in;
        this.lines = new BoundedLines(in, maxLineBytes);
        this.onBadLine = onBadLine;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (pos >= current.length()) {
            if (done) {
                return -1;
            }
            BoundedLines.Line line = lines.next();
            if (line == null) {
                done = true;
                return -1;
            }
            String problem = line.problem(lines.maxBytes());
            if (problem != null) {
                onBadLine.accept(line.number(), problem);
                current = "\n";
            } else {
                current = line.text() + "\n";
            }
            pos = 0;
        }
        int n = Math.min(len, current.length() - pos);
        current.getChars(pos, pos + n, buf, off);
        pos += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
