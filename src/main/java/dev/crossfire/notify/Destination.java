package dev.crossfire.notify;

import java.net.URI;

/** Where alerts go: a Slack incoming webhook (a message for people) or a webhook of one's own (the alert's JSON, signed). */
public record Destination(Kind kind, URI url) {

    public enum Kind { SLACK, WEBHOOK }

    public Destination {
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null) {
            throw new IllegalArgumentException("a webhook must be an http(s) URL with a host: " + url);
        }
    }

    /** For logs, metrics and dead letters: the kind and the host, never the path (a Slack webhook's path is its secret). */
    public String label() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }
}
