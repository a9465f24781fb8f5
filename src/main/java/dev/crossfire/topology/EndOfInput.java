package dev.crossfire.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The end of a finite input (a file given to {@code detect}, an archive replayed with
 * {@code --end-of-input}): one record on every partition of the posts topic, after its last post,
 * with the header {@link DeadLetter#CONTROL} set to {@link #END_OF_INPUT}. A partition that reads it
 * knows no more posts come: its clock goes to the end of time, which releases every child still
 * waiting for a parent and, once every partition has read one, every turn the exchange desk holds.
 *
 * <p>Whoever can write posts could write one, so only runs that accept it obey it
 * ({@code crossfire.end-of-input.accept}, on for {@code detect}, {@code demo} and {@code bench}, off
 * for {@code run} unless configured); elsewhere it goes to the dead-letter topic.
 */
public final class EndOfInput {

    public static final String END_OF_INPUT = "end-of-input";

    private EndOfInput() {
    }

    /** The control kind the record's headers carry, or null for a post. */
    static String controlOf(Headers headers) {
        Header h = headers == null ? null : headers.lastHeader(DeadLetter.CONTROL);
        if (h == null) {
            return null;
        }
        return h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** The header that marks an end-of-input record. */
    public static byte[] marker() {
        return END_OF_INPUT.getBytes(StandardCharsets.UTF_8);
    }
}
