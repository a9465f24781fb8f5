package dev.crossfire.ingest.live;

/**
 * One WebSocket message as it came off the wire.
 *
 * @param bytes  its bytes (UTF-8 for a text frame), whole unless {@code length} says it was longer
 * @param length how long it really was; more than {@code bytes.length} when it passed the
 *               dead-letter bound and only its beginning was kept
 * @param binary a binary frame (Jetstream sends those only when asked to compress)
 * @param cursorUs Jetstream's {@code time_us} read off its top level, or -1
 */
record RawMessage(byte[] bytes, long length, boolean binary, long cursorUs) {

    boolean truncated() {
        return length > bytes.length;
    }
}
