package dev.crossfire.ingest.live;

import dev.crossfire.figure.Account;
import dev.crossfire.figure.Figure;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Bluesky DIDs a registry's figures give Jetstream to follow: each Bluesky account's {@code id}
 * when it is a DID (the registry writes {@code {platform: bluesky, handle: ..., id: did:plc:...}}).
 * Jetstream filters by DID only, so an account with a handle and no DID cannot be followed; those
 * are counted for the operator.
 */
public record FollowedDids(Set<String> dids, int withoutDid) {

    public static FollowedDids of(Collection<Figure> figures) {
        Set<String> dids = new TreeSet<>();
        int without = 0;
        for (Figure f : figures) {
            for (Account a : f.accounts()) {
                if (!"bluesky".equals(a.platform())) {
                    continue;
                }
                if (a.accountId() != null && a.accountId().startsWith("did:")) {
                    dids.add(a.accountId());
                } else {
                    without++;
                }
            }
        }
        return new FollowedDids(Set.copyOf(dids), without);
    }
}
