package dev.crossfire.reference;

import dev.crossfire.avro.EscalationLevel;
import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.avro.FigureRef;
import dev.crossfire.avro.InteractionKind;
import dev.crossfire.avro.LinkStatus;
import dev.crossfire.avro.Post;
import dev.crossfire.avro.PostRef;
import dev.crossfire.avro.Turn;
import dev.crossfire.config.CrossfireSettings;
import dev.crossfire.exchange.Assessment;
import dev.crossfire.exchange.EscalationScorer;
import dev.crossfire.pileon.PileOnScorer;
import dev.crossfire.config.PileOnPolicy;
import dev.crossfire.avro.PileOnAlert;
import dev.crossfire.avro.Interaction;
import dev.crossfire.figure.Figure;
import dev.crossfire.figure.FigureDirectory;
import dev.crossfire.interaction.InteractionDeriver;
import dev.crossfire.post.InvalidPostException;
import dev.crossfire.post.PostJson;
import dev.crossfire.post.PostValidator;
import dev.crossfire.text.Hostility;
import dev.crossfire.text.HostilityScorer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * crossfire's rules run one post at a time on one thread, written from the rules as the README and
 * {@code docs/determinism.md} state them, not from the topology: what the threads and alerts must be
 * for a given input. It shares with production only the domain functions that are the rules' own
 * vocabulary: the post parser and validator, who a post addresses ({@link InteractionDeriver}), how
 * hostile a text is, and how an exchange's turns score ({@link EscalationScorer}).
 *
 * <ol>
 *   <li>A post is the first valid record with its id, in arrival order; later ones are redeliveries.</li>
 *   <li>A reply's parent is the post it replies to, else the post it quotes. The post is LINKED under
 *       it when the parent is a post, comes strictly before it (creation time, then id), is no older
 *       than the link retention, arrived before any post created at or after the child's time plus the
 *       parent wait, and the depth stays within the bound; its root and depth follow the parent's.
 *       Otherwise it is an ORPHAN, the root of its own thread.</li>
 *   <li>A post by a figure makes one turn per figure it addresses; a reply's or quote's target is the
 *       author its reference names, or, when it names none, the parent's author if it is LINKED.</li>
 *   <li>Each pair's turns, in order of creation time, post id and figures, form exchanges: a gap
 *       longer than the inactivity window starts a new one. A turn that raises the exchange's level
 *       above every level alerted before raises an alert, triggered by that turn.</li>
 * </ol>
 */
public final class ReferenceCrossfire {

    /** Where a post ended up. */
    public record Place(String rootId, String parentId, String parentAuthorHandle, int depth, LinkStatus status, String authorFigureId,
                        List<String> figureIds) {
    }

    /** Everything the reference decided. */
    public record Result(Map<String, Place> threads, List<ExchangeAlert> alerts, List<PileOnAlert> pileOns) {
    }

    private static final int MAX_DEPTH = 10_000;
    private static final int TEXT_CHARS = 280;

    private final CrossfireSettings settings;
    private final FigureDirectory directory;
    private final InteractionDeriver deriver;
    private final HostilityScorer hostility;
    private final EscalationScorer scorer;
    private final PostValidator validator;

    public ReferenceCrossfire(CrossfireSettings settings, FigureDirectory directory, HostilityScorer hostility) {
        this.settings = settings;
        this.directory = directory;
        this.deriver = new InteractionDeriver(directory);
        this.hostility = hostility;
        this.scorer = new EscalationScorer(settings.escalation());
        this.validator = new PostValidator(settings.futureTolerance(), settings.maxTextChars());
    }

