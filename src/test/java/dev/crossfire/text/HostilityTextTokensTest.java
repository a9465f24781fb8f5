package dev.crossfire.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossfire.text.TextTokens.Token;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tokenizer under {@link HostilityScorer}. */
class HostilityTextTokensTest {

    private static List<String> words(String text) {
        return TextTokens.scan(text, 10_000, 1_000).tokens().stream().map(Token::norm).toList();
    }

    @Test
    void splitsCliticsAndKeepsNegations() {
        assertThat(words("You're wrong, Tuberville's a coward and I don't care"))
                .containsExactly("you", "are", "wrong", "tuberville", "'s", "a", "coward", "and", "i", "don't", "care");
        assertThat(words("you\u2019ve")).containsExactly("you", "have");
    }

    @Test
    void keepsMaskedWordsWhole() {
        assertThat(words("F****in' nice, f**k, sh*t, *rolls eyes*, F***"))
                .containsExactly("f****in", "nice", "f**k", "sh*t", "rolls", "eyes", "f***");
        assertThat(TextTokens.scan("f**k", 100, 10).tokens().get(0).masked()).isTrue();
    }

    @Test
    void squeezesElongations() {
        Token t = TextTokens.scan("Stuuuupid", 100, 10).tokens().get(0);
        assertThat(t.norm()).isEqualTo("stuupid");
        assertThat(t.squeezed()).isEqualTo("stupid");
        assertThat(TextTokens.scan("good", 100, 10).tokens().get(0).squeezed()).isNull();
    }

    @Test
    void skipsUrlsAndHandlesButKeepsHashtags() {
        assertThat(words("@SenX see https://t.co/abc and www.x.org #Corrupt"))
                .containsExactly("see", "and", "corrupt");
    }

    @Test
    void readsTheWordsOfACamelCaseHashtag() {
        assertThat(words("#LockHerUp now #CrookedHillary #maga #USA McConnell"))
                .containsExactly("lock", "her", "up", "now", "crooked", "hillary", "maga", "usa", "mcconnell");
    }

    @Test
    void countsSentencesExclamationsAndCapitals() {
        TextTokens t = TextTokens.scan("NO WAY! The U.S. is fine. Really?? yes", 1_000, 100);
        assertThat(t.tokens()).extracting(Token::sentence).containsExactly(0, 0, 1, 1, 1, 2, 2, 3, 4); // "U.S. is" ends a sentence: a known limit
        assertThat(t.exclamations()).isEqualTo(2);
        assertThat(t.tokens().get(0).shouted()).isFalse(); // two letters are not shouting
        assertThat(t.tokens().get(1).shouted()).isTrue();
        assertThat(t.upperLetters()).isEqualTo(9);
    }

    @Test
    void handlesOtherScripts() {
        assertThat(words("שלום לכולם")).containsExactly("שלום", "לכולם");
        assertThat(words("مَرْحَبًا بك")).hasSize(2); // combining marks stay inside the word
        TextTokens arabic = TextTokens.scan("مرحبا بك", 100, 10);
        assertThat(arabic.casedLetters()).isZero();
    }

    @Test
    void boundsTheWork() {
        TextTokens t = TextTokens.scan("word ".repeat(10_000), 10_000, 500);
        assertThat(t.tokens()).hasSize(500);
        Token longWord = TextTokens.scan("a".repeat(5_000), 10_000, 10).tokens().get(0);
        assertThat(longWord.norm().length()).isLessThanOrEqualTo(TextTokens.MAX_WORD_CHARS);
        assertThat(longWord.raw().length()).isLessThanOrEqualTo(TextTokens.MAX_WORD_CHARS);
    }

    @Test
    void tokensAreImmutable() {
        assertThatThrownBy(() -> TextTokens.scan("a b", 10, 10).tokens().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
