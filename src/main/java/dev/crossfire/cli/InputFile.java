package dev.crossfire.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** A command's input file as users give it: {@code -} for standard input, {@code .gz} read compressed. */
final class InputFile {

    private InputFile() {
    }

    /** @param what what the file holds, for the one-line error ("posts file", "input") */
    static InputStream open(String name, String what) throws IOException {
        if ("-".equals(name)) {
            return System.in;
        }
        try {
            InputStream in = Files.newInputStream(Path.of(name));
            return name.endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read " + what + " " + name + ": no such file");
        }
    }
}