    /** @param records the JSON of each record on the posts topic, in arrival order */
    public Result run(List<String> records) {
        // rule 1: the posts, and for each the arrival position and the newest creation time seen before it
        Map<String, Post> posts = new LinkedHashMap<>();
        Map<String, Integer> arrival = new HashMap<>();
        List<Instant> createdAt = new ArrayList<>();
        for (String json : records) {
            Post post;
            try {
                post = PostJson.parse(json.getBytes(StandardCharsets.UTF_8));
                validator.validate(post);
            } catch (InvalidPostException e) {
                continue;
            }
            createdAt.add(post.getCreatedAt());
            if (!posts.containsKey(post.getId())) {
                posts.put(post.getId(), post);
                arrival.put(post.getId(), createdAt.size() - 1);
            }
        }
        // rule 2, in event-time order so that a parent is placed before its children
        List<Post> byTime = new ArrayList<>(posts.values());
        byTime.sort(Comparator.comparing(Post::getCreatedAt).thenComparing(Post::getId));
        Map<String, Place> places = new HashMap<>();
        for (Post post : byTime) {
            places.put(post.getId(), place(post, posts, places, arrival, createdAt));
        }
        // rule 3
        List<Made> turns = new ArrayList<>();
        for (Post post : byTime) {
            turns.addAll(turns(post, places.get(post.getId())));
        }
        // rule 4
        turns.sort(Comparator.comparing((Made m) -> m.turn().getCreatedAt()).thenComparing(m -> m.turn().getPostId())
            .thenComparing(m -> m.turn().getFigureId()).thenComparing(m -> m.turn().getTargetFigureId()));
        return new Result(places, exchanges(turns), pileOns(turns));
    }

    private Place place(Post post, Map<String, Post> posts, Map<String, Place> places, Map<String, Integer> arrival, List<Instant> createdAt) {
        PostRef ref = post.getReplyTo() != null ? post.getReplyTo() : post.getQuoteOf();
        if (ref == null) {
            return figures(post, null, post.getId(), null, null, 0, LinkStatus.ROOT);
        }
        Post parent = posts.get(ref.getPostId());
        boolean linked = parent != null
            && before(parent, post)
            && post.getCreatedAt().toEpochMilli() - parent.getCreatedAt().toEpochMilli() <= settings.linkRetention().toMillis()
            && arrivedInTime(parent, post, arrival, createdAt)
            && places.get(parent.getId()).depth() + 1 <= MAX_DEPTH;
        if (!linked) {
            return figures(post, ref.getAuthorHandle(), post.getId(), ref.getPostId(), ref.getAuthorHandle(), 0, LinkStatus.ORPHAN);
        }
        Place above = places.get(parent.getId());
        String parentAuthor = parent.getAuthor().getHandle();
        return figures(post, parentAuthor, above.rootId(), ref.getPostId(), parentAuthor, above.depth() + 1, LinkStatus.LINKED);
    }

    private static boolean before(Post a, Post b) {
        int byTime = a.getCreatedAt().compareTo(b.getCreatedAt());
        return byTime < 0 || (byTime == 0 && a.getId().compareTo(b.getId()) < 0);
    }

    /** The parent came before any post created at or after the child's time plus the parent wait. */
    private boolean arrivedInTime(Post parent, Post child, Map<String, Integer> arrival, List<Instant> createdAt) {
        Instant deadline = child.getCreatedAt().plus(settings.parentWait());
        int parentAt = arrival.get(parent.getId());
        for (int i = 0; i < parentAt; i++) {
            if (!createdAt.get(i).isBefore(deadline)) {
                return false;
            }
        }
        return true;
    }

    private Place figures(Post post, String parentAuthor, String rootId, String parentId, String parentAuthorHandle, int depth,
                          LinkStatus status) {
        InteractionDeriver.Involvement involvement = deriver.derive(post, parentAuthor);
        TreeSet<String> ids = new TreeSet<>();
        involvement.author().ifPresent(a -> ids.add(a.id()));
        involvement.targets().forEach(t -> ids.add(t.figure().id()));
        return new Place(rootId, parentId, parentAuthorHandle, depth, status, involvement.author().map(Figure::id).orElse(null),
            List.copyOf(ids));
    }

    private record Made(Turn turn, String pairKey, String sourceName, String targetName, long engagement, int otherFigures,
                        String quotedPostId) {
    }

