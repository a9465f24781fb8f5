package dev.crossfire.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The texts a new user tried in issue 20, and what an editor reads in them. */
class LanguageRulesTest {

    private static final HostilityScorer SCORER = new HostilityScorer();

    @Test
    void insultsInSpanishFrenchGermanAndPortugueseAreHostile() {
        assertThat(SCORER.score("Eres un mentiroso y un cobarde, idiota.").cues())
            .contains("language: es", "personal attack: mentiroso", "personal attack: cobarde");
        assertThat(SCORER.score("Eres un mentiroso y un cobarde, idiota.").hostile()).isTrue();
        assertThat(SCORER.score("Cállate, imbécil corrupto.").cues()).contains("attack: cállate", "insult: imbécil");
        assertThat(SCORER.score("Cállate, imbécil corrupto.").hostile()).isTrue();
        assertThat(SCORER.score("Tu es un menteur et un lâche.").hostile()).isTrue();
        assertThat(SCORER.score("Halt die Klappe, du Vollidiot!").cues()).contains("language: de", "attack: halt die klappe")
            .noneMatch(c -> c.contains("negative: die"));
        assertThat(SCORER.score("Halt die Klappe, du Vollidiot!").hostile()).isTrue();
        assertThat(SCORER.score("Você é um mentiroso e covarde.").hostile()).isTrue();
    }

    @Test
    void accentsAndCaseAreFoldedAndNegationCuts() {
        assertThat(SCORER.score("eres un imbecil", "es").hostile()).isTrue();
        Hostility negated = SCORER.score("No es un mentiroso.", "es");
        assertThat(negated.cues()).contains("negated: mentiroso");
        assertThat(negated.hostile()).isFalse();
        assertThat(SCORER.score("Er ist kein Lügner.", "de").hostile()).isFalse();
    }

    @Test
    void plainTextInEachLanguageIsNotHostile() {
        assertThat(SCORER.score("Die Sitzung beginnt um neun.").score()).isLessThan(0.2);
        assertThat(SCORER.score("La sesión empieza a las nueve.", "es").score()).isZero();
        assertThat(SCORER.score("La séance commence à neuf heures.", "fr").score()).isZero();
        assertThat(SCORER.score("A sessão começa às nove.", "pt").score()).isZero();
    }

    @Test
    void aLanguageCrossfireDoesNotReadIsNotScoredWithEnglishWords() {
        assertThat(SCORER.score("You are a liar and a coward", "ja")).isEqualTo(Hostility.NONE);
        assertThat(SCORER.score("You are a liar and a coward", "en").hostile()).isTrue();
    }
}
