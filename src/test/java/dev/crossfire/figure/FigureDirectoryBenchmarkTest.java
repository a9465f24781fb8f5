package dev.crossfire.figure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Not a timing assertion: checks that a realistic size completes, and prints how long it took. */
class FigureDirectoryBenchmarkTest {

    private static final String[] SYLLABLES = {"ka", "lo", "ver", "min", "dra", "tes", "pol", "ur", "ben",
        "sha", "mor", "lin", "gar", "zet", "nor", "vi", "cas", "tre", "del", "fon"};
    private static final String[] WORDS = {"the", "vote", "senate", "bill", "today", "said", "attack", "again",
        "never", "trust", "country", "people", "shameful", "great", "session", "training", "jones", "@someone",
        "#politics", "https://example.com/x", "🔥", "قال", "lies", "weak", "strong"};

    @Test
    void fiveThousandFiguresAndTenThousandTexts() {
        Random random = new Random(42);
        List<Figure> figures = new ArrayList<>();
        Set<String> used = new HashSet<>();
        while (figures.size() < 5_000) {
            String first = capitalise(word(random, 2));
            String last = capitalise(word(random, 3));
            String name = first + " " + last;
            if (!used.add(name)) {
                continue;
            }
            String id = name.toLowerCase().replace(' ', '-');
            figures.add(new Figure(id, name, List.of(last, "Senator " + last), "Senator", "Party",
                    List.of(new Account("x", id.replace("-", "")))));
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            StringBuilder sb = new StringBuilder();
            int words = 10 + random.nextInt(50);
            for (int w = 0; w < words; w++) {
                if (random.nextInt(15) == 0) {
                    Figure f = figures.get(random.nextInt(figures.size()));
                    sb.append(random.nextBoolean() ? f.name() : f.aliases().get(0));
                } else {
                    sb.append(WORDS[random.nextInt(WORDS.length)]);
                }
                sb.append(' ');
            }
            texts.add(sb.toString());
        }

        long t0 = System.nanoTime();
        FigureDirectory directory = new FigureDirectory();
        figures.forEach(directory::put); // one put at a time, like a topic being consumed
        long t1 = System.nanoTime();
        NameMatcher matcher = directory.matcher(); // the one lazy rebuild
        long t2 = System.nanoTime();
        long matches = 0;
        for (String text : texts) {
            matches += directory.namedIn(text).size();
        }
        long t3 = System.nanoTime();

        System.out.printf("figure benchmark: %d figures put in %d ms; automaton of %d keywords built in %d ms"
                        + " (%d ambiguous dropped); %d texts matched in %d ms (%d matches)%n",
                directory.size(), ms(t1 - t0), matcher.keywordCount(), ms(t2 - t1),
                matcher.ambiguousAliases().size(), texts.size(), ms(t3 - t2), matches);
        assertThat(directory.size()).isEqualTo(5_000);
        assertThat(matches).isPositive();
    }

    private static String word(Random random, int syllables) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < syllables; i++) {
            sb.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        }
        return sb.toString();
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
