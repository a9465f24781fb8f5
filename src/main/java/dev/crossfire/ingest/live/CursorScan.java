package dev.crossfire.ingest.live;

import java.nio.charset.StandardCharsets;

/**
 * Jetstream's {@code time_us} read off a message's bytes without parsing it: the socket's thread needs
 * the newest cursor to resume from, and a full parse belongs to the converter.
 */
final class CursorScan {

    private static final byte[] KEY = "\"time_us\"".getBytes(StandardCharsets.US_ASCII);
    /** Jetstream writes it among the first fields; a long record text is not searched. */
    private static final int SEARCH_BYTES = 512;

    private CursorScan() {
    }

    /** The first {@code "time_us": <digits>} near the start, or -1. */
    static long timeUs(byte[] message) {
        int end = Math.min(message.length, SEARCH_BYTES) - KEY.length;
        outer:
        for (int i = 0; i <= end; i++) {
            for (int k = 0; k < KEY.length; k++) {
                if (message[i + k] != KEY[k]) {
                    continue outer;
                }
            }
            int j = i + KEY.length;
            while (j < message.length && (message[j] == ' ' || message[j] == ':')) {
                j++;
            }
            long value = 0;
            int digits = 0;
            while (j < message.length && message[j] >= '0' && message[j] <= '9' && digits < 18) {
                value = value * 10 + (message[j] - '0');
                j++;
                digits++;
            }
            return digits == 0 ? -1 : value;
        }
        return -1;
    }
}
