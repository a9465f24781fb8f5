package dev.crossfire.cli;

import static dev.crossfire.testing.PostBuilder.post;

import dev.crossfire.figure.Account;
import dev.crossfire.figure.Figure;
import dev.crossfire.figure.FigureFile;
import dev.crossfire.testing.PostBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Posts for the live desk's browser test, among the demo's own figures and after its sample (whose
 * newest turn is 26 May 2020, 10:31): a pile-on, a short exchange that reaches ESCALATING, and many
 * such exchanges at once for the load. Ids start at x:9 so they never meet the sample's.
 */
final class DeskPosts {

    /** Three senators call a fourth a liar and a coward within half an hour, by @mention; she never answers. */
    static final String PILE_ON_TARGET = "lindsey-graham";
    static final String PILE_ON_ID = PILE_ON_TARGET + "|2020-05-26T10:40:00Z";

    /** Figures kept out of the load: the pile-on's target (the load's attacks would add to it) and the last exchange's pair. */
    private static final Set<String> RESERVED = Set.of(PILE_ON_TARGET, "nancy-pelosi", "steve-scalise", "dick-durbin", "john-cornyn",
        "chuck-schumer", "mitch-mcconnell", "donald-trump", "jeff-sessions");

    private final List<Figure> figures;
    private int serial;

    DeskPosts() {
        try (InputStream in = DeskPosts.class.getResourceAsStream(DemoCommand.FIGURES)) {
            figures = FigureFile.read(in, DemoCommand.FIGURES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<PostBuilder> pileOn() {
        return List.of(
            post("x:9100000001", "SenSanders", "2020-05-26T10:40:00Z", "@LindseyGrahamSC is a liar and a coward.").mentions("LindseyGrahamSC"),
            post("x:9100000002", "RonWyden", "2020-05-26T10:55:00Z", "@LindseyGrahamSC is a liar and a coward.").mentions("LindseyGrahamSC"),
            post("x:9100000003", "PattyMurray", "2020-05-26T11:10:00Z", "@LindseyGrahamSC is a liar and a coward.").mentions("LindseyGrahamSC"));
    }

    /** Durbin and Cornyn, three turns from 11:20: ESCALATING, not SEVERE. Its id is {@link #DURBIN_CORNYN}. */
    List<PostBuilder> durbinCornyn() {
        return exchange("dick-durbin", "john-cornyn", Instant.parse("2020-05-26T11:20:00Z"));
    }

    static final String DURBIN_CORNYN = "dick-durbin|john-cornyn|2020-05-26T11:20:00Z";

    /** The exchange replayed after the load, to time one alert among many. Its id is {@link #LAST}. */
    List<PostBuilder> last() {
        return exchange("nancy-pelosi", "steve-scalise", Instant.parse("2020-05-26T21:00:00Z"));
    }

    static final String LAST = "nancy-pelosi|steve-scalise|2020-05-26T21:00:00Z";

    /**
     * {@code count} exchanges between distinct pairs of the demo's figures (none reserved), each of
     * three hostile turns a quarter of an hour apart, started a minute apart from 12:00.
     */
    List<PostBuilder> load(int count) {
        List<Figure> open = figures.stream().filter(f -> !RESERVED.contains(f.id()) && handle(f) != null).toList();
        List<PostBuilder> posts = new ArrayList<>();
        Instant start = Instant.parse("2020-05-26T12:00:00Z");
        int made = 0;
        // pairs taken diagonal by diagonal, so that no figure is in many exchanges before the others are in any
        for (int gap = 1; gap < open.size() && made < count; gap++) {
            for (int i = 0; i + gap < open.size() && made < count; i++) {
                posts.addAll(exchange(open.get(i).id(), open.get(i + gap).id(), start.plus(Duration.ofMinutes(made))));
                made++;
            }
        }
        if (made < count) {
            throw new IllegalArgumentException("the demo's figures make only " + made + " pairs");
        }
        return posts;
    }

    private List<PostBuilder> exchange(String aId, String bId, Instant start) {
        String a = handle(figure(aId));
        String b = handle(figure(bId));
        PostBuilder first = post(nextId(), a, start, "@" + b + " your bill is a cynical stunt and you know it.").mentions(b);
        PostBuilder second = post(nextId(), b, start.plus(Duration.ofMinutes(15)), "This partisan nonsense is embarrassing.")
            .quoteOf(first.id(), a);
        PostBuilder third = post(nextId(), a, start.plus(Duration.ofMinutes(30)), "This is dishonest and shameful.").quoteOf(second.id(), b);
        return List.of(first, second, third);
    }

    private String nextId() {
        return "x:92" + String.format("%08d", ++serial);
    }

    private Figure figure(String id) {
        return figures.stream().filter(f -> f.id().equals(id)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no figure " + id + " in the demo's registry"));
    }

    /** The figure's first X account. */
    private static String handle(Figure f) {
        return f.accounts().stream().filter(acc -> acc.platform().equals("x")).map(Account::handle).findFirst().orElse(null);
    }

    static Path write(Path file, List<PostBuilder> posts) throws IOException {
        Files.write(file, posts.stream().map(PostBuilder::json).toList());
        return file;
    }
}
