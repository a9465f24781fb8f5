package dev.crossfire.ingest;

/**
 * An at:// URI, {@code at://<did or handle>/<collection>/<rkey>}, as Bluesky names every record.
 *
 * @param authority the repository: a DID (did:plc:..., did:web:...) or, rarely, a handle
 */
record AtUri(String authority, String collection, String rkey) {

    static final String POST = "app.bsky.feed.post";
    static final String REPOST = "app.bsky.feed.repost";

    static AtUri parse(String uri) throws ImportException {
        if (uri == null || !uri.startsWith("at://")) {
            throw new ImportException("'" + uri + "' is not an at:// URI");
        }
        String[] parts = uri.substring("at://".length()).split("/");
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new ImportException("'" + uri + "' is not at://<repo>/<collection>/<rkey>");
        }
        return new AtUri(parts[0], parts[1], parts[2]);
    }

    static AtUri of(String did, String collection, String rkey) {
        return new AtUri(did, collection, rkey);
    }

    boolean isPost() {
        return POST.equals(collection);
    }

    /** crossfire's post id: the platform and the URI, which is unique across the network. */
    String postId() {
        return "bluesky:" + this;
    }

    @Override
    public String toString() {
        return "at://" + authority + "/" + collection + "/" + rkey;
    }
}