    private List<Made> turns(Post post, Place place) {
        PostRef ref = post.getReplyTo() != null ? post.getReplyTo() : post.getQuoteOf();
        boolean refNamesAuthor = ref == null || ref.getAuthorHandle() != null || ref.getAuthorId() != null;
        String parentAuthor = refNamesAuthor || place.status() != LinkStatus.LINKED ? null : place.parentAuthorHandle();
        InteractionDeriver.Involvement involvement = deriver.derive(post, parentAuthor);
        if (involvement.author().isEmpty() || involvement.targets().isEmpty()) {
            return List.of();
        }
        Figure author = involvement.author().get();
        // rule 3: each turn's hostility is that of the words aimed at its target
        java.util.Set<String> answered = new java.util.HashSet<>();
        List<String> targetIds = new ArrayList<>();
        for (InteractionDeriver.Target t : involvement.targets()) {
            targetIds.add(t.figure().id());
            if (t.kind() == dev.crossfire.avro.InteractionKind.REPLY || t.kind() == dev.crossfire.avro.InteractionKind.QUOTE) {
                answered.add(t.figure().id());
            }
        }
        java.util.Map<String, String> aimed = dev.crossfire.interaction.AimedText.split(post.getText(), targetIds, answered,
            deriver.marks(post, involvement));
        TreeSet<String> figures = new TreeSet<>();
        figures.add(author.id());
        involvement.targets().forEach(t -> figures.add(t.figure().id()));
        List<Made> out = new ArrayList<>();
        for (InteractionDeriver.Target target : involvement.targets()) {
            String words = aimed.get(target.figure().id());
            Hostility score = words.isBlank() ? Hostility.NONE : hostility.score(words, post.getLang());
            Turn turn = Turn.newBuilder()
                .setPostId(post.getId())
                .setFigureId(author.id())
                .setTargetFigureId(target.figure().id())
                .setKind(target.kind())
                .setCreatedAt(post.getCreatedAt())
                .setHostility(score.score())
                .setText(shorten(post.getText()))
                .setCues(score.cues())
                .setUrl(post.getUrl())
                .build();
            String a = author.id();
            String b = target.figure().id();
            out.add(new Made(turn, a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a, author.name(), target.figure().name(),
                InteractionDeriver.engagement(post.getMetrics()), figures.size() - 2, post.getQuoteOf() == null ? null : post.getQuoteOf().getPostId()));
        }
        return out;
    }

