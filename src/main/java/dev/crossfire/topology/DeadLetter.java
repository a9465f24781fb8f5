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
    /** Marks a control record on the posts topic (its value is ignored), e.g. {@link EndOfInput}. */
    public static final String CONTROL = "crossfire.control";

    private DeadLetter() {
    }
}
