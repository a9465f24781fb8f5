package dev.crossfire.figure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory directory of public figures that the stream processors consult: by id, by social
 * account, and by name in a post's text ({@link #namedIn}).
 *
 * <h2>Threads</h2>
 * Thread-safe for one or more writers ({@link #put}, {@link #remove}, ...; writers are serialised
 * by a lock) and any number of readers. A change is visible to every read that starts after the
 * writing call returned: a figure added, re-aliased or removed takes effect on the next read.
 * <ul>
 *   <li>{@link #byId}, {@link #byAccount}, {@link #size} read {@link ConcurrentHashMap}s that the
 *       writer updates in place: they never block and cost no copying per update, so loading
 *       10,000 figures one {@code put} at a time stays linear.</li>
 *   <li>{@link #namedIn} uses an immutable {@link NameMatcher} (an Aho-Corasick automaton)
 *       published through a volatile field and tagged with the change counter it was built from.
 *       A write only bumps the counter; the first read that finds the automaton out of date
 *       rebuilds it, so a bulk load costs one rebuild, not one per figure. Readers never block
 *       each other while the automaton is current; only readers that arrive while it is being
 *       rebuilt wait for that rebuild (they must not see the stale one), and writers never
 *       wait for a rebuild.</li>
 * </ul>
 * A read that runs while a write is in progress sees the figure either before or after that
 * write, never a mix within one index; across indexes (by id vs by account) it may briefly see
 * one updated before the other.
 *
 * <h2>Accounts</h2>
 * Handles are compared case-insensitively and with or without a leading {@code @}. When the
 * platform's account id is known it is preferred, because handles can be renamed and then taken
 * by someone else: a lookup by handle that also carries an account id is refused when the
 * directory knows a different id for that handle. If two figures claim the same account, the one
 * put last wins; removing it gives the account back to the earlier claimant.
 */
public final class FigureDirectory {

    private final Object writeLock = new Object();
    private final Object rebuildLock = new Object();

    private final ConcurrentHashMap<String, Figure> figures = new ConcurrentHashMap<>();
    /** platform + NUL + lower-case handle -> the figure owning that handle. */
    private final ConcurrentHashMap<String, Figure> byHandle = new ConcurrentHashMap<>();
    /** platform + NUL + account id -> the figure owning that account. */
    private final ConcurrentHashMap<String, Figure> byAccountId = new ConcurrentHashMap<>();

    /** Writer-side only (under writeLock): every claimant of an account key, oldest first. */
    private final Map<String, LinkedHashSet<String>> claims = new HashMap<>();

    /** Bumped after every change; the matcher snapshot records the value it was built from. */
    private final AtomicLong version = new AtomicLong();
    private volatile MatcherSnapshot matcher = new MatcherSnapshot(0, NameMatcher.empty());

    private record MatcherSnapshot(long version, NameMatcher matcher) {
    }

    public FigureDirectory() {
    }

    /** A directory holding these figures (a later figure with the same id replaces an earlier one). */
    public static FigureDirectory of(Collection<Figure> figures) {
        FigureDirectory directory = new FigureDirectory();
        directory.putAll(figures);
        return directory;
    }

    // ------------------------------------------------------------------ writes

    /** Adds a figure, or replaces the figure with the same id. Putting an unchanged figure is a no-op. */
    public void put(Figure figure) {
        Objects.requireNonNull(figure, "figure");
        synchronized (writeLock) {
            if (putLocked(figure)) {
                version.incrementAndGet();
            }
        }
    }

    /** {@link #put} for each figure, in order. */
    public void putAll(Collection<Figure> newFigures) {
        synchronized (writeLock) {
            for (Figure f : newFigures) {
                // bumping the counter is cheap: the automaton is rebuilt once, on the next read
                if (putLocked(Objects.requireNonNull(f, "figure"))) {
                    version.incrementAndGet();
                }
            }
        }
    }

    /**
     * Makes the directory hold exactly these figures: puts them all and removes every other one
     * (e.g. after re-reading the figures file).
     */
    public void replaceAll(Collection<Figure> newFigures) {
        synchronized (writeLock) {
            Set<String> keep = new LinkedHashSet<>();
            for (Figure f : newFigures) {
                keep.add(f.id());
            }
            for (String id : new ArrayList<>(figures.keySet())) {
                if (!keep.contains(id) && removeLocked(id)) {
                    version.incrementAndGet();
                }
            }
            putAll(newFigures);
        }
    }

    /** Removes the figure with this id; returns whether there was one. */
    public boolean remove(String id) {
        if (id == null) {
            return false;
        }
        synchronized (writeLock) {
            boolean removed = removeLocked(id);
            if (removed) {
                version.incrementAndGet();
            }
            return removed;
        }
    }

    private boolean putLocked(Figure figure) {
        Figure old = figures.get(figure.id());
        if (figure.equals(old)) {
            return false;
        }
        figures.put(figure.id(), figure);
        Set<String> affected = new LinkedHashSet<>();
        if (old != null) {
            for (Key key : keys(old)) {
                unclaim(key, old.id());
                affected.add(key.value());
            }
        }
        for (Key key : keys(figure)) {
            claim(key, figure.id());
            affected.add(key.value());
        }
        for (String key : affected) {
            republish(key);
        }
        return true;
    }

    private boolean removeLocked(String id) {
        Figure old = figures.remove(id);
        if (old == null) {
            return false;
        }
        for (Key key : keys(old)) {
            unclaim(key, id);
            republish(key.value());
        }
        return true;
    }

    private void claim(Key key, String id) {
        LinkedHashSet<String> ids = claims.computeIfAbsent(key.value(), k -> new LinkedHashSet<>());
        ids.remove(id);
        ids.add(id); // newest claim last
    }

    private void unclaim(Key key, String id) {
        LinkedHashSet<String> ids = claims.get(key.value());
        if (ids != null) {
            ids.remove(id);
            if (ids.isEmpty()) {
                claims.remove(key.value());
            }
        }
    }

    /** Points an index entry at its newest remaining claimant, or removes it. */
    private void republish(String key) {
        Map<String, Figure> index = key.startsWith("h") ? byHandle : byAccountId;
        LinkedHashSet<String> ids = claims.get(key);
        String owner = null;
        if (ids != null) {
            for (String id : ids) {
                owner = id;
            }
        }
        if (owner == null) {
            index.remove(key.substring(1));
        } else {
            index.put(key.substring(1), figures.get(owner));
        }
    }

    /** An index key, prefixed with 'h' (handle) or 'i' (account id) to tell the indexes apart. */
    private record Key(String value) {
    }

    private static List<Key> keys(Figure figure) {
        List<Key> keys = new ArrayList<>(figure.accounts().size() * 2);
        for (Account a : figure.accounts()) {
            keys.add(new Key("h" + handleIndexKey(a.platform(), a.handleKey())));
            if (a.accountId() != null) {
                keys.add(new Key("i" + accountIdIndexKey(a.platform(), a.accountId())));
            }
        }
        return keys;
    }

    private static String handleIndexKey(String platform, String handleKey) {
        return platform + '\u0000' + handleKey;
    }

    private static String accountIdIndexKey(String platform, String accountId) {
        return platform + '\u0000' + accountId;
    }

    // ------------------------------------------------------------------ reads

    public Optional<Figure> byId(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(figures.get(id));
    }

    /**
     * The figure owning an account.
     *
     * @param platform  x, bluesky, mastodon, threads, other (any case; "twitter" means x);
     *                  an unknown platform finds nobody
     * @param handle    the handle, with or without {@code @}, any case; may be {@code null}
     * @param accountId the platform's account id; may be {@code null}. When given and known it
     *                  decides; when given but unknown, the handle decides unless the directory
     *                  knows another id for that handle (then nobody: the handle changed owner)
     */
    public Optional<Figure> byAccount(String platform, String handle, String accountId) {
        String p;
        try {
            p = Account.normalizePlatform(platform);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String id = Account.normalizeAccountId(p, accountId);
        if (id != null) {
            Figure f = byAccountId.get(accountIdIndexKey(p, id));
            if (f != null) {
                return Optional.of(f);
            }
        }
        if (handle == null || handle.isBlank()) {
            return Optional.empty();
        }
        String h = Account.handleKey(handle);
        Figure f = byHandle.get(handleIndexKey(p, h));
        if (f == null) {
            return Optional.empty();
        }
        if (id != null) {
            for (Account a : f.accounts()) {
                if (a.platform().equals(p) && a.handleKey().equals(h)
                        && a.accountId() != null && !a.accountId().equals(id)) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(f);
    }

    /**
     * The figures named in a text by full name or alias, in order of first occurrence, each once.
     * See {@link NameMatcher} for the matching rules (whole words, case, ambiguity, handles...).
     */
    public List<NameMatch> namedIn(String text) {
        return matcher().find(text);
    }

    /** The current name matcher, rebuilt first if figures changed since it was built. */
    public NameMatcher matcher() {
        MatcherSnapshot snapshot = matcher;
        if (snapshot.version() == version.get()) {
            return snapshot.matcher();
        }
        synchronized (rebuildLock) {
            snapshot = matcher;
            long current = version.get(); // read before the figures: the copy is at least this new
            if (snapshot.version() == current) {
                return snapshot.matcher();
            }
            NameMatcher rebuilt = NameMatcher.of(new ArrayList<>(figures.values()));
            matcher = new MatcherSnapshot(current, rebuilt);
            return rebuilt;
        }
    }

    public int size() {
        return figures.size();
    }

    /** All figures, sorted by id (a copy). */
    public List<Figure> all() {
        List<Figure> all = new ArrayList<>(figures.values());
        all.sort(Comparator.comparing(Figure::id));
        return all;
    }
}
