package dev.crossfire.post;

import dev.crossfire.avro.Author;
import dev.crossfire.avro.Post;
import dev.crossfire.avro.PostRef;

/**
 * How many bytes a post takes once encoded, without encoding it: the UTF-8 bytes of its strings,
 * plus a few bytes for each string's length and for the numbers, enums and unions around them. It
 * is an upper bound of the post's Avro binary size, and every record crossfire writes about a post
 * (the threaded post, a stray on the loop, a node of a thread in the query API) is that size plus
 * a few ids.
 */
public final class PostSize {

    /** A string's length as a varint (at most 5 bytes) and its union index (1). */
    private static final int PER_STRING = 6;
    /** createdAt, platform, the unions of the optional fields, the engagement counts, the array blocks. */
    private static final int FIXED = 80;

    private PostSize() {
    }

    public static long bytes(Post post) {
        long n = FIXED + string(post.getId()) + string(post.getText()) + string(post.getRootId())
            + string(post.getLang()) + string(post.getUrl());
        Author author = post.getAuthor();
        if (author != null) {
            n += string(author.getId()) + string(author.getHandle()) + string(author.getName());
        }
        n += ref(post.getReplyTo()) + ref(post.getQuoteOf()) + ref(post.getRepostOf());
        if (post.getMentions() != null) {
            for (String handle : post.getMentions()) {
                n += string(handle);
            }
        }
        return n;
    }

    private static long ref(PostRef ref) {
        return ref == null ? 0 : string(ref.getPostId()) + string(ref.getAuthorHandle()) + string(ref.getAuthorId());
    }

    private static long string(CharSequence s) {
        return s == null ? 0 : PER_STRING + utf8(s);
    }

    /** The UTF-8 length of {@code s}; a lone surrogate counts as the 3 bytes of the replacement it is written as. */
    public static long utf8(CharSequence s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
