package dev.crossfire.bench;

/**
 * When each of the last {@code capacity} posts was first sent, by its number in the workload: the
 * start of an alert's latency, in constant memory. A post further back than that reads as unknown.
 */
final class SendTimes {

    private final long[] numbers; // number + 1, so that 0 is an empty slot
    private final long[] millis;
    private final int mask;

    /** At least {@code capacity} posts, rounded up to a power of two. */
    SendTimes(int capacity) {
        int size = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
        numbers = new long[size];
        millis = new long[size];
        mask = size - 1;
    }

    int capacity() {
        return numbers.length;
    }

    /** The first send counts; a duplicate sent again later does not move it. */
    synchronized void sent(long number, long atMillis) {
        int slot = (int) (number & mask);
        if (numbers[slot] != number + 1) {
            numbers[slot] = number + 1;
            millis[slot] = atMillis;
        }
    }

    /** When the post was first sent, or -1 if it was not, or too many posts ago. */
    synchronized long sentAt(long number) {
        int slot = (int) (number & mask);
        return number >= 0 && numbers[slot] == number + 1 ? millis[slot] : -1;
    }

    /** The workload's number of a post id ("x:" and a number from {@link Workload#FIRST_ID}), or -1. */
    static long number(String postId) {
        if (!postId.startsWith("x:")) {
            return -1;
        }
        try {
            return Long.parseLong(postId.substring(2)) - Workload.FIRST_ID;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
