package dev.crossfire.cli;

/**
 * What crossfire's exit status means, the same in every command, so that a script can tell a run
 * that read all of its input from one that left lines out.
 */
public final class ExitCodes {

    /** Done, every input line read. */
    public static final int OK = 0;
    /** Failed: nothing or not all was done; the reason is the last line on stderr. */
    public static final int FAILED = 1;
    /** The command line itself is wrong (unknown option, missing argument). */
    public static final int USAGE = 2;
    /** Done, but some input lines were rejected: each is reported with its line number and kept where the command says. */
    public static final int PARTIAL = 3;

    private ExitCodes() {
    }

    static int of(long rejected) {
        return rejected == 0 ? OK : PARTIAL;
    }
}
