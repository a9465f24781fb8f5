package dev.crossfire.ingest;

/** A platform record that cannot become a post; the message is the reason a reader sees. */
public final class ImportException extends Exception {

    public ImportException(String reason) {
        super(reason);
    }
}