    private static String shorten(String text) {
        if (text.length() <= TEXT_CHARS) {
            return text;
        }
        int cut = TEXT_CHARS - 1;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut) + "…";
    }

    /** One pair's current exchange. */
    private static final class Exchange {
        String id;
        List<FigureRef> figures;
        List<Turn> turns = new ArrayList<>();
        int dropped;
        long engagement;
        int otherFigures;
        Instant startedAt;
        Instant lastActivityAt;
        EscalationLevel alerted;
    }

    private List<ExchangeAlert> exchanges(List<Made> ordered) {
        long inactivity = settings.exchangeInactivity().toMillis();
        Map<String, Exchange> current = new HashMap<>();
        List<ExchangeAlert> alerts = new ArrayList<>();
        for (Made made : ordered) {
            Turn turn = made.turn();
            Exchange e = current.get(made.pairKey());
            if (e != null && turn.getCreatedAt().toEpochMilli() > e.lastActivityAt.toEpochMilli() + inactivity) {
                e = null; // quiet too long: a new exchange
            }
            if (e == null) {
                e = new Exchange();
                e.id = made.pairKey() + "|" + turn.getCreatedAt();
                List<FigureRef> figures = new ArrayList<>(List.of(new FigureRef(turn.getFigureId(), made.sourceName()),
                    new FigureRef(turn.getTargetFigureId(), made.targetName())));
                figures.sort(Comparator.comparing(FigureRef::getId));
                e.figures = figures;
                e.startedAt = turn.getCreatedAt();
                e.lastActivityAt = turn.getCreatedAt();
                current.put(made.pairKey(), e);
            } else if (e.turns.stream().anyMatch(t -> t.getPostId().equals(turn.getPostId()) && t.getFigureId().equals(turn.getFigureId())
                && t.getTargetFigureId().equals(turn.getTargetFigureId()))) {
                continue;
            }
            e.turns.add(turn);
            if (e.turns.size() > settings.maxTurnsKept()) {
                e.dropped += e.turns.size() - settings.maxTurnsKept();
                e.turns = new ArrayList<>(e.turns.subList(e.turns.size() - settings.maxTurnsKept(), e.turns.size()));
            }
            long sum = e.engagement + Math.max(0, made.engagement());
            e.engagement = sum < e.engagement ? Long.MAX_VALUE : sum;
            e.otherFigures = Math.max(e.otherFigures, made.otherFigures());
            if (turn.getCreatedAt().isAfter(e.lastActivityAt)) {
                e.lastActivityAt = turn.getCreatedAt();
            }
            Assessment a = scorer.assess(e.turns, e.figures, e.engagement, e.otherFigures);
            if (a.level() == null || (e.alerted != null && a.level().ordinal() <= e.alerted.ordinal())) {
                continue;
            }
            EscalationLevel previous = e.alerted;
            e.alerted = a.level();
            alerts.add(ExchangeAlert.newBuilder()
                .setAlertId(UUID.nameUUIDFromBytes((e.id + "|" + a.level().name()).getBytes(StandardCharsets.UTF_8)).toString())
                .setExchangeId(e.id)
                .setLevel(a.level())
                .setPreviousLevel(previous)
                .setScore(a.score())
                .setFigures(List.copyOf(e.figures))
                .setTurns(List.copyOf(e.turns))
                .setReasons(a.reasons())
                .setStartedAt(e.startedAt)
                .setLastActivityAt(e.lastActivityAt)
                .setTriggeredBy(turn.getPostId())
                .setTurnCount(e.turns.size() + e.dropped)
                .build());
        }
        return alerts;
    }

    /** The figure piled on's current pile-on: attacks at it and its answers to its attackers, in turn order. */
    private static final class PileOn {
        String id;
        FigureRef target;
        List<Made> turns = new ArrayList<>();
        int dropped;
        Instant startedAt;
        Instant lastAttackAt;
        Instant lastActivityAt;
        EscalationLevel alerted;
    }

    /**
     * Rule 5, pile-ons (docs/pileons.md), over the same turns in the same order as rule 4: an attack is
     * a turn at least as hostile as the threshold; a pile-on on a figure is the run of attacks at it
     * with no gap longer than the window; the figure's turns at one of its attackers while it lasts
     * are its answers. A level needs its score and its number of distinct attackers.
     */
    private List<PileOnAlert> pileOns(List<Made> ordered) {
        PileOnPolicy policy = settings.pileOns();
        long window = policy.window().toMillis();
        PileOnScorer pileOnScorer = new PileOnScorer(policy);
        Map<String, PileOn> current = new HashMap<>();
        List<PileOnAlert> alerts = new ArrayList<>();
        for (Made made : ordered) {
            Turn turn = made.turn();
            long at = turn.getCreatedAt().toEpochMilli();
            if (turn.getHostility() >= policy.hostileTurn()) {
                PileOn p = current.get(turn.getTargetFigureId());
                if (p != null && at > p.lastAttackAt.toEpochMilli() + window) {
                    p = null;
                }
                if (p == null) {
                    p = new PileOn();
                    p.id = turn.getTargetFigureId() + "|" + turn.getCreatedAt();
                    p.target = new FigureRef(turn.getTargetFigureId(), made.targetName());
                    p.startedAt = turn.getCreatedAt();
                    p.lastAttackAt = turn.getCreatedAt();
                    p.lastActivityAt = turn.getCreatedAt();
                    current.put(turn.getTargetFigureId(), p);
                }
                if (!has(p, turn)) {
                    keep(p, made, policy.maxTurns());
                    if (turn.getCreatedAt().isAfter(p.lastAttackAt)) {
                        p.lastAttackAt = turn.getCreatedAt();
                    }
                    assess(p, turn, pileOnScorer, alerts);
                }
            }
            PileOn onAuthor = current.get(turn.getFigureId());
            if (onAuthor != null && at <= onAuthor.lastAttackAt.toEpochMilli() + window && !turn.getCreatedAt().isBefore(onAuthor.startedAt)
                && onAuthor.turns.stream().anyMatch(m -> m.turn().getFigureId().equals(turn.getTargetFigureId())) && !has(onAuthor, turn)) {
                keep(onAuthor, made, policy.maxTurns());
                assess(onAuthor, turn, pileOnScorer, alerts);
            }
        }
        return alerts;
    }

    private static boolean has(PileOn p, Turn turn) {
        return p.turns.stream().anyMatch(m -> m.turn().getPostId().equals(turn.getPostId()) && m.turn().getFigureId().equals(turn.getFigureId())
            && m.turn().getTargetFigureId().equals(turn.getTargetFigureId()));
    }

    private static void keep(PileOn p, Made made, int max) {
        p.turns.add(made);
        if (p.turns.size() > max) {
            p.dropped += p.turns.size() - max;
            p.turns = new ArrayList<>(p.turns.subList(p.turns.size() - max, p.turns.size()));
        }
        if (made.turn().getCreatedAt().isAfter(p.lastActivityAt)) {
            p.lastActivityAt = made.turn().getCreatedAt();
        }
    }

    private static void assess(PileOn p, Turn trigger, PileOnScorer scorer, List<PileOnAlert> alerts) {
        List<Interaction> interactions = p.turns.stream().map(m -> Interaction.newBuilder().setPairKey(m.pairKey()).setTurn(m.turn())
            .setSourceName(m.sourceName()).setTargetName(m.targetName()).setEngagement(m.engagement()).setOtherFigures(m.otherFigures())
            .setQuotedPostId(m.quotedPostId()).build()).toList();
        Assessment a = scorer.assess(p.target.getId(), p.target.getName(), interactions);
        if (a.level() == null || (p.alerted != null && a.level().ordinal() <= p.alerted.ordinal())) {
            return;
        }
        EscalationLevel previous = p.alerted;
        p.alerted = a.level();
        java.util.LinkedHashMap<String, FigureRef> attackers = new java.util.LinkedHashMap<>();
        for (Made m : p.turns) {
            if (!m.turn().getFigureId().equals(p.target.getId())) {
                attackers.putIfAbsent(m.turn().getFigureId(), new FigureRef(m.turn().getFigureId(), m.sourceName()));
            }
        }
        alerts.add(PileOnAlert.newBuilder()
            .setAlertId(UUID.nameUUIDFromBytes(("pile-on|" + p.id + "|" + a.level().name()).getBytes(StandardCharsets.UTF_8)).toString())
            .setPileOnId(p.id)
            .setLevel(a.level())
            .setPreviousLevel(previous)
            .setScore(a.score())
            .setTarget(p.target)
            .setAttackers(List.copyOf(attackers.values()))
            .setTurns(p.turns.stream().map(Made::turn).toList())
            .setReasons(a.reasons())
            .setStartedAt(p.startedAt)
            .setLastActivityAt(p.lastActivityAt)
            .setTriggeredBy(trigger.getPostId())
            .setTurnCount(p.turns.size() + p.dropped)
            .build());
    }

    /** Unused kinds are listed so that a new one in the schema shows up here as a compile-time reminder. */
    static final List<InteractionKind> KINDS = List.of(InteractionKind.REPLY, InteractionKind.QUOTE, InteractionKind.MENTION,
        InteractionKind.NAME, InteractionKind.REPOST);
}
