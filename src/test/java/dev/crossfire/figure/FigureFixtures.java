package dev.crossfire.figure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Shared test data: the figures in {@code src/test/resources/figure/figures.yaml}. */
final class FigureFixtures {

    static final String SEED_TEXT = "3 years ago, after Jeff Sessions recused himself, the Fraudulent Mueller"
            + " Scam began. Alabama, do not trust Jeff Sessions. He let our Country down. That's why I"
            + " endorsed Coach Tommy Tuberville, the true supporter of our #MAGA agenda!";

    private FigureFixtures() {
    }

    static List<Figure> politicians() {
        return resource("figures.yaml");
    }

    static List<Figure> resource(String name) {
        try (InputStream in = FigureFixtures.class.getResourceAsStream("/figure/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource /figure/" + name + " is missing");
            }
            return FigureFile.read(in, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A figure with one X account named after its id. */
    static Figure figure(String id, String name, String... aliases) {
        return new Figure(id, name, List.of(aliases), null, null, List.of(new Account("x", id)));
    }
}
