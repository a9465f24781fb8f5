package dev.crossfire.figure;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes figures in the contract's YAML form, one entry per figure, accounts in flow style with
 * an optional comment each (office, campaign, an earlier name...), so a registry stays readable and
 * diffs stay small. {@link FigureFile} reads it back.
 */
public final class FigureYaml {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9 .'&()_/-]*");
    private static final List<String> YAML_WORDS = List.of("yes", "no", "on", "off", "true", "false", "null", "y", "n", "~");

    private FigureYaml() {
    }

    /**
     * @param header       comment lines written first (provenance, licences), without the leading {@code #}
     * @param sources      per figure id, a comment line written above its entry (may be empty)
     * @param accountNotes per figure id and account handle (lower case), a comment after the account
     */
    public static String write(List<Figure> figures, List<String> header, Map<String, String> sources,
                               Map<String, Map<String, String>> accountNotes) {
        StringBuilder out = new StringBuilder();
        for (String line : header) {
            out.append(line.isEmpty() ? "#" : "# " + line).append('\n');
        }
        for (Figure f : figures) {
            out.append('\n');
            String source = sources.get(f.id());
            if (source != null && !source.isEmpty()) {
                out.append("# ").append(source).append('\n');
            }
            out.append("- id: ").append(scalar(f.id())).append('\n');
            out.append("  name: ").append(scalar(f.name())).append('\n');
            if (!f.aliases().isEmpty()) {
                out.append("  aliases: [");
                for (int i = 0; i < f.aliases().size(); i++) {
                    out.append(i == 0 ? "" : ", ").append(scalar(f.aliases().get(i)));
                }
                out.append("]\n");
            }
            if (f.role() != null) {
                out.append("  role: ").append(scalar(f.role())).append('\n');
            }
            if (f.affiliation() != null) {
                out.append("  affiliation: ").append(scalar(f.affiliation())).append('\n');
            }
            out.append("  accounts:\n");
            Map<String, String> notes = accountNotes.getOrDefault(f.id(), Map.of());
            for (Account a : f.accounts()) {
                out.append("    - {platform: ").append(a.platform()).append(", handle: ").append(scalar(a.handle()));
                if (a.accountId() != null) {
                    out.append(", id: \"").append(a.accountId()).append('"');
                }
                out.append('}');
                String note = notes.get(a.handle().toLowerCase(Locale.ROOT));
                if (note != null) {
                    out.append("  # ").append(note);
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** Plain where YAML reads it back as the same string, double-quoted otherwise. */
    static String scalar(String value) {
        if (PLAIN.matcher(value).matches() && !YAML_WORDS.contains(value.toLowerCase(Locale.ROOT)) && !value.endsWith(" ")) {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
