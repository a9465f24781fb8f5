package dev.crossfire.interaction;

import dev.crossfire.avro.InteractionKind;

/**
 * How directly a kind of interaction addresses its target. A reply or quote is speech to someone;
 * a mention is speech in front of them; a name is speech about them; a repost only amplifies.
 */
public final class Directness {

    private Directness() {
    }

    /** Smaller is more direct; used to pick one kind when a post reaches a figure several ways. */
    public static int rank(InteractionKind kind) {
        return switch (kind) {
            case REPLY -> 0;
            case QUOTE -> 1;
            case MENTION -> 2;
            case NAME -> 3;
            case REPOST -> 4;
        };
    }

    /** The weight a kind carries in the escalation score's directness component. */
    public static double weight(InteractionKind kind) {
        return switch (kind) {
            case REPLY, QUOTE -> 1.0;
            case MENTION -> 0.6;
            case NAME -> 0.5;
            case REPOST -> 0.1;
        };
    }

    /** Reposts amplify but do not answer, so they never make an exchange reciprocal. */
    public static boolean isSpeech(InteractionKind kind) {
        return kind != InteractionKind.REPOST;
    }
}
