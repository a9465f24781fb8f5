package dev.crossfire.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossfire.avro.ThreadNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;

/**
 * A thread's posts drawn as a tree: the root with its {@code replies} (replies and quotes, oldest
 * first), nested. Posts whose parent is not kept (expired, or over the limit) are listed under
 * {@code detached} with their {@code parentId}, as are posts nested deeper than {@link #MAX_NESTING},
 * so a reply chain of any length still makes a response that every JSON parser can read.
 */
public final class ThreadTree {

    /** JSON parsers refuse deep nesting (Jackson at 1,000 levels; each reply level is two). */
    public static final int MAX_NESTING = 200;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ThreadTree() {
    }

    /** @param nodes the posts kept for the thread, in any order, possibly repeated; at most {@code limit} are drawn */
    public static ObjectNode toJson(String rootId, List<ThreadNode> nodes, int limit) {
        Map<String, ThreadNode> byId = new LinkedHashMap<>();
        List<ThreadNode> sorted = new ArrayList<>(nodes);
        sorted.sort(Comparator.comparing(ThreadNode::getCreatedAt).thenComparing(ThreadNode::getPostId));
        for (ThreadNode node : sorted) {
            if (byId.size() >= limit) {
                break;
            }
            byId.putIfAbsent(node.getPostId(), node);
        }
        Map<String, List<ThreadNode>> children = new HashMap<>();
        List<ThreadNode> tops = new ArrayList<>();
        for (ThreadNode node : byId.values()) {
            String parent = node.getParentId();
            if (parent != null && !parent.equals(node.getPostId()) && byId.containsKey(parent) && !node.getPostId().equals(rootId)) {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(node);
            } else {
                tops.add(node);
            }
        }

        ObjectNode out = MAPPER.createObjectNode();
        out.put("rootId", rootId);
        out.put("posts", byId.size());
        out.put("truncated", nodes.stream().map(ThreadNode::getPostId).distinct().count() > byId.size());
        ArrayNode detached = MAPPER.createArrayNode();
        Set<String> drawn = new HashSet<>();
        ThreadNode root = byId.get(rootId);
        if (root != null) {
            out.set("root", draw(root, children, detached, drawn));
        } else {
            out.putNull("root");
        }
        for (ThreadNode top : tops) {
            if (top != root) {
                detached.add(draw(top, children, detached, drawn));
            }
        }
        for (ThreadNode node : byId.values()) {
            if (!drawn.contains(node.getPostId())) { // a parent cycle, which the linker should never make
                ObjectNode lone = describe(node);
                lone.putArray("replies");
                detached.add(lone);
                drawn.add(node.getPostId());
            }
        }
        out.set("detached", detached);
        return out;
    }

    /** Breadth-first, without recursion: a chain of thousands of replies must not overflow the stack. */
    private static ObjectNode draw(ThreadNode top, Map<String, List<ThreadNode>> children, ArrayNode detached, Set<String> drawn) {
        record Pending(ThreadNode node, ObjectNode json, int nesting) {
        }
        ObjectNode topJson = describe(top);
        Deque<Pending> queue = new ArrayDeque<>();
        queue.add(new Pending(top, topJson, 0));
        while (!queue.isEmpty()) {
            Pending p = queue.poll();
            drawn.add(p.node().getPostId());
            ArrayNode replies = p.json().putArray("replies");
            for (ThreadNode child : children.getOrDefault(p.node().getPostId(), List.of())) {
                ObjectNode childJson = describe(child);
                if (p.nesting() + 1 >= MAX_NESTING) {
                    detached.add(childJson);
                    queue.add(new Pending(child, childJson, 0));
                } else {
                    replies.add(childJson);
                    queue.add(new Pending(child, childJson, p.nesting() + 1));
                }
            }
        }
        return topJson;
    }

    private static ObjectNode describe(ThreadNode node) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("postId", node.getPostId());
        n.put("parentId", node.getParentId());
        n.put("relation", node.getRelation());
        n.put("author", node.getAuthorHandle());
        n.put("authorFigureId", node.getAuthorFigureId());
        n.put("createdAt", node.getCreatedAt().toString());
        n.put("depth", node.getDepth());
        n.put("status", node.getStatus().name());
        n.put("text", node.getText());
        n.put("url", node.getUrl());
        ArrayNode figures = n.putArray("figureIds");
        node.getFigureIds().forEach(figures::add);
        return n;
    }
}
