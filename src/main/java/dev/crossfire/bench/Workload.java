package dev.crossfire.bench;

import dev.crossfire.avro.Author;
import dev.crossfire.avro.Engagement;
import dev.crossfire.avro.Platform;
import dev.crossfire.avro.Post;
import dev.crossfire.avro.PostRef;
import dev.crossfire.exchange.ExchangeTracker;
import dev.crossfire.figure.Account;
import dev.crossfire.figure.Figure;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A seeded, reproducible stream of posts for the benchmark, generated as it is read (memory does
 * not grow with the number of posts). Authors post with power-law activity; replies attach to
 * recent posts with a preference for the newest, which gives threads of realistic depth and
 * fan-out; posts quote, repost, mention and name figures. Some posts are delivered late (out of
 * order) and some twice. Planted among them: escalating exchanges between pairs of figures (hostile
 * quotes back and forth) and friendly ones (praise), which are the ground truth for precision and
 * recall.
 */
public final class Workload implements Iterable<Post> {

    /** A planted exchange: the pair, and whether it escalates. */
    public record Planted(String pairKey, boolean escalating) {
    }

    /** Post ids are "x:" and a number counting up from this one. */
    public static final long FIRST_ID = 1_000_000_000_000L;
    private static final int RECENT = 4_096;
    private static final int MAX_DELAY_POSTS = 200;
    private static final int MAX_DUPLICATE_DELAY_POSTS = 500;
    private static final int ESCALATING_TURNS = 5;
    private static final int FRIENDLY_TURNS = 4;

    private final WorkloadSpec spec;
    private final List<Figure> figures;
    private final List<Planted> planted;

    public Workload(WorkloadSpec spec) {
        this.spec = spec;
        this.figures = makeFigures(spec);
        List<Planted> pairs = new ArrayList<>();
        for (int i = 0; i < spec.escalating() + spec.friendly(); i++) {
            pairs.add(new Planted(ExchangeTracker.pairKey(figures.get(2 * i).id(), figures.get(2 * i + 1).id()), i < spec.escalating()));
        }
        this.planted = List.copyOf(pairs);
    }

    public WorkloadSpec spec() {
        return spec;
    }

    public List<Figure> figures() {
        return figures;
    }

    public List<Planted> planted() {
        return planted;
    }

    /** The most a post is delivered after a post created later than it: the longest hold-back of a late post or a second copy. */
    public java.time.Duration maxDisorder() {
        return java.time.Duration.ofMillis((long) Math.ceil(MAX_DUPLICATE_DELAY_POSTS * 1000.0 / spec.postsPerSecond()));
    }

    /** Posts in delivery order: {@code spec.posts()} distinct posts plus the duplicates. */
    @Override
    public Iterator<Post> iterator() {
        return new Stream();
    }

    private static List<Figure> makeFigures(WorkloadSpec spec) {
        SplittableRandom rnd = new SplittableRandom(spec.seed());
        List<String> names = new ArrayList<>();
        for (String first : WorkloadTexts.FIRST) {
            for (String last : WorkloadTexts.LAST) {
                names.add(first + " " + last);
            }
        }
        if (spec.figures() > names.size()) {
            throw new IllegalArgumentException("at most " + names.size() + " figures");
        }
        for (int i = names.size() - 1; i > 0; i--) { // seeded shuffle
            int j = rnd.nextInt(i + 1);
            String t = names.get(i);
            names.set(i, names.get(j));
            names.set(j, t);
        }
        List<Figure> out = new ArrayList<>();
        for (int i = 0; i < spec.figures(); i++) {
            String name = names.get(i);
            String id = name.toLowerCase().replace(' ', '-');
            out.add(new Figure(id, name, List.of(), "Member of the legislature", i % 2 == 0 ? "Blue" : "Green",
                List.of(new Account("x", "fig_" + id.replace('-', '_'), null))));
        }
        return List.copyOf(out);
    }

    /** One planted post waiting for its time, with what its successor quotes. */
    private record Turn(long dueAt, int exchange, int number, int author, int target) {
    }

    private record Recent(String id, String handle, int depth) {
    }

    private record Delayed(long releaseAt, long order, Post post) {
    }

