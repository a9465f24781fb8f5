package dev.crossfire.thread;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WaitDeadlinesTest {

    @Test
    void dueParentsComeEarliestFirstUpToTheStreamTime() {
        WaitDeadlines deadlines = new WaitDeadlines();
        deadlines.set("late", 300);
        deadlines.set("early", 100);
        deadlines.set("same-as-early", 100);
        deadlines.set("future", 900);

        assertThat(deadlines.due(300, 10)).containsExactly("early", "same-as-early", "late");
        assertThat(deadlines.due(99, 10)).isEmpty();
    }

    @Test
    void oneSweepTakesAtMostItsBound() {
        WaitDeadlines deadlines = new WaitDeadlines();
        for (int i = 0; i < 50; i++) {
            deadlines.set("p" + i, i);
        }
        assertThat(deadlines.due(1_000, 7)).containsExactly("p0", "p1", "p2", "p3", "p4", "p5", "p6");
    }

    @Test
    void movingAParentKeepsOneEntryAtItsNewDeadline() {
        WaitDeadlines deadlines = new WaitDeadlines();
        deadlines.set("p", 100);
        deadlines.set("p", 500);

        assertThat(deadlines.size()).isEqualTo(1);
        assertThat(deadlines.due(400, 10)).isEmpty();
        assertThat(deadlines.due(500, 10)).containsExactly("p");
    }

    @Test
    void removedAndClearedParentsAreNoLongerDue() {
        WaitDeadlines deadlines = new WaitDeadlines();
        deadlines.set("a", 1);
        deadlines.set("b", 2);
        deadlines.remove("a");
        deadlines.remove("never-added");
        assertThat(deadlines.due(10, 10)).containsExactly("b");

        deadlines.clear();
        assertThat(deadlines.size()).isZero();
        assertThat(deadlines.due(10, 10)).isEmpty();
    }
}
