package dev.crossfire.topology;

import dev.crossfire.avro.ParentRequest;
import dev.crossfire.avro.Post;
import dev.crossfire.avro.ThreadLink;

/**
 * What reaches the thread linker of one partition, from its three topics: a record of the posts
 * topic (raw: it is decoded once, by the linker), a child asking for its parent or a post on its way
 * home (the thread-requests topic), and a decided link (the thread-links topic).
 */
sealed interface LinkerInput {

    /** One record of the posts topic, as read; its timestamp and headers are the record's. */
    record PostRecord(byte[] key, byte[] value) implements LinkerInput {
    }

    record Request(ParentRequest request) implements LinkerInput {
    }

    record Stray(Post post) implements LinkerInput {
    }

    record Link(ThreadLink link) implements LinkerInput {
    }
}
