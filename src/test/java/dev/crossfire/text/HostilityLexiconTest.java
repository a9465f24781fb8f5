package dev.crossfire.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossfire.text.HostilityLexicon.Entry;
import dev.crossfire.text.HostilityLexicon.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostilityLexiconTest {

    private static final HostilityLexicon LEXICON = HostilityLexicon.load();

    private static Entry entry(String phrase) {
        String first = phrase.split(" ")[0];
        return LEXICON.startingWith(first).stream()
                .filter(e -> e.phrase().equals(phrase))
                .findFirst().orElse(null);
    }

    @Test
    void readsTheProfanityDictionaryFromItsJar() {
        assertThat(HostilityLexicon.class.getClassLoader().getResource(HostilityLexicon.PROFANITY_RESOURCE))
                .as("profanity-filter jar on the class path").isNotNull();
        Entry bullshit = entry("bullshit");
        assertThat(bullshit).isNotNull();
        assertThat(bullshit.kind()).isEqualTo(Kind.PROFANITY);
        assertThat(bullshit.strength()).isBetween(0.6, 0.8);
        assertThat(entry("fuck you").strength()).isEqualTo(0.8);
        assertThat(entry("for fuck's sake")).isNotNull(); // "for fuck s sake" in the dictionary
        assertThat(LEXICON.size()).isGreaterThan(400);
    }

    @Test
    void readsTheVaderLexiconFromItsJar() {
        assertThat(HostilityLexicon.class.getClassLoader().getResource(HostilityLexicon.VADER_RESOURCE))
                .as("vader-sentiment-analyzer jar on the class path").isNotNull();
        assertThat(LEXICON.valenceSize()).isGreaterThan(7_000);
        assertThat(LEXICON.valence("anger")).isEqualTo(-2.7);
        assertThat(LEXICON.valence("great")).isPositive();
        assertThat(LEXICON.valence("no-such-word")).isZero();
    }

    @Test
    void ownListsWinOverTheDictionaryAndIgnoredEntriesAreGone() {
        assertThat(entry("idiot").kind()).isEqualTo(Kind.INSULT); // 0.04 in the dictionary
        assertThat(entry("moron").kind()).isEqualTo(Kind.INSULT);
        assertThat(entry("swallow")).isNull();
        assertThat(entry("queer")).isNull();
        assertThat(entry("hell")).isNull(); // confidence 0.06: only phrases such as "what the hell" count
        assertThat(entry("what the hell").kind()).isEqualTo(Kind.PROFANITY);
    }

    @Test
    void phrasesAreTokenizedLikeTexts() {
        assertThat(entry("two faced")).isNotNull();
        assertThat(entry("let * down").words()).containsExactly("let", "*", "down");
        assertThat(entry("you don't know what you are talking about")).isNotNull(); // from "you're"-free spelling
        assertThat(LEXICON.startingWith("liar")).extracting(Entry::kind).containsOnly(Kind.INSULT);
    }

    @Test
    void negators() {
        assertThat(List.of("not", "never", "don't", "isn't", "without")).allMatch(LEXICON::isNegator);
        assertThat(LEXICON.isNegator("no")).isFalse(); // "no idea", "no way": too loose
    }

    @Test
    void entriesAreImmutable() {
        assertThatThrownBy(() -> LEXICON.startingWith("liar").add(null))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
