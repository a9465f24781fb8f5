package dev.crossfire.reference;

import static dev.crossfire.testing.PostBuilder.post;

import dev.crossfire.avro.PublicFigure;
import dev.crossfire.testing.FigureBuilder;
import dev.crossfire.testing.PostBuilder;
import dev.crossfire.topology.HomePartitions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A seeded stream of posts as they arrive: reply and quote forests between figures and bystanders,
 * spread sparsely over months of event time, delivered out of order by up to {@code disorder}, with
 * redeliveries, replies to posts that never come, replies to posts created after them (which is how
 * a reply cycle looks), turns whose reference names no author, and a few parents that come far too
 * late: after a jump of the clock on every partition (up to 12) past their children's wait.
 */
public record Arrivals(List<PostBuilder> posts, Duration disorder, int tooLate, String description) {

    /** The figures every generated stream draws from: invented people with X handles, aliases and all. */
    public static List<PublicFigure> figures() {
        return List.of(
            FigureBuilder.figure("alda-vance", "Alda Vance", "SenAldaVance", "Senator Vance", "Alda Vance"),
            FigureBuilder.figure("borek-lind", "Borek Lind", "GovBorekLind", "Governor Lind", "Borek Lind"),
            FigureBuilder.figure("cyra-oduya", "Cyra Oduya", "RepCyraOduya", "Congresswoman Oduya", "Cyra Oduya"),
            FigureBuilder.figure("dario-keil", "Dario Keil", "MayorDarioKeil", "Mayor Keil", "Dario Keil"),
            FigureBuilder.figure("elin-marsh", "Elin Marsh", "ElinMarshTV", "Elin Marsh"),
            FigureBuilder.figure("fenn-achebe", "Fenn Achebe", "MinFennAchebe", "Minister Achebe", "Fenn Achebe"));
    }

    private static final String[] HANDLES = {"SenAldaVance", "GovBorekLind", "RepCyraOduya", "MayorDarioKeil", "ElinMarshTV", "MinFennAchebe"};
    private static final String[] NAMES = {"Senator Vance", "Governor Lind", "Congresswoman Oduya", "Mayor Keil", "Elin Marsh", "Minister Achebe"};
    private static final String[] PEOPLE = {"wren_reads", "plains_tom", "harborwatch", "civics_jo", "late_shift", "quiet_voter"};
    private static final String[] HOSTILE = {"You are lying and you know it. Pathetic.", "Shameless liar, a disgrace to this office.",
        "You are a corrupt coward. Resign!", "Another lie from an incompetent fraud.", "Stop hiding, you spineless hypocrite."};
    private static final String[] FRIENDLY = {"Thank you, happy to work together on this.", "Great meeting today, see you Thursday.",
        "Agreed. Let us get it done.", "Appreciate your support on the bill."};
    private static final String[] PLAIN = {"Town hall tonight on the budget.", "New figures on transit are out.",
        "Following this closely.", "Can someone explain what this means?"};
    private static final Instant START = Instant.parse("2024-01-01T08:00:00Z");
    private static final int JUMP_POSTS = 48;

