package dev.crossfire.ingest.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where {@code ingest} keeps Jetstream's cursor between runs: one line, the {@code time_us} of the
 * newest event whose posts the brokers have acknowledged. Written to a temporary file and moved into
 * place, so a kill mid-write leaves the old cursor, never half of one.
 */
public final class CursorFile {

    private final Path path;

    public CursorFile(Path path) {
        this.path = path;
    }

    /** The cursor kept, or -1 when there is none yet. */
    public long read() throws IOException {
        if (!Files.exists(path)) {
            return -1;
        }
        String text = Files.readString(path, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return -1;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IOException(path + " is not a cursor file (one number, Jetstream's time_us): '" + text + "'");
        }
    }

    public void write(long cursorUs) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
        Files.writeString(tmp, cursorUs + "\n", StandardCharsets.UTF_8);
        try {
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public Path path() {
        return path;
    }
}
