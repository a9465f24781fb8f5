package dev.crossfire.post;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Where bytes stop being UTF-8. Lenient decoding would turn a bad byte into U+FFFD and say nothing;
 * crossfire reports it instead, with the column, and keeps the bytes as they were.
 */
public final class Utf8 {

    private Utf8() {
    }

    /** The bytes as text, or, when they are not all UTF-8, where the first bad byte is. */
    public record Decoded(String text, int badByteAt) {
    }

    /** Decodes strictly, once: the caller gets the text, or the place of the first byte that is not UTF-8. */
    public static Decoded decode(byte[] bytes) {
        if (isAscii(bytes)) {
            return new Decoded(new String(bytes, StandardCharsets.US_ASCII), -1);
        }
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = strict.decode(in, out, true);
        if (!result.isError()) {
            result = strict.flush(out);
        }
        return result.isError() ? new Decoded(null, in.position()) : new Decoded(out.flip().toString(), -1);
    }

    /** The index of the first byte that cannot start or continue a character, or -1 when all are UTF-8. */
    public static int firstBadByte(byte[] bytes) {
        return isAscii(bytes) ? -1 : decode(bytes).badByteAt();
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * For a whole file: "L:C: not UTF-8: ..." (line and column) for its first byte that is not UTF-8, or null
     * when it is all UTF-8. Columns count bytes, from 1.
     */
    public static String problemInFile(byte[] bytes) {
        int at = firstBadByte(bytes);
        if (at < 0) {
            return null;
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return line + ":" + (at - lineStart + 1) + ": " + what(bytes[at], "");
    }

    /** The problem in words, for the byte {@link #firstBadByte} found at {@code at}. */
    public static String problem(byte[] bytes, int at) {
        return what(bytes[at], " at column " + (at + 1));
    }

    private static String what(byte bad, String where) {
        return String.format("not UTF-8: byte 0x%02X%s cannot start or continue a character", bad & 0xff, where);
    }
}
