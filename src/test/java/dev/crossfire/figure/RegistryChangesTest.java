package dev.crossfire.figure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryChangesTest {

    private static Figure figure(String id, String name, String... aliases) {
        return new Figure(id, name, List.of(aliases), null, null, List.of(new Account("x", id.replace("-", ""))));
    }

    @Test
    void additionsChangesRemovalsAndTheUnchangedAreToldApart() {
        Map<String, Figure> topic = Map.of(
            "jeff-sessions", figure("jeff-sessions", "Jeff Sessions", "Sessions"),
            "doug-jones", figure("doug-jones", "Doug Jones"),
            "terri-sewell", figure("terri-sewell", "Terri Sewell"));
        List<Figure> file = List.of(
            figure("jeff-sessions", "Jeff Sessions", "Sessions", "Attorney General Sessions"), // an alias added
            figure("terri-sewell", "Terri Sewell"),
            figure("tommy-tuberville", "Tommy Tuberville"));

        RegistryChanges c = RegistryChanges.between(topic, file);

        assertThat(c.added()).extracting(Figure::id).containsExactly("tommy-tuberville");
        assertThat(c.changed()).extracting(Figure::id).containsExactly("jeff-sessions");
        assertThat(c.removed()).containsExactly("doug-jones");
        assertThat(c.unchanged()).isEqualTo(1);
        assertThat(c.describe()).isEqualTo("1 added, 1 changed, 1 removed, 1 unchanged");
        assertThat(RegistryChanges.between(Map.of("terri-sewell", figure("terri-sewell", "Terri Sewell")),
            List.of(figure("terri-sewell", "Terri Sewell"))).isEmpty()).isTrue();
    }
}
