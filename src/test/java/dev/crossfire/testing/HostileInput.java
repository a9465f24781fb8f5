package dev.crossfire.testing;

import java.util.HexFormat;
import java.util.Random;

/**
 * Generators of the input a hostile or broken producer sends: raw bytes of every shape and text
 * made of the characters that break string handling (lone surrogates, controls, combining marks,
 * case mappings that change length, bidi controls, non-characters).
 */
public final class HostileInput {

    /** Characters chosen for what they do to code that assumes plain text. */
    private static final String[] JUNK = {
        "\u0000", "\u0007", "\u001b[2K", "\r\n", "\t", "\u2028", "\u2029", // controls, line separators
        "\uD800", "\uDBFF", "\uDC00", "\uDFFF", // lone surrogates
        "\uD83D\uDE00", "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "\uD83C\uDFFD", // emoji, ZWJ family, skin tone
        "e\u0301", "Z\u0351\u0357\u0315\u0353\u0324\u035C\u0320\u0359", // combining marks (zalgo)
        "\u0130", "\u0131", "\u00DF", "\uFB03", "\u1E9E", "\u03A3", // İ ı ß ﬃ ẞ Σ: case mappings that change length
        "\u200B", "\u200C", "\u200D", "\uFEFF", "\u00A0", "\u3000", // zero-width, BOM, non-breaking spaces
        "\u202E", "\u202D", "\u2066", "\u200F", // bidi overrides and isolates
        "\uFFFD", "\uFFFF", "\uFFFE", "\uDBFF\uDFFF", // replacement, non-characters, U+10FFFF
        "\uFF20", "\uFF03", "\uFF1A\uFF0F\uFF0F", // full-width @ # ://
        "@", "#", "@@", "@ ", "http://", "https://x.invalid/@a", "www.", ".com",
        "Jeff Sessions", "SESSIONS", "Sessions'", "Trump's", "@jeffsessions", "@realDonaldTrump", "#Tuberville",
        "\u0645\u0631\u062D\u0628\u0627", "\u05E9\u05DC\u05D5\u05DD", "\u4F60\u597D", "\u0928\u092E\u0938\u094D\u0924\u0947",
        " ", "  ", "a", "liar", "coward", "!!!", "?", "\"", "\\", "{", "}", "null", "\\u0000",
    };

    private HostileInput() {
    }

    /** Bytes of a random length up to {@code maxLength}, in one of several shapes (pure noise, a magic byte, JSON-ish, text). */
    public static byte[] bytes(Random random, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        if (length == 0) {
            return bytes;
        }
        switch (random.nextInt(5)) {
            case 0 -> bytes[0] = 0; // looks like Confluent Avro
            case 1 -> bytes[0] = '{'; // looks like JSON
            case 2 -> {
                byte[] text = text(random, length).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                return java.util.Arrays.copyOf(text, Math.min(text.length, maxLength));
            }
            default -> { } // noise
        }
        return bytes;
    }

    /** Text of about {@code maxChars} at most, mixing plain words with {@link #JUNK}. */
    public static String text(Random random, int maxChars) {
        StringBuilder s = new StringBuilder();
        int target = random.nextInt(maxChars + 1);
        while (s.length() < target) {
            int pick = random.nextInt(4);
            if (pick == 0) {
                s.append((char) random.nextInt(0x10000)); // any UTF-16 unit, surrogates included
            } else {
                s.append(JUNK[random.nextInt(JUNK.length)]);
            }
        }
        return s.length() > maxChars ? s.substring(0, maxChars) : s.toString();
    }

    /** A handle-like string: sometimes plain, sometimes junk. */
    public static String handle(Random random) {
        return random.nextInt(3) == 0 ? text(random, 20) + "h" : "user" + random.nextInt(1_000);
    }

    public static String hex(byte[] bytes) {
        if (bytes == null) {
            return "null";
        }
        String hex = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 64));
        return bytes.length > 64 ? hex + "... (" + bytes.length + " bytes)" : hex;
    }
}
