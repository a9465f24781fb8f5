package dev.crossfire.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.avro.Post;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkloadTest {

    private static final WorkloadSpec SPEC = new WorkloadSpec(7, 100, 2_000, 20_000, 5_000, 0.03, 0.005, 10, 10,
        Instant.parse("2026-01-05T09:00:00Z"));

    @Test
    void theSameSeedGivesTheSamePostsAndAnotherSeedOthers() {
        List<Post> first = all(new Workload(SPEC));
        List<Post> again = all(new Workload(SPEC));
        assertThat(again).isEqualTo(first);
        WorkloadSpec other = new WorkloadSpec(8, 100, 2_000, 20_000, 5_000, 0.03, 0.005, 10, 10, SPEC.start());
        assertThat(all(new Workload(other))).isNotEqualTo(first);
    }

    @Test
    void everyPostOnceExceptTheDuplicatesAndSomeArriveOutOfOrder() {
        List<Post> posts = all(new Workload(SPEC));
        Set<String> distinct = new HashSet<>();
        long late = 0;
        long newest = Long.MIN_VALUE;
        for (Post p : posts) {
            distinct.add(p.getId());
            long at = p.getCreatedAt().toEpochMilli();
            if (at < newest) {
                late++;
            }
            newest = Math.max(newest, at);
        }
        assertThat(distinct).hasSize(20_000);
        double duplicates = (posts.size() - distinct.size()) / 20_000.0;
        assertThat(duplicates).isBetween(0.002, 0.01);
        double outOfOrder = late / (double) posts.size();
        assertThat(outOfOrder).isBetween(0.01, 0.08); // held-back posts plus redelivered duplicates
    }

    @Test
    void repliesFormDeepAndWideThreads() {
        Map<String, String> parentOf = new HashMap<>();
        Map<String, Integer> children = new HashMap<>();
        for (Post p : all(new Workload(SPEC))) {
            if (p.getReplyTo() != null) {
                parentOf.put(p.getId(), p.getReplyTo().getPostId());
                children.merge(p.getReplyTo().getPostId(), 1, Integer::sum);
            }
        }
        int deepest = 0;
        for (String id : parentOf.keySet()) {
            int depth = 0;
            for (String at = id; parentOf.containsKey(at) && depth < 1_000; at = parentOf.get(at)) {
                depth++;
            }
            deepest = Math.max(deepest, depth);
        }
        assertThat(deepest).isGreaterThanOrEqualTo(5);
        assertThat(children.values().stream().mapToInt(Integer::intValue).max().orElse(0)).isGreaterThanOrEqualTo(5);
    }

    @Test
    void eachPlantedExchangeIsAChainOfQuotesBetweenItsTwoFigures() {
        Workload load = new Workload(SPEC);
        Map<String, Post> byId = new HashMap<>();
        all(load).forEach(p -> byId.put(p.getId(), p));
        Workload.Planted first = load.planted().get(0);
        String[] pair = first.pairKey().split("\\|");
        Set<String> handles = Set.of("fig_" + pair[0].replace('-', '_'), "fig_" + pair[1].replace('-', '_'));
        List<Post> chain = new ArrayList<>();
        for (Post p : byId.values()) {
            if (handles.contains(p.getAuthor().getHandle()) && p.getQuoteOf() != null && handles.contains(p.getQuoteOf().getAuthorHandle())
                && !p.getAuthor().getHandle().equals(p.getQuoteOf().getAuthorHandle())) { // not a figure quoting itself in passing
                chain.add(p);
            }
        }
        assertThat(first.escalating()).isTrue();
        assertThat(chain).hasSizeGreaterThanOrEqualTo(4);
        for (Post quote : chain) {
            Post quoted = byId.get(quote.getQuoteOf().getPostId());
            assertThat(quoted).isNotNull();
            assertThat(quoted.getAuthor().getHandle()).isEqualTo(quote.getQuoteOf().getAuthorHandle());
        }
        assertThat(load.planted()).filteredOn(Workload.Planted::escalating).hasSize(10);
    }

    @Test
    void aLiveSoakHasItsPlantedExchangesAllAlongTheStreamNotOnlyInItsFirstThird() {
        // 100 posts/s: 200 s of event time, against which the turns' gaps (up to 6 s) are short
        WorkloadSpec early = new WorkloadSpec(7, 100, 2_000, 20_000, 100, 0.03, 0.005, 10, 10, SPEC.start());
        WorkloadSpec throughout = new WorkloadSpec(7, 100, 2_000, 20_000, 100, 0.03, 0.005, 10, 10, SPEC.start(), true);
        long spanMs = 20_000 * 1000L / 100;
        assertThat(plantedTurnTimes(early, spanMs)).allSatisfy(at -> assertThat(at).isLessThan(0.5));
        List<Double> spread = plantedTurnTimes(throughout, spanMs);
        assertThat(spread).hasSizeGreaterThanOrEqualTo(80); // 10 x 5 hostile and 10 x 4 friendly turns, the last few may fall past the end
        for (double third = 0; third < 1; third += 1 / 3.0) {
            double from = third;
            assertThat(spread).filteredOn(at -> at >= from && at < from + 1 / 3.0).hasSizeGreaterThanOrEqualTo(15);
        }
    }

    /** When the planted turns (the only posts with thousands of likes) come, as a share of the stream's span. */
    private static List<Double> plantedTurnTimes(WorkloadSpec spec, long spanMs) {
        List<Double> at = new ArrayList<>();
        for (Post p : all(new Workload(spec))) {
            if (p.getMetrics().getLikes() >= 5_000) {
                at.add((p.getCreatedAt().toEpochMilli() - spec.start().toEpochMilli()) / (double) spanMs);
            }
        }
        return at;
    }

    private static List<Post> all(Workload load) {
        List<Post> out = new ArrayList<>();
        load.forEach(out::add);
        return out;
    }
}
