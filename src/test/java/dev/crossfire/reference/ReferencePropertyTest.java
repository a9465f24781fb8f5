package dev.crossfire.reference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.avro.ThreadedPost;
import dev.crossfire.config.CrossfireSettings;
import dev.crossfire.figure.FigureDirectory;
import dev.crossfire.testing.PostBuilder;
import dev.crossfire.testing.Tries;
import dev.crossfire.text.HostilityScorer;
import dev.crossfire.topology.FigureRecords;
import dev.crossfire.topology.TopologyFixture;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The production topology against {@link ReferenceCrossfire} on generated inputs: reply and quote
 * forests sparse over months, disorder within the allowed lateness, redeliveries, replies to posts
 * that never come or come after them, and parents far too late. Every post must come out once, in the
 * reference's place, and the alerts must be the reference's, field for field and in the same order.
 * This is the driver's one partition; {@code DeterminismMatrixIT} varies partitions, commit intervals
 * and instances on a real broker with the same generator and reference.
 */
public class ReferencePropertyTest {

    static final Duration[] DISORDERS = {Duration.ZERO, Duration.ofSeconds(20), Duration.ofMinutes(10)};

    @Test
    void theTopologyThreadsAndAlertsAsTheReferenceDoes() {
        Tries.run("topology equals reference", 1807L, 30, (random, i) -> {
            Duration disorder = DISORDERS[i % DISORDERS.length];
            CrossfireSettings settings = settingsFor(disorder);
            Arrivals arrivals = Arrivals.generate(random, 40 + random.nextInt(120), disorder, settings.parentWait());
            try (TopologyFixture t = new TopologyFixture(settings)) {
                t.registry(Arrivals.figures());
                for (PostBuilder p : arrivals.posts()) {
                    t.sendRaw(p.id(), p.json());
                }
                t.endOfInput();
                assertSameAsReference(settings, arrivals, t.threads(), t.alerts());
                assertThat(t.pileOns()).as("pile-ons (%s)", arrivals.description()).isEqualTo(reference(settings, arrivals).pileOns());
            }
        });
    }

    public static ReferenceCrossfire.Result reference(CrossfireSettings settings, Arrivals arrivals) {
        FigureDirectory directory = FigureDirectory.of(Arrivals.figures().stream().map(FigureRecords::toFigure).toList());
        return new ReferenceCrossfire(settings, directory, new HostilityScorer()).run(arrivals.posts().stream().map(PostBuilder::json).toList());
    }

    /** The batch settings a run over these arrivals has: turns held for the disorder, parents awaited 15 minutes. */
    public static CrossfireSettings settingsFor(Duration disorder) {
        return CrossfireSettings.batch().withAllowedLateness(disorder);
    }

    public static void assertSameAsReference(CrossfireSettings settings, Arrivals arrivals, List<ThreadedPost> threaded, List<ExchangeAlert> alerts) {
        assertSameAsReference(settings, arrivals, threaded, alerts, false);
    }

    /**
     * @param anyOrder the alerts were read from several partitions of the alerts topic, whose order
     *                 among each other Kafka does not keep: compare them sorted by id
     */
    public static void assertSameAsReference(CrossfireSettings settings, Arrivals arrivals, List<ThreadedPost> threaded, List<ExchangeAlert> alerts,
                                             boolean anyOrder) {
        FigureDirectory directory = FigureDirectory.of(Arrivals.figures().stream().map(FigureRecords::toFigure).toList());
        ReferenceCrossfire.Result expected = new ReferenceCrossfire(settings, directory, new HostilityScorer())
            .run(arrivals.posts().stream().map(PostBuilder::json).toList());
        Map<String, ReferenceCrossfire.Place> actual = new HashMap<>();
        for (ThreadedPost p : threaded) {
            ReferenceCrossfire.Place before = actual.put(p.getPost().getId(), new ReferenceCrossfire.Place(p.getRootId(), p.getParentId(),
                p.getParentAuthorHandle(), p.getDepth(), p.getStatus(), p.getAuthorFigureId(), List.copyOf(p.getFigureIds())));
            assertThat(before).as("%s threaded once (%s)", p.getPost().getId(), arrivals.description()).isNull();
        }
        assertThat(actual).as("threads (%s)", arrivals.description()).isEqualTo(expected.threads());
        if (anyOrder) {
            Comparator<ExchangeAlert> byId = Comparator.comparing(ExchangeAlert::getAlertId);
            assertThat(alerts.stream().sorted(byId).toList()).as("alerts (%s)", arrivals.description())
                .isEqualTo(expected.alerts().stream().sorted(byId).toList());
        } else {
            assertThat(alerts).as("alerts (%s)", arrivals.description()).isEqualTo(expected.alerts());
        }
    }

    @Test
    void theGeneratorMakesWhatThePropertyNeedsToSee() {
        int late = 0;
        int withAlerts = 0;
        int withPileOns = 0;
        for (int i = 0; i < 10; i++) {
            Arrivals a = Arrivals.generate(new Random(i), 150, Duration.ofMinutes(10), Duration.ofMinutes(15));
            late += a.tooLate();
            ReferenceCrossfire.Result r = new ReferenceCrossfire(settingsFor(a.disorder()),
                FigureDirectory.of(Arrivals.figures().stream().map(FigureRecords::toFigure).toList()), new HostilityScorer())
                .run(a.posts().stream().map(PostBuilder::json).toList());
            withAlerts += r.alerts().isEmpty() ? 0 : 1;
            withPileOns += r.pileOns().isEmpty() ? 0 : 1;
            assertThat(r.threads().values()).extracting(ReferenceCrossfire.Place::status)
                .contains(dev.crossfire.avro.LinkStatus.ROOT, dev.crossfire.avro.LinkStatus.LINKED, dev.crossfire.avro.LinkStatus.ORPHAN);
        }
        assertThat(late).as("parents far too late").isPositive();
        assertThat(withAlerts).as("streams that raise alerts").isGreaterThanOrEqualTo(5);
        assertThat(withPileOns).as("streams that raise pile-ons").isGreaterThanOrEqualTo(3);
    }
}
