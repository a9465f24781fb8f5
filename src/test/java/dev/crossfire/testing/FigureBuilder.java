package dev.crossfire.testing;

import dev.crossfire.avro.FigureAccount;
import dev.crossfire.avro.Platform;
import dev.crossfire.avro.PublicFigure;
import java.util.ArrayList;
import java.util.List;

/** Registry entries for scenarios: a figure with an X account and aliases. */
public final class FigureBuilder {

    private FigureBuilder() {
    }

    public static PublicFigure figure(String id, String name, String xHandle, String... aliases) {
        return PublicFigure.newBuilder()
            .setId(id)
            .setName(name)
            .setAliases(new ArrayList<>(List.of(aliases)))
            .setAccounts(new ArrayList<>(List.of(new FigureAccount(Platform.X, xHandle, null))))
            .build();
    }

    /** The figures of the seed story. */
    public static List<PublicFigure> seedFigures() {
        return List.of(
            figure("donald-trump", "Donald J. Trump", "realDonaldTrump", "Trump", "Donald Trump", "President Trump"),
            figure("jeff-sessions", "Jeff Sessions", "jeffsessions", "Sessions", "Jeff Sessions"),
            figure("tommy-tuberville", "Tommy Tuberville", "TTuberville", "Tuberville", "Tommy Tuberville", "Coach Tuberville"),
            figure("doug-jones", "Doug Jones", "DougJones", "Doug Jones"));
    }
}
