package dev.crossfire.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossfire.avro.Author;
import dev.crossfire.avro.Engagement;
import dev.crossfire.avro.Platform;
import dev.crossfire.avro.Post;
import dev.crossfire.avro.PostRef;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The daily files of alexlitel/congresstweets: tweets of members of Congress and their offices, one
 * JSON array per day, each tweet flattened to {@code id}, {@code screen_name}, {@code user_id},
 * {@code time} (ISO-8601 with the New York offset), {@code link}, {@code text} and {@code source}.
 * The flattening keeps what a thread needs only in the text:
 * <ul>
 *   <li>a retweet is {@code "RT @handle <its text>"}, and its {@code link} is the original tweet's:
 *       a repost of that id, by that handle;</li>
 *   <li>a quote is {@code "<own text> <link> QT @handle <quoted text>"}: a quote of the id in the
 *       link when it is a tweet's URL (later files expand links), else, with only a t.co link (2017
 *       files), the quoted author is addressed by a mention;</li>
 *   <li>a reply is only told by the text starting with {@code @handles}, and no parent id is kept:
 *       the handles it starts with are addressed by mention, the post is not linked into a thread.</li>
 * </ul>
 */
final class CongressTweetsImporter implements PostImporter {

    private static final Pattern RETWEET = Pattern.compile("^RT @(\\w{1,15}):? ");
    private static final Pattern QUOTE = Pattern.compile(" QT @(\\w{1,15}):? ");
    private static final Pattern STATUS_URL = Pattern.compile("https?://(?:www\\.|mobile\\.)?(?:twitter|x)\\.com/(\\w{1,15})/status(?:es)?/(\\d+)");
    private static final Pattern HANDLE = Pattern.compile("(?<![\\w@])@(\\w{1,15})");
    private static final Pattern LEADING_HANDLES = Pattern.compile("^(?:@\\w{1,15}\\s+)+");

    @Override
    public List<Post> posts(JsonNode record) throws ImportException {
        String id = Json.text(record, "id");
        if (id == null) {
            throw new ImportException("missing id");
        }
        String handle = Json.text(record, "screen_name");
        if (handle == null) {
            throw new ImportException("tweet " + id + ": missing screen_name");
        }
        String time = Json.text(record, "time");
        if (time == null) {
            throw new ImportException("tweet " + id + ": missing time");
        }
        Instant createdAt;
        try {
            createdAt = OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            throw new ImportException("tweet " + id + ": time '" + time + "' is not ISO-8601 with an offset");
        }
        String text = record.path("text").asText("");
        String link = Json.text(record, "link");
        String userId = Json.text(record, "user_id");
        Post.Builder post = Post.newBuilder()
            .setId("x:" + id)
            .setPlatform(Platform.X)
            .setAuthor(new Author(userId == null ? null : "x:" + userId, handle, null))
            .setCreatedAt(createdAt)
            .setMetrics(new Engagement(0L, 0L, 0L, 0L))
            .setUrl("https://twitter.com/" + handle + "/status/" + id);

        Matcher retweet = RETWEET.matcher(text);
        if (retweet.find()) {
            Matcher original = link == null ? null : STATUS_URL.matcher(link);
            if (original == null || !original.find()) {
                throw new ImportException("tweet " + id + ": a retweet whose link is not the original tweet's URL: " + link);
            }
            // the original's words are in the text after the marker; the repost has none of its own
            return List.of(post.setText("").setMentions(List.of())
                .setRepostOf(new PostRef("x:" + original.group(2), retweet.group(1), null)).build());
        }

        String own = text;
        Set<String> addressed = new LinkedHashSet<>();
        Matcher quote = QUOTE.matcher(text);
        if (quote.find()) {
            own = text.substring(0, quote.start());
            String quoted = quote.group(1);
            Matcher url = STATUS_URL.matcher(own);
            String quotedId = null;
            while (url.find()) {
                if (url.group(1).equalsIgnoreCase(quoted)) {
                    quotedId = url.group(2);
                }
            }
            if (quotedId != null) {
                post.setQuoteOf(new PostRef("x:" + quotedId, quoted, null));
            } else {
                addressed.add(quoted); // only a t.co link: the quoted author is named, the tweet is not known
            }
        }
        Matcher mentioned = HANDLE.matcher(own);
        while (mentioned.find()) {
            addressed.add(mentioned.group(1));
        }
        addressed.removeIf(h -> h.equalsIgnoreCase(handle));
        Matcher leading = LEADING_HANDLES.matcher(own);
        if (leading.find()) {
            // a reply: its parent's id is not kept, so it is not threaded; the handles it answers are addressed
            List<String> first = new ArrayList<>();
            Matcher h = HANDLE.matcher(leading.group());
            while (h.find()) {
                first.add(h.group(1));
            }
            Set<String> ordered = new LinkedHashSet<>(first);
            ordered.addAll(addressed);
            ordered.removeIf(x -> x.equalsIgnoreCase(handle));
            addressed = ordered;
        }
        return List.of(post.setText(own.strip()).setMentions(new ArrayList<>(addressed)).build());
    }

    @Override
    public String skippedAs(JsonNode record) {
        return "not a tweet";
    }
}
