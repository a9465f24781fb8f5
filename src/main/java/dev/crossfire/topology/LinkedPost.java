package dev.crossfire.topology;

import dev.crossfire.avro.Post;
import dev.crossfire.avro.ThreadLink;

/** A post whose place in its thread is settled, on its way to figure resolution (never serialized). */
record LinkedPost(Post post, ThreadLink link) {
}
