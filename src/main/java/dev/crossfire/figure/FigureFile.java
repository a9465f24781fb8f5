package dev.crossfire.figure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads the public-figures file: a YAML or JSON list of figures.
 *
 * <pre>{@code
 * - id: jeff-sessions              # required, stable slug (no white space)
 *   name: Jeff Sessions            # required
 *   aliases: [Sessions, Jeff Sessions, Attorney General Sessions]
 *   role: Former US Attorney General
 *   affiliation: Republican
 *   accounts:                      # required, at least one
 *     - {platform: x, handle: jeffsessions}          # handle may start with @
 *     - {platform: bluesky, handle: "@js.bsky.social", id: "did:plc:abc"}  # id: platform account id
 * }</pre>
 *
 * A top-level mapping with a {@code figures:} list is accepted too. Unknown fields are ignored,
 * so the file can carry notes for humans. Platforms: x (or twitter), bluesky, mastodon, threads,
 * other.
 *
 * <p>Every entry is checked and <em>all</em> problems are reported together in one
 * {@link FigureFileException}, one line each, naming the entry by position (1-based), line and
 * id: missing id / name / accounts, a field of the wrong kind, an unknown platform, a handle
 * with white space, an id used twice, an account claimed by two entries. Nothing is returned
 * unless the whole file is valid: a half-loaded list of figures silently misses people.
 *
 * <p>Format: a {@code .json} file is read as JSON, {@code .yaml}/{@code .yml} as YAML; otherwise
 * (and for streams) content starting with {@code [} or <code>{</code> is JSON, anything else YAML.
 */
public final class FigureFile {

    private static final ObjectMapper JSON = new ObjectMapper(
            JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    private static final ObjectMapper YAML = new ObjectMapper(
            YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    private FigureFile() {
    }

    /**
     * Reads a figures file.
     *
     * @throws IOException         if the file cannot be read
     * @throws FigureFileException if it is not valid YAML/JSON or any entry is invalid
     */
    public static List<Figure> read(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        Boolean json = lower.endsWith(".json") ? Boolean.TRUE
                : lower.endsWith(".yaml") || lower.endsWith(".yml") ? Boolean.FALSE : null;
        return parse(bytes, path.toString(), json);
    }

    /** Reads figures from a stream (not closed), YAML or JSON by content; see {@link #read(Path)}. */
    public static List<Figure> read(InputStream in, String sourceName) throws IOException {
        return parse(in.readAllBytes(), sourceName, null);
    }

    /** Reads figures from a stream (not closed), YAML or JSON by content; see {@link #read(Path)}. */
    public static List<Figure> read(InputStream in) throws IOException {
        return read(in, "<stream>");
    }

    /** Parses figures from the text of a figures file, YAML or JSON by content. */
    public static List<Figure> parse(String content, String sourceName) {
        try {
            return parse(content.getBytes(StandardCharsets.UTF_8), sourceName, null);
        } catch (IOException e) {
            throw new FigureFileException(sourceName, List.of(e.getMessage()), e);
        }
    }

    // ------------------------------------------------------------------ parsing

    /** One element of the list, where it starts: problems begin with {@code line:column:}, as compilers say it. */
    private record Entry(int index, int line, int column, JsonNode node) {
        String describe(String id) {
            String what = id == null ? "no id" : "id '" + id + "'";
            return (line > 0 ? line + ":" + column + ": " : "") + "entry " + index + " (" + what + ")";
        }

        /** The entry as another entry's problem names it. */
        String name(String id) {
            String what = id == null ? "no id" : "id '" + id + "'";
            return "entry " + index + " (" + (line > 0 ? "line " + line + ", " : "") + what + ")";
        }
    }

    private static List<Figure> parse(byte[] bytes, String source, Boolean json) throws IOException {
        String notUtf8 = dev.crossfire.post.Utf8.problemInFile(bytes);
        if (notUtf8 != null) {
            // a registry is all or nothing: half a file would remove the figures it could not read
            throw new FigureFileException(source, List.of(notUtf8));
        }
        boolean asJson = json != null ? json : looksLikeJson(bytes);
        List<Entry> entries;
        try (JsonParser parser = (asJson ? JSON : YAML).createParser(bytes)) {
            entries = readEntries(parser, source);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null || loc.getLineNr() <= 0 ? "" : loc.getLineNr() + ":" + loc.getColumnNr() + ": ";
            throw new FigureFileException(source, List.of(where + "not valid " + (asJson ? "JSON" : "YAML")
                    + ": " + oneLine(e.getOriginalMessage())), e);
        }
        return validate(entries, source);
    }

    /**
     * The parser's own words without its excerpt of the file and the positions it repeats
     * ("in 'reader', line 5..."): the location is already in front, as line:column.
     */
    static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        List<String> words = new ArrayList<>();
        for (String line : message.split("\\R")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("in 'reader'") || t.equals("^") || line.startsWith("    ")) {
                continue;
            }
            words.add(t);
        }
        return String.join(": ", words);
    }

    private static boolean looksLikeJson(byte[] bytes) {
        for (byte b : bytes) {
            char c = (char) (b & 0xFF);
            if (c == '[' || c == '{') {
                return true;
            }
            if (!Character.isWhitespace(c) && (b & 0xFF) != 0xEF && (b & 0xFF) != 0xBB && (b & 0xFF) != 0xBF) {
                return false; // (the UTF-8 byte order mark is skipped)
            }
        }
        return false;
    }

    /** The list elements with the line each starts on; accepts a bare list or {figures: [...]}. */
    private static List<Entry> readEntries(JsonParser parser, String source) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null || token == JsonToken.VALUE_NULL) {
            return List.of(); // empty file: no figures
        }
        if (token == JsonToken.START_OBJECT) {
            boolean found = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("figures".equals(field) && value == JsonToken.START_ARRAY) {
                    found = true;
                    break;
                }
                parser.skipChildren();
            }
            if (!found) {
                throw new FigureFileException(source,
                        List.of("expected a list of figures (or a 'figures:' list), found a mapping without one"));
            }
        } else if (token != JsonToken.START_ARRAY) {
            throw new FigureFileException(source,
                    List.of("expected a list of figures, found " + describeToken(token)));
        }
        List<Entry> entries = new ArrayList<>();
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            JsonLocation at = parser.currentTokenLocation();
            JsonNode node = parser.readValueAsTree();
            entries.add(new Entry(++index, at.getLineNr(), at.getColumnNr(), node));
        }
        return entries;
    }

    private static String describeToken(JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case START_OBJECT -> "a mapping";
            case START_ARRAY -> "a list";
            default -> token.toString();
        };
    }

    private static List<Figure> validate(List<Entry> entries, String source) {
        List<String> problems = new ArrayList<>();
        List<Figure> figures = new ArrayList<>();
        Map<String, Entry> idOwners = new HashMap<>();
        Map<String, String> accountOwners = new HashMap<>(); // platform/handle-key -> entry description

        for (Entry entry : entries) {
            JsonNode node = entry.node();
            if (node == null || !node.isObject()) {
                problems.add(entry.describe(null) + ": expected a mapping with id, name and accounts, found "
                        + kind(node));
                continue;
            }
            List<String> own = new ArrayList<>();
            String id = required(node, "id", own);
            if (id != null && id.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c))) {
                own.add("id '" + id + "' contains white space (use a slug such as jeff-sessions)");
            }
            String where = entry.describe(id);
            String name = required(node, "name", own);
            List<String> aliases = aliases(node.get("aliases"), own);
            String role = text(node, "role", own);
            String affiliation = text(node, "affiliation", own);
            List<Account> accounts = accounts(node.get("accounts"), own);

            if (id != null) {
                Entry first = idOwners.putIfAbsent(id, entry);
                if (first != null) {
                    own.add("duplicate id '" + id + "', already used by entry " + first.index()
                            + (first.line() > 0 ? " (line " + first.line() + ")" : ""));
                }
            }
            if (accounts != null) {
                for (Account a : accounts) {
                    String key = a.platform() + "/" + a.handleKey();
                    String previous = accountOwners.putIfAbsent(key, entry.name(id));
                    if (previous != null) {
                        own.add("account " + a.platform() + " @" + a.handle() + " is also listed by "
                                + (previous.equals(entry.name(id)) ? "this entry" : previous));
                    }
                }
            }
            if (!own.isEmpty()) {
                for (String p : own) {
                    problems.add(where + ": " + p);
                }
                continue;
            }
            figures.add(new Figure(id, name, aliases, role, affiliation, accounts));
        }
        if (!problems.isEmpty()) {
            throw new FigureFileException(source, problems);
        }
        return List.copyOf(figures);
    }

    /** Like {@link #text}, and records "missing field" when it is absent or blank. */
    private static String required(JsonNode node, String field, List<String> problems) {
        int before = problems.size();
        String value = text(node, field, problems);
        if (value == null && problems.size() == before) {
            problems.add("missing " + field);
        }
        return value;
    }

    /** A scalar field as trimmed text; null when absent, null or blank; a problem when not a scalar. */
    private static String text(JsonNode node, String field, List<String> problems) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            problems.add(field + " must be a single value, found " + kind(value));
            return null;
        }
        String s = value.asText().trim();
        return s.isEmpty() ? null : s;
    }

    private static List<String> aliases(JsonNode value, List<String> problems) {
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (value.isValueNode()) {
            return List.of(value.asText()); // a single alias written without brackets
        }
        if (!value.isArray()) {
            problems.add("aliases must be a list of names, found " + kind(value));
            return List.of();
        }
        List<String> aliases = new ArrayList<>();
        int i = 0;
        for (JsonNode a : value) {
            i++;
            if (a.isNull()) {
                continue;
            }
            if (!a.isValueNode()) {
                problems.add("alias " + i + " must be a name, found " + kind(a));
                continue;
            }
            aliases.add(a.asText());
        }
        return aliases;
    }

    /** The accounts, or null (with problems recorded) when missing or invalid. */
    private static List<Account> accounts(JsonNode value, List<String> problems) {
        if (value == null || value.isNull() || (value.isArray() && value.isEmpty())) {
            problems.add("missing accounts (at least one account is required)");
            return null;
        }
        if (!value.isArray()) {
            problems.add("accounts must be a list of {platform, handle}, found " + kind(value));
            return null;
        }
        List<Account> accounts = new ArrayList<>();
        boolean ok = true;
        int i = 0;
        for (JsonNode a : value) {
            i++;
            String prefix = "account " + i + ": ";
            if (!a.isObject()) {
                problems.add(prefix + "expected {platform, handle}, found " + kind(a));
                ok = false;
                continue;
            }
            List<String> own = new ArrayList<>();
            String platform = required(a, "platform", own);
            String handle = required(a, "handle", own);
            String accountId = text(a, "id", own);
            if (platform != null) {
                try {
                    Account.normalizePlatform(platform);
                } catch (IllegalArgumentException e) {
                    own.add(e.getMessage());
                }
            }
            if (handle != null) {
                try {
                    Account.normalizeHandle(handle);
                } catch (IllegalArgumentException e) {
                    own.add(e.getMessage());
                }
            }
            if (!own.isEmpty()) {
                own.forEach(p -> problems.add(prefix + p));
                ok = false;
                continue;
            }
            accounts.add(new Account(platform, handle, accountId));
        }
        return ok ? accounts : null;
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isNull()) {
            return "nothing";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        return "'" + node.asText() + "'";
    }
}
