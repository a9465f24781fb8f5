package dev.crossfire.serde;

import org.apache.avro.Schema;

/**
 * The part of a Confluent-compatible schema registry that the serdes need. The in-memory registry
 * serves the embedded mode and tests; an HTTP client for the Confluent REST API implements the same
 * interface, so the serdes never know which one they talk to.
 */
public interface SchemaRegistryClient extends AutoCloseable {

    /** Registers the schema under the subject, or returns its id if already there (idempotent). */
    int register(String subject, Schema schema);

    /** The schema registered under this id; throws {@link SchemaRegistryException} if unknown. */
    Schema schemaById(int id);

    /** The id of a schema already registered under the subject, without registering it. */
    int idOf(String subject, Schema schema);

    /** The subject's latest version. */
    RegisteredSchema latest(String subject);

    @Override
    default void close() {
    }
}
