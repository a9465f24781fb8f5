package dev.crossfire.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossfire.avro.LinkStatus;
import dev.crossfire.avro.ThreadNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One instance's part of a thread as it travels to the instance that draws the tree: the nodes, field by field. */
final class ThreadNodes {

    private ThreadNodes() {
    }

    static ObjectNode toJson(ThreadNode node) {
        ObjectNode n = Http.object();
        n.put("postId", node.getPostId());
        n.put("parentId", node.getParentId());
        n.put("relation", node.getRelation());
        n.put("authorHandle", node.getAuthorHandle());
        n.put("authorFigureId", node.getAuthorFigureId());
        n.put("createdAt", node.getCreatedAt().toEpochMilli());
        n.put("depth", node.getDepth());
        n.put("status", node.getStatus().name());
        n.put("text", node.getText());
        n.put("url", node.getUrl());
        ArrayNode figures = n.putArray("figureIds");
        node.getFigureIds().forEach(figures::add);
        return n;
    }

    static ThreadNode fromJson(JsonNode n) {
        List<String> figures = new ArrayList<>();
        n.path("figureIds").forEach(f -> figures.add(f.asText()));
        return ThreadNode.newBuilder()
            .setPostId(n.path("postId").asText())
            .setParentId(text(n, "parentId"))
            .setRelation(text(n, "relation"))
            .setAuthorHandle(n.path("authorHandle").asText())
            .setAuthorFigureId(text(n, "authorFigureId"))
            .setCreatedAt(Instant.ofEpochMilli(n.path("createdAt").asLong()))
            .setDepth(n.path("depth").asInt())
            .setStatus(LinkStatus.valueOf(n.path("status").asText()))
            .setText(n.path("text").asText(""))
            .setUrl(text(n, "url"))
            .setFigureIds(figures)
            .build();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
