package dev.crossfire.figure;

import java.util.List;
import java.util.Locale;

/**
 * One social-media account of a public figure.
 *
 * <p>Values are normalised on construction so that every consumer compares them the same way:
 * {@code platform} is trimmed and lower-cased ({@code "twitter"} is accepted as a synonym of
 * {@code "x"}) and must be one of {@link #PLATFORMS}; {@code handle} is trimmed and one leading
 * {@code @} is stripped ({@code "@jeffsessions"} and {@code "jeffsessions"} are the same handle),
 * its case is kept for display but never used for comparison (see {@link #handleKey()});
 * {@code accountId}, the platform's own stable id of the account, is optional: blank becomes
 * {@code null}.
 *
 * @param platform  x, bluesky, mastodon, threads or other
 * @param handle    the handle without the leading {@code @}
 * @param accountId the platform's id of the account, or {@code null} when unknown
 */
public record Account(String platform, String handle, String accountId) {

    /** The platforms an account may be on, in the order they are listed in error messages. */
    public static final List<String> PLATFORMS = List.of("x", "bluesky", "mastodon", "threads", "other");

    public Account {
        platform = normalizePlatform(platform);
        handle = normalizeHandle(handle);
        accountId = normalizeAccountId(platform, accountId);
    }

    /** An account whose platform id is unknown. */
    public Account(String platform, String handle) {
        this(platform, handle, null);
    }

    /** The handle as compared: lower case, no leading {@code @}. */
    public String handleKey() {
        return handleKey(handle);
    }

    /**
     * Normalises a platform name: trimmed, lower case, {@code twitter} becomes {@code x}.
     *
     * @throws IllegalArgumentException if it is blank or not one of {@link #PLATFORMS}
     */
    /**
     * Account ids compare without a platform prefix: posts carry them as in contracts.md
     * ({@code "x:25073877"}), registries often write the bare platform id ({@code "25073877"}).
     *
     * @param platform an already normalized platform name
     */
    public static String normalizeAccountId(String platform, String accountId) {
        if (accountId == null || accountId.isBlank()) {
            return null;
        }
        String id = accountId.trim();
        for (String prefix : platform.equals("x") ? List.of("x:", "twitter:") : List.of(platform + ":")) {
            if (id.regionMatches(true, 0, prefix, 0, prefix.length()) && id.length() > prefix.length()) {
                return id.substring(prefix.length());
            }
        }
        return id;
    }

    public static String normalizePlatform(String platform) {
        if (platform == null || platform.isBlank()) {
            throw new IllegalArgumentException("missing platform");
        }
        String p = platform.trim().toLowerCase(Locale.ROOT);
        if (p.equals("twitter")) {
            p = "x";
        }
        if (!PLATFORMS.contains(p)) {
            throw new IllegalArgumentException("unknown platform '" + platform.trim()
                    + "' (expected one of " + String.join(", ", PLATFORMS) + ")");
        }
        return p;
    }

    /**
     * Normalises a handle: trimmed, one leading {@code @} removed, case kept.
     *
     * @throws IllegalArgumentException if it is blank or contains white space
     */
    public static String normalizeHandle(String handle) {
        if (handle == null || handle.isBlank()) {
            throw new IllegalArgumentException("missing handle");
        }
        String h = handle.trim();
        if (h.startsWith("@")) {
            h = h.substring(1);
        }
        if (h.isEmpty()) {
            throw new IllegalArgumentException("missing handle (only '@' given)");
        }
        for (int i = 0; i < h.length(); i++) {
            if (Character.isWhitespace(h.charAt(i)) || Character.isSpaceChar(h.charAt(i))) {
                throw new IllegalArgumentException("handle '" + h + "' contains white space");
            }
        }
        return h;
    }

    /** The comparison key of a handle as written anywhere (with or without {@code @}, any case). */
    static String handleKey(String handle) {
        String h = handle.trim();
        if (h.startsWith("@")) {
            h = h.substring(1);
        }
        return h.toLowerCase(Locale.ROOT);
    }
}
