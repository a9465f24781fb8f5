package dev.crossfire.topology;

/**
 * Header names on dead-letter records. The record keeps its original key, value and headers; these
 * say why it was rejected and where it came from, so it can be inspected and replayed.
 */
public final class DeadLetter {

    public static final String REASON = "crossfire.error.reason";
    public static final String MESSAGE = "crossfire.error.message";
    public static final String STAGE = "crossfire.error.stage";
    public static final String SOURCE_TOPIC = "crossfire.source.topic";
    public static final String SOURCE_PARTITION = "crossfire.source.partition";
    public static final String SOURCE_OFFSET = "crossfire.source.offset";
    /** Set by {@code detect} on every record it produces: the 1-based line of the input file. */
    public static final String SOURCE_LINE = "crossfire.source.line";
    /** Control records (value ignored) that only advance stream time, e.g. at the end of a file. */
    public static final String CONTROL = "crossfire.control";
    public static final String CONTROL_FLUSH = "flush";
    /**
     * The stream time a control record moves to, in epoch milliseconds as decimal text. A header and
     * not the record timestamp: crossfire's posts topic stamps records with the broker's append time.
     */
    public static final String CONTROL_TIME = "crossfire.control.time";

    private DeadLetter() {
    }
}
