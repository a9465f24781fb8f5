package dev.crossfire.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waiting on and stopping a JVM a test started, whose output goes to a log file. */
public final class ChildProcess {

    private ChildProcess() {
    }

    /**
     * Waits until {@code log} holds {@code text} at least {@code times} times; fails at once, with
     * the log, when the process exits first, and with the log after {@code timeout}.
     */
    public static void awaitLog(Path log, String text, int times, Duration timeout, Process process) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && occurrences(Files.readString(log), text) >= times) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError(log.getFileName() + ": the process exited: " + Files.readString(log));
            }
            Thread.sleep(200);
        }
        throw new AssertionError("'" + text + "' not logged " + times + " time(s) in " + log.getFileName() + " within "
            + timeout.toSeconds() + " s: " + (Files.exists(log) ? Files.readString(log) : "(no log)"));
    }

    /** SIGTERM, as a platform stops it, then SIGKILL if it has not exited within {@code grace}. */
    public static void stop(Process process, Duration grace) throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static int occurrences(String log, String text) {
        int count = 0;
        for (int at = log.indexOf(text); at >= 0; at = log.indexOf(text, at + text.length())) {
            count++;
        }
        return count;
    }
}