    /**
     * @param count    distinct posts before the late parents
     * @param disorder how far out of creation-time order a post may arrive
     */
    public static Arrivals generate(Random random, int count, Duration disorder, Duration parentWait) {
        List<Made> made = new ArrayList<>();
        List<Made> withheld = new ArrayList<>();
        Instant at = START;
        int lateParents = random.nextInt(3);
        for (int i = 0; i < count; i++) {
            at = at.plus(gap(random));
            String id = "x:" + (1_000_000_000L + i * 10L);
            boolean figure = random.nextInt(2) == 0;
            int who = random.nextInt(6);
            String author = figure ? HANDLES[who] : PEOPLE[who];
            PostBuilder p = post(id, author, at, text(random, figure));
            int kind = random.nextInt(100);
            Made parent = made.isEmpty() ? null : pick(random, made);
            if (parent != null && kind < 45) {
                p.replyTo(parent.id(), random.nextInt(10) < 7 ? parent.author() : null);
            } else if (parent != null && kind < 57) {
                p.quoteOf(parent.id(), random.nextInt(10) < 7 ? parent.author() : null);
            } else if (kind < 61) {
                p.replyTo("x:missing-" + i, random.nextBoolean() ? HANDLES[random.nextInt(6)] : null); // never comes
            } else if (kind < 64) {
                p.replyTo("x:" + (1_000_000_000L + (i + 1 + random.nextInt(3)) * 10L), null); // created after it: a cycle's way
            }
            if (figure && random.nextInt(5) == 0) {
                p.mentions(HANDLES[random.nextInt(6)]);
            }
            if (figure && random.nextInt(12) == 0) {
                // now and then several figures turn on one within the hour: a pile-on, sometimes answered
                int target = (who + 1 + random.nextInt(5)) % 6;
                int attackers = 2 + random.nextInt(3);
                for (int k = 1; k <= attackers; k++) {
                    int by = (target + k) % 6;
                    Instant when = at.plus(Duration.ofMinutes(3L * k + random.nextInt(10)));
                    PostBuilder attack = post(id.substring(0, id.length() - 1) + k, HANDLES[by], when,
                        "@" + HANDLES[target] + " " + HOSTILE[random.nextInt(HOSTILE.length)]).mentions(HANDLES[target]);
                    made.add(new Made(id.substring(0, id.length() - 1) + k, HANDLES[by], when, attack, true));
                }
            }
            Made m = new Made(id, author, at, p, figure);
            if (!figure && lateParents > 0 && random.nextInt(12) == 0 && kind >= 64) {
                withheld.add(m); // a bystander's root, which will come far too late
                lateParents--;
            } else {
                made.add(m);
            }
        }
        // arrival order: creation time plus a jitter below the disorder bound
        List<Arrival> arrivals = new ArrayList<>();
        long jitter = disorder.toMillis();
        for (Made m : made) {
            long key = m.at().toEpochMilli() + (jitter == 0 ? 0 : (long) (random.nextDouble() * jitter));
            arrivals.add(new Arrival(key, arrivals.size(), m.post()));
            if (random.nextInt(100) < 6) {
                arrivals.add(new Arrival(key + (long) (random.nextDouble() * Duration.ofDays(3).toMillis()), arrivals.size(), m.post()));
            }
        }
        arrivals.sort(Comparator.comparingLong(Arrival::key).thenComparingInt(Arrival::order));
        List<PostBuilder> posts = new ArrayList<>(arrivals.stream().map(Arrival::post).toList());
        if (!withheld.isEmpty()) {
            // every partition's clock jumps past the late parents' children's wait, then the parents come
            Instant jump = at.plus(parentWait).plus(disorder).plus(Duration.ofDays(1));
            for (String id : HomePartitions.idsCovering(12, JUMP_POSTS, "x:jump-")) {
                posts.add(post(id, PEOPLE[0], jump, "much later"));
            }
            withheld.forEach(m -> posts.add(m.post()));
        }
        String description = count + " posts from " + START + " to " + at + ", disorder " + disorder + ", " + withheld.size()
            + " parents too late";
        return new Arrivals(List.copyOf(posts), disorder, withheld.size(), description);
    }

    /** Mostly minutes apart, now and then hours or days, rarely weeks: a sparse stream over months. */
    private static Duration gap(Random random) {
        int r = random.nextInt(100);
        if (r < 70) {
            return Duration.ofSeconds(10 + random.nextInt(40 * 60));
        }
        if (r < 95) {
            return Duration.ofMinutes(60 + random.nextInt(3 * 24 * 60));
        }
        return Duration.ofDays(7 + random.nextInt(14));
    }

    private static Made pick(Random random, List<Made> made) {
        if (random.nextInt(10) < 8) {
            int recent = Math.min(made.size(), 10);
            return made.get(made.size() - 1 - random.nextInt(recent));
        }
        return made.get(random.nextInt(made.size()));
    }

    private static String text(Random random, boolean figure) {
        if (!figure) {
            return PLAIN[random.nextInt(PLAIN.length)];
        }
        String base = random.nextBoolean() ? HOSTILE[random.nextInt(HOSTILE.length)] : FRIENDLY[random.nextInt(FRIENDLY.length)];
        return random.nextInt(6) == 0 ? base + " " + NAMES[random.nextInt(NAMES.length)] + " knows it." : base;
    }

    private record Made(String id, String author, Instant at, PostBuilder post, boolean figure) {
    }

    private record Arrival(long key, int order, PostBuilder post) {
    }
}
