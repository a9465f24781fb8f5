package dev.crossfire.figure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What loading a registry file changes on the registry topic: figures to add, figures whose entry
 * differs, figures to remove (tombstones), and how many stay as they are. Comparing first keeps the
 * compacted topic free of rewrites that change nothing, and makes removals explicit.
 */
public record RegistryChanges(List<Figure> added, List<Figure> changed, List<String> removed, int unchanged) {

    /** @param current the topic's figures by id (the latest entry of each, removed ones absent) */
    public static RegistryChanges between(Map<String, Figure> current, List<Figure> wanted) {
        List<Figure> added = new ArrayList<>();
        List<Figure> changed = new ArrayList<>();
        int unchanged = 0;
        Map<String, Figure> left = new LinkedHashMap<>(current);
        for (Figure f : wanted) {
            Figure before = left.remove(f.id());
            if (before == null) {
                added.add(f);
            } else if (!before.equals(f)) {
                changed.add(f);
            } else {
                unchanged++;
            }
        }
        return new RegistryChanges(added, changed, new ArrayList<>(left.keySet()), unchanged);
    }

    public boolean isEmpty() {
        return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
    }

    public String describe() {
        return String.format("%d added, %d changed, %d removed, %d unchanged", added.size(), changed.size(), removed.size(), unchanged);
    }
}