    private final class Stream implements Iterator<Post> {
        private final SplittableRandom rnd = new SplittableRandom(spec.seed() * 31 + 7);
        private final double[] activity; // cumulative author weights: figures first, then accounts
        private final Recent[] recent = new Recent[RECENT];
        private final PriorityQueue<Turn> turns = new PriorityQueue<>(Comparator.comparingLong(Turn::dueAt));
        private final String[] lastTurnId;
        private final PriorityQueue<Delayed> held = new PriorityQueue<>(Comparator.comparingLong(Delayed::releaseAt)
            .thenComparingLong(Delayed::order));
        private final ArrayDeque<Post> ready = new ArrayDeque<>();
        private long made;
        private long delivered;
        private long order;
        private int recentCount;

        Stream() {
            int authors = spec.figures() + spec.accounts();
            activity = new double[authors];
            double total = 0;
            for (int rank = 1; rank <= authors; rank++) {
                total += 1.0 / Math.pow(rank, 1.1);
                activity[rank - 1] = total;
            }
            lastTurnId = new String[planted.size()];
            // every planted exchange fits inside the stream: gaps of up to 6 s (less in a short stream), starting early enough
            double spanMs = spec.posts() * 1000.0 / spec.postsPerSecond();
            long maxGap = (long) Math.max(10, Math.min(6_000, spanMs * 0.15));
            int[] slots = spec.plantedThroughout() ? shuffledSlots(planted.size()) : null;
            for (int e = 0; e < planted.size(); e++) {
                // throughout: one slot each of 0-95% of the span, in shuffled order, so that friendly ones come between the hostile
                double at = slots == null ? 0.05 + 0.30 * rnd.nextDouble() : 0.95 * (slots[e] + rnd.nextDouble()) / planted.size();
                long due = spec.start().toEpochMilli() + (long) (spanMs * at);
                int a = 2 * e;
                int b = 2 * e + 1;
                int count = planted.get(e).escalating() ? ESCALATING_TURNS : FRIENDLY_TURNS;
                for (int n = 0; n < count; n++) {
                    turns.add(new Turn(due, e, n, n % 2 == 0 ? a : b, n % 2 == 0 ? b : a));
                    due += maxGap / 4 + (long) (rnd.nextDouble() * maxGap * 3 / 4);
                }
            }
        }

