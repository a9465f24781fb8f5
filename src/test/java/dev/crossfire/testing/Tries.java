package dev.crossfire.testing;

import java.util.Random;

/**
 * Property-based testing on plain JUnit: a property is a body run for a number of tries, each with
 * its own {@link Random} derived from a fixed seed, so every run generates the same inputs and a
 * falsified try names the seed and try that reproduce it. No shrinking: the generators keep inputs
 * small enough to read, and the failure message carries the input's own description.
 *
 * <p>{@code -Dcrossfire.tries=N} runs N tries instead of the property's own count and
 * {@code -Dcrossfire.seed=S} another seed, to search further by hand; the build runs the fixed ones.
 */
public final class Tries {

    /** One try: generates its input from {@code random} and asserts the property on it. */
    @FunctionalInterface
    public interface Body {
        void run(Random random, int index) throws Exception;
    }

    private Tries() {
    }

    public static void run(String property, long seed, int tries, Body body) {
        long useSeed = Long.getLong("crossfire.seed", seed);
        int count = Integer.getInteger("crossfire.tries", tries);
        for (int i = 0; i < count; i++) {
            Random random = new Random(useSeed * 1_000_003L + i);
            try {
                body.run(random, i);
            } catch (Throwable t) {
                AssertionError failure = new AssertionError("property '" + property + "' falsified at try " + i + " of " + count
                    + " (seed " + useSeed + "; -Dcrossfire.seed=" + useSeed + " reproduces it): " + t, t);
                throw failure;
            }
        }
    }
}
