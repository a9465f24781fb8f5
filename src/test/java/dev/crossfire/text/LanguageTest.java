package dev.crossfire.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageTest {

    @Test
    void thePlatformsTagWinsAndItsRegionIsDropped() {
        assertThat(Language.of("es", "You are a liar")).isEqualTo(Language.ES);
        assertThat(Language.of("pt-BR", "")).isEqualTo(Language.PT);
        assertThat(Language.of("de_AT", "")).isEqualTo(Language.DE);
        assertThat(Language.of("FR", "")).isEqualTo(Language.FR);
    }

    @Test
    void aTagOfALanguageNotReadIsOtherAndNoTagMeansAGuess() {
        assertThat(Language.of("ja", "You are a liar")).isEqualTo(Language.OTHER);
        assertThat(Language.of("und", "Eres un mentiroso")).isEqualTo(Language.ES);
        assertThat(Language.of("  ", "Tu es un menteur")).isEqualTo(Language.FR);
        assertThat(Language.of(null, "Você é um mentiroso")).isEqualTo(Language.PT);
    }

    @Test
    void theGuessReadsCommonWordsAndLetters() {
        assertThat(Language.guess("Halt die Klappe, du Vollidiot!")).isEqualTo(Language.DE);
        assertThat(Language.guess("Die Sitzung beginnt um neun.")).isEqualTo(Language.DE);
        assertThat(Language.guess("Cállate, imbécil corrupto.")).isEqualTo(Language.ES);
        assertThat(Language.guess("Eres un mentiroso y un cobarde, idiota.")).isEqualTo(Language.ES);
        assertThat(Language.guess("Tu es un menteur et un lâche.")).isEqualTo(Language.FR);
        assertThat(Language.guess("Você não tem vergonha, seu mentiroso")).isEqualTo(Language.PT);
        assertThat(Language.guess("You are a liar and a coward")).isEqualTo(Language.EN);
        assertThat(Language.guess("Die, you coward")).as("an English verb, not the German article").isEqualTo(Language.EN);
    }

    @Test
    void withoutEvidenceATextIsEnglish() {
        assertThat(Language.guess("")).isEqualTo(Language.EN);
        assertThat(Language.guess("12345 🙃")).isEqualTo(Language.EN);
        assertThat(Language.guess("#MAGA")).isEqualTo(Language.EN);
    }
}
