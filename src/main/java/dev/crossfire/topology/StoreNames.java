package dev.crossfire.topology;

/** Every state store's name: the one place they are spelled. */
public final class StoreNames {

    /** Read-only, changelog = the posts topic: each key's latest posts record, raw, with its Kafka timestamp. */
    public static final String POSTS = "posts-by-key";
    /** Post id → an accepted post that reached its partition through the loop (its producer keyed it otherwise). */
    public static final String STRAYS = "posts-strays";
    /** Read-only, changelog = the thread-links topic: reply or quote id → its decided {@code ThreadLink}. */
    public static final String LINKS = "thread-links";
    /** Parent id → the children waiting at the parent's partition ({@code WaitingChildren}). */
    public static final String WAITING = "thread-waiting";
    /** The linker partition's clock: the newest creation time read on its posts partition. */
    public static final String CLOCK = "linker-clock";
    /** Post id → creation time of a post whose turns wait for its parent's link (the reference named no author). */
    public static final String OWED_TURNS = "owed-turns";
    /** Not logged, rebuilt from {@link #LINKS}: "rootId NUL postId" for each reply or quote, for {@code GET /threads/{rootId}}. */
    public static final String THREAD_MEMBERS = "thread-members";
    /** Turns held until the watermark passes them, keyed in event-time order. */
    public static final String TURN_QUEUE = "turn-queue";
    /** Figure pair key → the pair's current exchange ({@code ExchangeState}). */
    public static final String EXCHANGES = "exchanges";
    /** Target figure id → the current pile-on on that figure ({@code PileOnState}). */
    public static final String PILE_ONS = "pile-ons";

    private StoreNames() {
    }
}
