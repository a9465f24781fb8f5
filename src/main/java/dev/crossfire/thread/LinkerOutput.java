package dev.crossfire.thread;

import dev.crossfire.avro.LinkStatus;
import dev.crossfire.avro.ParentRequest;
import dev.crossfire.avro.ThreadLink;

/** What the thread linker does, as effects for its adapter to carry out. */
public interface LinkerOutput {

    /** A post this partition owns has its place: it goes out on the threads topic. */
    void threaded(ThreadLink link);

    /** A child asks the partition that owns its parent (that may be this one). */
    void ask(ParentRequest request);

    /** A child's place is decided here, at its parent's partition: the link goes to the child's own partition. */
    void decided(ThreadLink childLink);

    /** A child began to wait here (for counting). */
    default void waiting(ParentRequest request) {
    }

    /** A waiting child was decided (for counting). */
    default void released(LinkStatus status) {
    }

    /** A child could not wait: its parent's list was full, so it became an orphan at once (for counting). */
    default void overflow(ParentRequest request) {
    }
}
