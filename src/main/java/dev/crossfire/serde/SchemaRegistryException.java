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

    /** Confluent's error code (40401 subject not found, 40403 schema not found, ...), 0 when none. */
    public int errorCode() {
        return errorCode;
    }
}
