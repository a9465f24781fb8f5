package dev.crossfire.connect;

/**
 * Avro 1.12 builds generated classes only from packages named in {@code org.apache.avro.SERIALIZABLE_PACKAGES},
 * read when its {@code SpecificData} is first used. The CLI sets it at start; in a Connect worker the plugin's own
 * Avro copy reads it when the task first serializes, so the task adds crossfire's package to whatever the
 * worker already trusts, leaving the rest alone.
 */
final class AvroTrust {

    static final String PROPERTY = "org.apache.avro.SERIALIZABLE_PACKAGES";
    static final String PACKAGE = "dev.crossfire.avro";

    private AvroTrust() {
    }

    static synchronized void ensure() {
        String trusted = System.getProperty(PROPERTY);
        if (trusted == null || trusted.isBlank()) {
            System.setProperty(PROPERTY, PACKAGE);
        } else if (!java.util.Arrays.asList(trusted.split(",")).contains(PACKAGE)) {
            System.setProperty(PROPERTY, trusted + "," + PACKAGE);
        }
    }
}
