package dev.crossfire.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The files a user hands to {@code detect}: a figures registry and a posts file, written for a scenario. */
public final class SeedFiles {

    private SeedFiles() {
    }

    /** Trump and Sessions (and, with {@code withTuberville}, Tuberville) in the figures file format. */
    public static Path figures(Path dir, boolean withTuberville) throws IOException {
        String yaml = """
            - {id: donald-trump, name: Donald J. Trump, aliases: [Trump, Donald Trump, President Trump], accounts: [{platform: x, handle: realDonaldTrump, id: "25073877"}]}
            - {id: jeff-sessions, name: Jeff Sessions, aliases: [Sessions, Jeff Sessions], accounts: [{platform: x, handle: jeffsessions}]}
            """;
        if (withTuberville) {
            yaml += "- {id: tommy-tuberville, name: Tommy Tuberville, aliases: [Tuberville, Tommy Tuberville], "
                + "accounts: [{platform: x, handle: TTuberville}]}\n";
        }
        Path file = dir.resolve("figures.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** One line per post, in the order given (arrival order), plus any raw lines appended. */
    public static Path posts(Path dir, PostBuilder[] posts, String... rawLines) throws IOException {
        List<String> lines = new ArrayList<>();
        for (PostBuilder p : posts) {
            lines.add(p.json());
        }
        lines.addAll(List.of(rawLines));
        Path file = dir.resolve("posts.jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }
}
