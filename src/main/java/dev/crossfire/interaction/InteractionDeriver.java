package dev.crossfire.interaction;

import dev.crossfire.avro.Engagement;
import dev.crossfire.avro.InteractionKind;
import dev.crossfire.avro.Post;
import dev.crossfire.avro.PostRef;
import dev.crossfire.figure.Figure;
import dev.crossfire.figure.FigureDirectory;
import dev.crossfire.figure.NameMatch;
import dev.crossfire.post.PostJson;
import dev.crossfire.thread.ThreadRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stage 5: who a post involves and how. A post by figure A that replies to, quotes, mentions or names
 * figure B is an interaction A→B; a repost is weak amplification. When a post reaches B several ways
 * (a reply usually also mentions), the most direct kind wins, so one post makes one turn per target.
 * Self-interactions do not count.
 */
public final class InteractionDeriver {

    private final FigureDirectory directory;

    public InteractionDeriver(FigureDirectory directory) {
        this.directory = directory;
    }

    /** The posting figure, if the author is one: a lookup, without reading the text. */
    public Optional<Figure> authorOf(Post post) {
        return directory.byAccount(PostJson.platformName(post.getPlatform()), post.getAuthor().getHandle(), post.getAuthor().getId());
    }

    /**
     * @param parentAuthorHandle the parent's author as the thread knows it, used when the post's own
     *                           reference does not name the author (Mastodon gives only the parent id)
     */
    public Involvement derive(Post post, String parentAuthorHandle) {
        String platform = PostJson.platformName(post.getPlatform());
        Optional<Figure> author = directory.byAccount(platform, post.getAuthor().getHandle(), post.getAuthor().getId());
        Map<String, Target> targets = new LinkedHashMap<>();
        PostRef threadParent = ThreadRules.parentRef(post);
        PostRef reply = post.getReplyTo();
        PostRef quote = post.getQuoteOf();
        consider(targets, byRef(platform, reply, reply == threadParent ? parentAuthorHandle : null), InteractionKind.REPLY);
        consider(targets, byRef(platform, quote, quote == threadParent ? parentAuthorHandle : null), InteractionKind.QUOTE);
        for (String handle : post.getMentions()) {
            consider(targets, directory.byAccount(platform, handle, null), InteractionKind.MENTION);
        }
        List<NameMatch> named = directory.namedIn(post.getText());
        for (NameMatch match : named) {
            consider(targets, directory.byId(match.figureId()), InteractionKind.NAME);
        }
        consider(targets, byRef(platform, post.getRepostOf(), null), InteractionKind.REPOST);
        author.ifPresent(a -> targets.remove(a.id()));
        return new Involvement(author, List.copyOf(targets.values()), named);
    }

    /**
     * Where the post's text names or @-mentions a figure: what {@link AimedText} aims each sentence by.
     * The names are those {@link #derive} found, not looked for again.
     */
    public List<AimedText.Mark> marks(Post post, Involvement involvement) {
        String text = post.getText();
        List<AimedText.Mark> marks = new java.util.ArrayList<>();
        if (text == null || text.isEmpty()) {
            return marks;
        }
        int limit = Math.min(text.length(), 10_000);
        String lower = text.substring(0, limit).toLowerCase(java.util.Locale.ROOT);
        for (NameMatch match : involvement.names()) {
            marks.add(new AimedText.Mark(match.figureId(), match.start(), match.end()));
            // the directory reports a figure once; each later naming aims its own sentence too
            directory.byId(match.figureId()).ifPresent(f -> {
                for (String name : f.names()) {
                    String n = name.toLowerCase(java.util.Locale.ROOT);
                    for (int at = lower.indexOf(n); at >= 0 && !n.isEmpty(); at = lower.indexOf(n, at + n.length())) {
                        if (wordAt(lower, at, at + n.length())) {
                            marks.add(new AimedText.Mark(f.id(), at, at + n.length()));
                        }
                    }
                }
            });
        }
        String platform = PostJson.platformName(post.getPlatform());
        for (int i = 0; i < limit; i++) {
            if (text.charAt(i) != '@') {
                continue;
            }
            int end = i + 1;
            while (end < limit && isHandleChar(text.charAt(end))) {
                end++;
            }
            while (end > i + 1 && text.charAt(end - 1) == '.') {
                end--; // "@SenX." ends a sentence; Bluesky handles hold dots inside
            }
            if (end > i + 1) {
                int from = i;
                int to = end;
                directory.byAccount(platform, text.substring(i + 1, end), null).ifPresent(f -> marks.add(new AimedText.Mark(f.id(), from, to)));
            }
            i = end - 1;
        }
        return marks;
    }

    private static boolean wordAt(String text, int start, int end) {
        return (start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1)))
            && (end >= text.length() || !Character.isLetterOrDigit(text.charAt(end)));
    }

    private static boolean isHandleChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
    }

    /**
     * Likes, reposts, replies and quotes added up: negative counts (importer noise) count as none, and
     * the sum stops at {@code Long.MAX_VALUE} instead of wrapping round to a negative number.
     */
    public static long engagement(Engagement metrics) {
        if (metrics == null) {
            return 0;
        }
        return plus(plus(plus(Math.max(0, metrics.getLikes()), metrics.getReposts()), metrics.getReplies()), metrics.getQuotes());
    }

    /** {@code total + count} for a non-negative total, with a negative count as none, at most {@code Long.MAX_VALUE}. */
    private static long plus(long total, long count) {
        long sum = total + Math.max(0, count);
        return sum < total ? Long.MAX_VALUE : sum;
    }

    private Optional<Figure> byRef(String platform, PostRef ref, String fallbackHandle) {
        if (ref == null) {
            return Optional.empty();
        }
        String handle = ref.getAuthorHandle() != null ? ref.getAuthorHandle() : fallbackHandle;
        if (handle == null && ref.getAuthorId() == null) {
            return Optional.empty();
        }
        return directory.byAccount(platform, handle, ref.getAuthorId());
    }

    private static void consider(Map<String, Target> targets, Optional<Figure> figure, InteractionKind kind) {
        figure.ifPresent(f -> targets.merge(f.id(), new Target(f, kind),
            (existing, candidate) -> Directness.rank(candidate.kind()) < Directness.rank(existing.kind()) ? candidate : existing));
    }

    /** The posting figure, if the author is one, every figure the post addresses, and where its text names figures. */
    public record Involvement(Optional<Figure> author, List<Target> targets, List<NameMatch> names) {
    }

    /** One figure the post addresses, with the most direct way it does. */
    public record Target(Figure figure, InteractionKind kind) {
    }
}
