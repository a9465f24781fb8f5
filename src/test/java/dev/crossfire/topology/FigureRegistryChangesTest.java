package dev.crossfire.topology;

import static dev.crossfire.testing.FigureBuilder.figure;
import static dev.crossfire.testing.PostBuilder.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.avro.ThreadedPost;
import dev.crossfire.testing.FigureBuilder;
import org.junit.jupiter.api.Test;

class FigureRegistryChangesTest {

    @Test
    void aFigureAddedGivenANewAliasOrRemovedWhileRunningTakesEffectWithoutARestart() {
        try (TopologyFixture t = new TopologyFixture()) {
            t.registry(FigureBuilder.seedFigures());

            t.send(post("x:1", "jeffsessions", "2020-06-01T10:00:00Z", "Senator Shelby has served Alabama well."));
            assertThat(single(t).getFigureIds()).containsExactly("jeff-sessions");

            t.figure(figure("richard-shelby", "Richard Shelby", "SenShelby", "Shelby"));
            t.send(post("x:2", "jeffsessions", "2020-06-01T10:05:00Z", "Senator Shelby has served Alabama well."));
            assertThat(single(t).getFigureIds()).containsExactly("jeff-sessions", "richard-shelby");

            t.send(post("x:3", "jeffsessions", "2020-06-01T10:10:00Z", "The Senior Senator from Alabama agrees."));
            assertThat(single(t).getFigureIds()).containsExactly("jeff-sessions");
            t.figure(figure("richard-shelby", "Richard Shelby", "SenShelby", "Shelby", "Senior Senator from Alabama"));
            t.send(post("x:4", "jeffsessions", "2020-06-01T10:15:00Z", "The Senior Senator from Alabama agrees."));
            assertThat(single(t).getFigureIds()).containsExactly("jeff-sessions", "richard-shelby");

            t.send(post("x:5", "SenShelby", "2020-06-01T10:20:00Z", "Thank you, Jeff Sessions."));
            assertThat(single(t).getAuthorFigureId()).isEqualTo("richard-shelby");
            t.removeFigure("richard-shelby");
            t.send(post("x:6", "SenShelby", "2020-06-01T10:25:00Z", "Thank you, Jeff Sessions."));
            ThreadedPost after = single(t);
            assertThat(after.getAuthorFigureId()).isNull();
            assertThat(after.getFigureIds()).containsExactly("jeff-sessions");
        }
    }

    private static ThreadedPost single(TopologyFixture t) {
        var threads = t.threads();
        assertThat(threads).hasSize(1);
        return threads.get(0);
    }
}
