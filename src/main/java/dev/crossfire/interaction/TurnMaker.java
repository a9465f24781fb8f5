package dev.crossfire.interaction;


import dev.crossfire.avro.Interaction;
import dev.crossfire.avro.InteractionKind;
import dev.crossfire.avro.Post;
import dev.crossfire.avro.PostRef;
import dev.crossfire.avro.Turn;
import dev.crossfire.exchange.ExchangeTracker;
import dev.crossfire.figure.Figure;
import dev.crossfire.interaction.InteractionDeriver.Involvement;
import dev.crossfire.interaction.InteractionDeriver.Target;
import dev.crossfire.text.Hostility;
import dev.crossfire.text.HostilityScorer;
import dev.crossfire.thread.ThreadRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a post means for the figures it involves: who they are (for the threads topic) and the turns
 * it makes in their exchanges. The turns do not wait for the thread: a reference usually names the
 * parent's author (X's in_reply_to_user_id, the DID in a Bluesky at:// URI, Mastodon's
 * in_reply_to_account_id, authorHandle in crossfire's JSON), and that is all a turn needs. Only a
 * reference that names no author leaves the turn to wait for the parent's link, which brings it.
 */
public final class TurnMaker {

    public static final int TURN_TEXT_CHARS = 280;

    private final InteractionDeriver deriver;
    private final HostilityScorer hostility;

    public TurnMaker(InteractionDeriver deriver, HostilityScorer hostility) {
        this.deriver = deriver;
        this.hostility = hostility;
    }

    /** True when the post's reply or quote target is known only once its parent's link gives the parent's author. */
    public static boolean needsParentAuthor(Post post) {
        PostRef parent = ThreadRules.parentRef(post);
        return parent != null && parent.getAuthorHandle() == null && parent.getAuthorId() == null;
    }

    /** Whether a figure wrote the post: only then can it make turns. */
    public boolean byFigure(Post post) {
        return deriver.authorOf(post).isPresent();
    }

    /** The figures the post involves and its turns, with the parent's author as the thread knows it (null if unknown). */
    public Reading read(Post post, String parentAuthorHandle) {
        return new Reading(post, deriver.derive(post, parentAuthorHandle));
    }

    /** One post read for figures. */
    public final class Reading {
        private final Post post;
        private final Involvement involvement;

        private Reading(Post post, Involvement involvement) {
            this.post = post;
            this.involvement = involvement;
        }

        public String authorFigureId() {
            return involvement.author().map(Figure::id).orElse(null);
        }

        /** The author and every figure the post addresses, sorted. */
        public List<String> figureIds() {
            TreeSet<String> ids = new TreeSet<>();
            involvement.author().ifPresent(a -> ids.add(a.id()));
            involvement.targets().forEach(t -> ids.add(t.figure().id()));
            return List.copyOf(ids);
        }

        /** True when a figure posted it and it addresses another: it makes turns. */
        public boolean makesTurns() {
            return involvement.author().isPresent() && !involvement.targets().isEmpty();
        }

        /** One interaction per figure addressed, keyed by the unordered pair; the text is scored only here. */
        public List<Interaction> turns() {
            if (!makesTurns()) {
                return List.of();
            }
            Figure author = involvement.author().get();
            Map<String, Hostility> toward = hostilityToward(post, involvement);
            long engagement = InteractionDeriver.engagement(post.getMetrics());
            int others = figureIds().size() - 2;
            List<Interaction> out = new ArrayList<>();
            for (Target target : involvement.targets()) {
                Hostility score = toward.get(target.figure().id());
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
                out.add(Interaction.newBuilder()
                    .setPairKey(ExchangeTracker.pairKey(author.id(), target.figure().id()))
                    .setTurn(turn)
                    .setSourceName(author.name())
                    .setTargetName(target.figure().name())
                    .setEngagement(engagement)
                    .setOtherFigures(others)
                    .setQuotedPostId(post.getQuoteOf() == null ? null : post.getQuoteOf().getPostId())
                    .build());
            }
            return out;
        }
    }

    /**
     * The hostility of the words aimed at each figure the post addresses ({@link AimedText}). A post
     * that aims all of itself at every target is scored once, whole, as before.
     */
    private Map<String, Hostility> hostilityToward(Post post, Involvement involvement) {
        List<String> ids = involvement.targets().stream().map(t -> t.figure().id()).toList();
        Set<String> answered = new HashSet<>();
        for (Target t : involvement.targets()) {
            if (t.kind() == InteractionKind.REPLY || t.kind() == InteractionKind.QUOTE) {
                answered.add(t.figure().id());
            }
        }
        String text = post.getText();
        Map<String, String> aimed = AimedText.split(text, ids, answered, deriver.marks(post, involvement));
        Map<String, Hostility> byText = new HashMap<>();
        Map<String, Hostility> out = new HashMap<>();
        for (String id : ids) {
            String words = aimed.get(id);
            out.put(id, byText.computeIfAbsent(words, w -> w.isBlank() ? Hostility.NONE : hostility.score(w, post.getLang())));
        }
        return out;
    }

    static String shorten(String text) {
        if (text.length() <= TURN_TEXT_CHARS) {
            return text;
        }
        int cut = TURN_TEXT_CHARS - 1;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut) + "…";
    }
}