        private int[] shuffledSlots(int n) {
            int[] slots = new int[n];
            for (int i = 0; i < n; i++) {
                slots[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = slots[i];
                slots[i] = slots[j];
                slots[j] = t;
            }
            return slots;
        }

        @Override
        public boolean hasNext() {
            fill();
            return !ready.isEmpty();
        }

        @Override
        public Post next() {
            fill();
            if (ready.isEmpty()) {
                throw new NoSuchElementException();
            }
            delivered++;
            return ready.poll();
        }

        private void fill() {
            while (ready.isEmpty() && (made < spec.posts() || !held.isEmpty())) {
                if (made < spec.posts()) {
                    Post post = nextPost();
                    made++;
                    route(post);
                }
                while (!held.isEmpty() && (held.peek().releaseAt() <= made || made >= spec.posts())) {
                    ready.add(held.poll().post());
                }
            }
        }

        /** Most posts go out at once; a few are held back (late) and a few are sent again later. */
        private void route(Post post) {
            if (rnd.nextDouble() < spec.outOfOrder()) {
                held.add(new Delayed(made + 1 + rnd.nextInt(MAX_DELAY_POSTS), order++, post));
            } else {
                ready.add(post);
            }
            if (rnd.nextDouble() < spec.duplicates()) {
                held.add(new Delayed(made + 1 + rnd.nextInt(MAX_DUPLICATE_DELAY_POSTS), order++, post));
            }
        }

        private long eventTime(long index) {
            return spec.start().toEpochMilli() + (long) (index * 1000.0 / spec.postsPerSecond());
        }

        private Post nextPost() {
            long now = eventTime(made);
            if (!turns.isEmpty() && turns.peek().dueAt() <= now) {
                return plantedTurn(turns.poll(), now);
            }
            int author = author();
            String id = "x:" + (FIRST_ID + made);
            Post.Builder post = base(id, author, now);
            double kind = rnd.nextDouble();
            Recent parent = recentCount == 0 ? null : pickRecent();
            int depth = 0;
            if (parent != null && kind < 0.40) {
                post.setReplyTo(new PostRef(parent.id(), parent.handle(), null))
                    .setText(WorkloadTexts.REPLIES.get(rnd.nextInt(WorkloadTexts.REPLIES.size())));
                depth = parent.depth() + 1;
            } else if (parent != null && kind < 0.48) {
                post.setQuoteOf(new PostRef(parent.id(), parent.handle(), null)).setText(everyday());
            } else if (parent != null && kind < 0.55) {
                post.setRepostOf(new PostRef(parent.id(), parent.handle(), null)).setText("");
            } else {
                post.setText(everyday());
            }
            if (rnd.nextDouble() < 0.08) {
                post.setMentions(List.of(handle(rnd.nextInt(spec.figures()))));
            }
            Post built = post.build();
            remember(new Recent(id, built.getAuthor().getHandle(), depth));
            return built;
        }

        private Post plantedTurn(Turn turn, long now) {
            boolean escalating = planted.get(turn.exchange()).escalating();
            String id = "x:" + (FIRST_ID + made);
            Post.Builder post = base(id, turn.author(), now);
            Figure target = figures.get(turn.target());
            if (turn.number() == 0) {
                List<String> openings = escalating ? WorkloadTexts.HOSTILE_OPENING : WorkloadTexts.FRIENDLY_OPENING;
                post.setText(String.format(openings.get(rnd.nextInt(openings.size())), target.name()));
            } else {
                List<String> answers = escalating ? WorkloadTexts.HOSTILE_ANSWER : WorkloadTexts.FRIENDLY_ANSWER;
                post.setText(answers.get(rnd.nextInt(answers.size())))
                    .setQuoteOf(new PostRef(lastTurnId[turn.exchange()], handle(turn.target()), null));
            }
            post.setMetrics(new Engagement(5_000L + rnd.nextInt(50_000), 1_000L + rnd.nextInt(10_000), 500L, 200L));
            lastTurnId[turn.exchange()] = id;
            return post.build();
        }

        private Post.Builder base(String id, int author, long createdAt) {
            String handle = author < spec.figures() ? handle(author) : "user" + (author - spec.figures());
            String name = author < spec.figures() ? figures.get(author).name() : null;
            return Post.newBuilder()
                .setId(id)
                .setPlatform(Platform.X)
                .setAuthor(new Author(null, handle, name))
                .setCreatedAt(Instant.ofEpochMilli(createdAt))
                .setMentions(List.of())
                .setMetrics(new Engagement((long) rnd.nextInt(200), (long) rnd.nextInt(40), (long) rnd.nextInt(20), 0L));
        }

        private String everyday() {
            if (rnd.nextDouble() < 0.05) {
                String template = WorkloadTexts.EVERYDAY_WITH_NAME.get(rnd.nextInt(WorkloadTexts.EVERYDAY_WITH_NAME.size()));
                return String.format(template, figures.get(rnd.nextInt(spec.figures())).name());
            }
            return WorkloadTexts.EVERYDAY.get(rnd.nextInt(WorkloadTexts.EVERYDAY.size()));
        }

        /** Power-law activity: the author at rank r posts in proportion to 1 / r^1.1. Figures hold ranks spread over the range. */
        private int author() {
            double x = rnd.nextDouble() * activity[activity.length - 1];
            int rank = Arrays.binarySearch(activity, x);
            rank = rank >= 0 ? rank : -rank - 1;
            // every 41st rank is a figure, so a few figures are among the most active authors
            int figures = spec.figures();
            if (rank % 41 == 0 && rank / 41 < figures) {
                return rank / 41;
            }
            return figures + rank % spec.accounts();
        }

        /** Newer posts draw more replies: the age in posts is drawn from a power law. */
        private Recent pickRecent() {
            int span = Math.min(recentCount, RECENT);
            int back = (int) Math.min(span - 1, Math.floor(Math.pow(rnd.nextDouble(), 3) * span));
            return recent[(int) ((recentCount - 1 - back) % RECENT)];
        }

        private void remember(Recent r) {
            recent[recentCount % RECENT] = r;
            recentCount++;
        }

        private String handle(int figure) {
            return figures.get(figure).accounts().get(0).handle();
        }
    }
}
