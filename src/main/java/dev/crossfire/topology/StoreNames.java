package dev.crossfire.topology;

/** The state stores the query API reads, by name: the one place they are spelled. */
public final class StoreNames {

    /** Figure pair key → the pair's current exchange ({@code ExchangeState}). */
    public static final String EXCHANGES = "exchanges";
    /** Thread root id → the thread's posts ({@code ThreadNode}), a window store on creation time. */
    public static final String THREAD_TREES = "thread-trees";

    private StoreNames() {
    }
}
