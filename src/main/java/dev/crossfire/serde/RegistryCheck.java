package dev.crossfire.serde;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The start-up check against an external registry: it answers, and crossfire's schemas fit what is
 * registered under their subjects (compatible by the subject's rule, or registered already when
 * crossfire may not register). Any problem stops the start with one line naming the subject.
 */
public final class RegistryCheck {

    private RegistryCheck() {
    }

    /**
     * @param schemasBySubject crossfire's schema for each subject it will write
     * @throws SchemaRegistryException with every problem found, one clause each
     */
    public static void verify(HttpSchemaRegistryClient registry, Map<String, Schema> schemasBySubject) {
        List<String> problems = new ArrayList<>();
        for (var entry : schemasBySubject.entrySet()) {
            String subject = entry.getKey();
            Schema schema = entry.getValue();
            try {
                if (registry.settings().autoRegister()) {
                    if (!registry.isCompatible(subject, schema)) {
                        problems.add("subject " + subject + " (" + registry.compatibility(subject) + ") refuses crossfire's "
                            + schema.getFullName());
                    }
                } else if (registry.settings().useLatestVersion()) {
                    registry.latest(subject);
                } else {
                    registry.idOf(subject, schema);
                }
            } catch (SchemaRegistryException e) {
                if (e.status() == 0) {
                    throw e; // unreachable: one line says it all
                }
                problems.add(subject + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new SchemaRegistryException("schema registry check failed: " + String.join("; ", problems));
        }
    }
}
