package dev.crossfire.app;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Replay's progress: on a terminal a bar redrawn in place a few times a second (done, rate, ETA);
 * elsewhere (a log, a pipe) nothing until the one-line summary, so logs stay readable.
 */
final class ReplayProgress {

    private static final long REDRAW_NANOS = 250_000_000L;
    private static final int BAR = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final long total;
    private final long startNanos;
    private long lastDraw;

    /** {@code total}: posts expected, or -1 when unknown (standard input). */
    ReplayProgress(PrintStream out, boolean terminal, long total, long startNanos) {
        this.out = out;
        this.terminal = terminal;
        this.total = total;
        this.startNanos = startNanos;
    }

    void update(long sent, long nowNanos) {
        if (!terminal || nowNanos - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = nowNanos;
        out.print('\r' + line(sent, nowNanos));
        out.flush();
    }

    void finish() {
        if (terminal) {
            out.print("\r\033[K");
            out.flush();
        }
    }

    String line(long sent, long nowNanos) {
        double seconds = Math.max(1e-9, (nowNanos - startNanos) / 1e9);
        double rate = sent / seconds;
        if (total <= 0) {
            return String.format(Locale.ROOT, "%,d posts  %,.0f/s", sent, rate);
        }
        double done = Math.min(1.0, (double) sent / total);
        int filled = (int) Math.round(done * BAR);
        String bar = "=".repeat(filled) + (filled < BAR ? ">" + " ".repeat(BAR - filled - 1) : "");
        long etaSeconds = rate > 0 ? (long) ((total - sent) / rate) : -1;
        return String.format(Locale.ROOT, "[%s] %3.0f%%  %,d/%,d posts  %,.0f/s  ETA %s", bar, done * 100, sent, total, rate,
            etaSeconds < 0 ? "?" : String.format(Locale.ROOT, "%d:%02d", etaSeconds / 60, etaSeconds % 60));
    }
}
