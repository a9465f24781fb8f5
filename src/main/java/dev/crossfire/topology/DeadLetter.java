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
    /** Set by the live sources ({@code ingest}, the Connect source) on a message they could not make posts of. */
    public static final String SOURCE_NETWORK = "crossfire.source.network";
    public static final String SOURCE_URL = "crossfire.source.url";
    /** Jetstream's {@code time_us} of the message, when it had one. */
    public static final String SOURCE_CURSOR = "crossfire.source.cursor";
    /** The message's real length when only its beginning could be kept (longer than the dead-letter bound). */
    public static final String SOURCE_LENGTH = "crossfire.source.length";
    /** The stage of a live source's rejections: before the posts topic, so the topology never saw them. */
    public static final String STAGE_SOURCE = "source";
    /** Marks a control record on the posts topic (its value is ignored), e.g. {@link EndOfInput}. */
    public static final String CONTROL = "crossfire.control";

    private DeadLetter() {
    }
}
