package dev.crossfire.figure;

import static dev.crossfire.figure.FigureFixtures.SEED_TEXT;
import static dev.crossfire.figure.FigureFixtures.figure;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class FigureDirectoryConcurrencyTest {

    @Test
    @Timeout(60)
    void readersKeepWorkingWhileOneThreadWrites() throws Exception {
        FigureDirectory directory = FigureDirectory.of(FigureFixtures.politicians());
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong reads = new AtomicLong();
        int readers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(readers + 1);
        try {
            Future<?> writer = pool.submit(() -> {
                try {
                    for (int i = 0; i < 2_000; i++) {
                        directory.put(figure("temp-" + (i % 50), "Temporary Person" + i, "Tempname" + i));
                        if (i % 3 == 0) {
                            directory.remove("temp-" + ((i + 25) % 50));
                        }
                        if (i % 100 == 0) { // re-alias a stable figure back and forth
                            Figure cruz = directory.byId("ted-cruz").orElseThrow();
                            directory.put(cruz.withAliases(i % 200 == 0 ? List.of("Cruz", "Senator Cruz") : List.of("Cruz")));
                        }
                    }
                } catch (Throwable t) {
                    failures.add(t);
                } finally {
                    writing.set(false);
                }
            });
            CountDownLatch started = new CountDownLatch(readers);
            for (int r = 0; r < readers; r++) {
                pool.submit(() -> {
                    started.countDown();
                    try {
                        while (writing.get()) {
                            // figures the writer never touches must always be found
                            List<String> ids = directory.namedIn(SEED_TEXT).stream().map(NameMatch::figureId).toList();
                            assertThat(ids).containsExactly("jeff-sessions", "tommy-tuberville");
                            Optional<Figure> byHandle = directory.byAccount("x", "SENTUBERVILLE", null);
                            assertThat(byHandle).map(Figure::id).contains("tommy-tuberville");
                            assertThat(directory.namedIn("Cruz said")).hasSize(1);
                            directory.namedIn("Temporary Person1500 and Tempname77");
                            directory.byId("temp-7");
                            assertThat(directory.size()).isBetween(8, 58);
                            reads.incrementAndGet();
                        }
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                });
            }
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            writer.get(50, TimeUnit.SECONDS);
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(failures).isEmpty();
        System.out.println("concurrency smoke test: " + reads.get() + " read rounds while writing");
    }

    @Test
    @Timeout(30)
    void aWriteIsSeenByAnotherThreadsNextRead() throws Exception {
        FigureDirectory directory = FigureDirectory.of(FigureFixtures.politicians());
        directory.namedIn(SEED_TEXT); // build the automaton before the change
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            for (int i = 0; i < 200; i++) {
                String name = "Newcomer Number" + i;
                String id = "newcomer-" + i;
                directory.put(figure(id, name));
                List<NameMatch> seen = pool.submit(() -> directory.namedIn(name + " arrived")).get();
                assertThat(seen).extracting(NameMatch::figureId).containsExactly(id);
                directory.remove(id);
                assertThat(pool.submit(() -> directory.namedIn(name)).get()).isEmpty();
                assertThat(pool.submit(() -> directory.byId(id)).get()).isEmpty();
            }
        } finally {
            pool.shutdown();
        }
    }
}
