package dev.crossfire.figure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class FigureTest {

    @Test
    void accountsAreNormalised() {
        Account a = new Account(" X ", " @SenTuberville ", " ");
        assertThat(a.platform()).isEqualTo("x");
        assertThat(a.handle()).isEqualTo("SenTuberville");
        assertThat(a.handleKey()).isEqualTo("sentuberville");
        assertThat(a.accountId()).isNull();
        assertThat(new Account("Twitter", "a").platform()).isEqualTo("x");
        assertThat(new Account("x", "@a", "1")).isEqualTo(new Account("x", "a", "1"));
    }

    @Test
    void badAccountsAreRefused() {
        assertThatThrownBy(() -> new Account("myspace", "tom", null)).hasMessageContaining("unknown platform 'myspace'");
        assertThatThrownBy(() -> new Account("x", "@", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Account("x", null, null)).hasMessage("missing handle");
        assertThatThrownBy(() -> new Account(null, "a", null)).hasMessage("missing platform");
    }

    @Test
    void figuresHoldImmutableTidiedCopies() {
        List<String> aliases = new ArrayList<>(List.of(" Sessions ", "", "Sessions", "Jeff Sessions"));
        List<Account> accounts = new ArrayList<>(List.of(new Account("x", "jeffsessions")));
        Figure f = new Figure(" jeff-sessions ", "Jeff Sessions", aliases, " ", null, accounts);
        aliases.add("Beauregard");
        accounts.clear();

        assertThat(f.id()).isEqualTo("jeff-sessions");
        assertThat(f.aliases()).containsExactly("Sessions", "Jeff Sessions");
        assertThat(f.accounts()).hasSize(1);
        assertThat(f.role()).isNull();
        assertThat(f.names()).containsExactly("Jeff Sessions", "Sessions");
        assertThatThrownBy(() -> f.aliases().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new Figure("a", "Ann Example", null, null, null, null).aliases()).isEmpty();
        assertThat(f.withAliases(List.of("Beauregard")).aliases()).containsExactly("Beauregard");
    }

    @Test
    void figuresNeedAnIdAndAName() {
        assertThatThrownBy(() -> new Figure(" ", "Name", List.of(), null, null, List.of()))
                .hasMessage("id must not be blank");
        assertThatThrownBy(() -> new Figure("id", null, List.of(), null, null, List.of()))
                .isInstanceOf(NullPointerException.class);
    }
}
