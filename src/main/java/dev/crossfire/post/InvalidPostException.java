package dev.crossfire.post;

/** A post that cannot be accepted, with a machine-readable reason and a one-line explanation. */
public final class InvalidPostException extends Exception {

    private final RejectReason reason;

    public InvalidPostException(RejectReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}
