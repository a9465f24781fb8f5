package dev.crossfire.serde;

/** A registry refused or could not answer a request; the message says which and why. */
public class SchemaRegistryException extends RuntimeException {

    private final int status;
    private final int errorCode;

    public SchemaRegistryException(String message) {
        this(message, 0, 0, null);
    }

    public SchemaRegistryException(String message, Throwable cause) {
        this(message, 0, 0, cause);
    }

    public SchemaRegistryException(String message, int status, int errorCode, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    /** The HTTP status, 0 when the registry was not reached or the registry is in memory. */
    public int status() {
        return status;
    }

    /**
     * Whether trying again later can succeed: the registry was not reached (connection refused, time-out),
     * was overloaded (429) or failed (5xx). A record whose schema cannot be fetched for such a reason is not
     * bad input: it must wait for the registry, not go to the dead-letter topic.
     */
    public boolean isTransient() {
        return getCause() instanceof java.io.IOException || status >= 500 || status == 429 || status == 408;
    }

    /** Whether {@code t} or one of its causes is a {@linkplain #isTransient() transient} registry failure. */
    public static boolean isTransientIn(Throwable t) {
        Throwable c = t;
        for (int depth = 0; c != null && depth < 16; depth++, c = c.getCause()) { // causes can form a cycle
            if (c instanceof SchemaRegistryException e && e.isTransient()) {
                return true;
            }
        }
        return false;
    }

    /** Confluent's error code (40401 subject not found, 40403 schema not found, ...), 0 when none. */
    public int errorCode() {
        return errorCode;
    }
}
