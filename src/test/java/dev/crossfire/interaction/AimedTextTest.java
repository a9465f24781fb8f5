package dev.crossfire.interaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AimedTextTest {

    private static List<AimedText.Mark> marks(String text, String figure, String... names) {
        List<AimedText.Mark> out = new java.util.ArrayList<>();
        for (String name : names) {
            for (int at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
                out.add(new AimedText.Mark(figure, at, at + name.length()));
            }
        }
        return out;
    }

    @Test
    void agreementWithTheOneAnsweredAndAnAttackOnAThirdGoToEach() {
        String text = "@AllyB Exactly right, thank you. Senator Cole is a liar and a coward.";
        List<AimedText.Mark> marks = new java.util.ArrayList<>(marks(text, "b", "@AllyB"));
        marks.addAll(marks(text, "c", "Cole"));
        Map<String, String> aimed = AimedText.split(text, List.of("b", "c"), Set.of("b"), marks);
        assertThat(aimed.get("b")).isEqualTo("@AllyB Exactly right, thank you.");
        assertThat(aimed.get("c")).isEqualTo("Senator Cole is a liar and a coward.");
    }

    @Test
    void aPronounCarriesTheFigureOfTheSentenceBefore() {
        String text = "Alabama, do not trust Jeff Sessions. He let our Country down. I endorse Coach Tuberville!";
        List<AimedText.Mark> marks = new java.util.ArrayList<>(marks(text, "sessions", "Jeff Sessions"));
        marks.addAll(marks(text, "tuberville", "Tuberville"));
        Map<String, String> aimed = AimedText.split(text, List.of("sessions", "tuberville"), Set.of("tuberville"), marks);
        assertThat(aimed.get("sessions")).isEqualTo("Alabama, do not trust Jeff Sessions. He let our Country down.");
        assertThat(aimed.get("tuberville")).isEqualTo("I endorse Coach Tuberville!");
    }

    @Test
    void sentencesNamingNobodyGoToTheOneAnsweredElseToEveryone() {
        String text = "You betrayed Iowa! Resign.";
        assertThat(AimedText.split(text, List.of("b", "c"), Set.of("b"), List.of())).containsEntry("b", "You betrayed Iowa! Resign.")
            .containsEntry("c", "");
        assertThat(AimedText.split(text, List.of("b", "c"), Set.of(), List.of())).containsEntry("b", "You betrayed Iowa! Resign.")
            .containsEntry("c", "You betrayed Iowa! Resign.");
    }

    @Test
    void aSentenceNamingTwoFiguresIsAimedAtBoth() {
        String text = "@B and @C, you are both liars.";
        List<AimedText.Mark> marks = new java.util.ArrayList<>(marks(text, "b", "@B"));
        marks.addAll(marks(text, "c", "@C"));
        Map<String, String> aimed = AimedText.split(text, List.of("b", "c"), Set.of(), marks);
        assertThat(aimed.get("b")).isEqualTo(text);
        assertThat(aimed.get("c")).isEqualTo(text);
    }
}
