package dev.crossfire.figure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A public figure (politician, official, celebrity) whose exchanges are watched.
 *
 * <p>Immutable: the lists are copied on construction. Values are tidied so that equal data gives
 * equal records (a re-delivered, unchanged figure is then recognised as "no change"):
 * {@code id} and {@code name} are trimmed and required; aliases are trimmed, blank ones dropped,
 * duplicates removed (first kept); blank {@code role} / {@code affiliation} become {@code null};
 * {@code null} lists become empty lists.
 *
 * <p>The figure's {@code name} always counts as an alias for name matching, whether or not it is
 * repeated in {@code aliases} (see {@link #names()}).
 *
 * @param id          stable slug, e.g. {@code jeff-sessions}
 * @param name        full name, e.g. {@code Jeff Sessions}
 * @param aliases     other ways the figure is named in posts
 * @param role        e.g. {@code Former US Attorney General}; may be {@code null}
 * @param affiliation e.g. a party; may be {@code null}
 * @param accounts    the figure's social accounts
 */
public record Figure(String id, String name, List<String> aliases, String role, String affiliation,
                     List<Account> accounts) {

    public Figure {
        id = requireText(id, "id");
        name = requireText(name, "name");
        aliases = cleanAliases(aliases);
        role = blankToNull(role);
        affiliation = blankToNull(affiliation);
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }

    /** The full name followed by the aliases, without duplicates. */
    public List<String> names() {
        Set<String> all = new LinkedHashSet<>();
        all.add(name);
        all.addAll(aliases);
        return List.copyOf(all);
    }

    /** This figure with another alias list (e.g. an update that adds a nickname). */
    public Figure withAliases(List<String> newAliases) {
        return new Figure(id, name, newAliases, role, affiliation, accounts);
    }

    private static List<String> cleanAliases(List<String> aliases) {
        if (aliases == null || aliases.isEmpty()) {
            return List.of();
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String a : aliases) {
            if (a != null && !a.isBlank()) {
                seen.add(a.trim());
            }
        }
        return List.copyOf(new ArrayList<>(seen));
    }

    private static String requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value.trim();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
