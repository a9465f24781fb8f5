package dev.crossfire.embedded;

import java.util.Map;
import java.util.Objects;

/**
 * A topic to create on the embedded broker.
 *
 * @param name       topic name
 * @param partitions number of partitions, at least 1 (replication factor is always 1: there is one broker)
 * @param compacted  {@code true} for {@code cleanup.policy=compact}
 * @param configs    further topic configs (may be empty); an explicit {@code cleanup.policy} here wins over {@code compacted}
 */
public record TopicSpec(String name, int partitions, boolean compacted, Map<String, String> configs) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("topic name must not be blank");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be >= 1, got " + partitions);
        }
        configs = Map.copyOf(Objects.requireNonNull(configs, "configs"));
    }

    public TopicSpec(String name, int partitions, boolean compacted) {
        this(name, partitions, compacted, Map.of());
    }

    /** A regular (delete-policy) topic. */
    public static TopicSpec of(String name, int partitions) {
        return new TopicSpec(name, partitions, false);
    }

    /** A compacted topic ({@code cleanup.policy=compact}). */
    public static TopicSpec compacted(String name, int partitions) {
        return new TopicSpec(name, partitions, true);
    }

    /** A copy with one more topic config. */
    public TopicSpec withConfig(String key, String value) {
        var merged = new java.util.HashMap<>(configs);
        merged.put(key, value);
        return new TopicSpec(name, partitions, compacted, merged);
    }

    /** The configs to send with the create request: {@link #configs()} plus the cleanup policy if compacted. */
    public Map<String, String> effectiveConfigs() {
        if (!compacted || configs.containsKey("cleanup.policy")) {
            return configs;
        }
        var merged = new java.util.HashMap<>(configs);
        merged.put("cleanup.policy", "compact");
        return Map.copyOf(merged);
    }
}
