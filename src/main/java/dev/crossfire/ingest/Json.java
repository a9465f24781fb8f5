package dev.crossfire.ingest;

import com.fasterxml.jackson.databind.JsonNode;

/** Small readers over platform payloads, where a field may be absent, null, a number or a string. */
final class Json {

    private Json() {
    }

    /** The field as text, or null when absent, null, empty or not a scalar. */
    static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || !v.isValueNode()) {
            return null;
        }
        String s = v.asText();
        return s.isEmpty() ? null : s;
    }

    static String required(JsonNode node, String field, String path) throws ImportException {
        String value = text(node, field);
        if (value == null) {
            throw new ImportException("missing " + path);
        }
        return value;
    }

    static long count(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || !v.canConvertToLong() ? 0 : Math.max(0, v.asLong());
    }

    static boolean isObject(JsonNode node) {
        return node != null && node.isObject();
    }
}
