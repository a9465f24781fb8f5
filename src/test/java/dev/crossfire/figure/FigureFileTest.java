package dev.crossfire.figure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FigureFileTest {

    @Test
    void readsTheYamlFormat() {
        List<Figure> figures = FigureFixtures.resource("figures.yaml");

        assertThat(figures).hasSize(8);
        Figure sessions = figures.get(0);
        assertThat(sessions.id()).isEqualTo("jeff-sessions");
        assertThat(sessions.name()).isEqualTo("Jeff Sessions");
        assertThat(sessions.aliases()).containsExactly("Sessions", "Jeff Sessions", "Attorney General Sessions");
        assertThat(sessions.role()).isEqualTo("Former US Attorney General");
        assertThat(sessions.affiliation()).isEqualTo("Republican");
        assertThat(sessions.accounts()).containsExactly(new Account("x", "jeffsessions", null));

        Figure tuberville = figures.get(1);
        assertThat(tuberville.accounts()).containsExactly(
                new Account("x", "SenTuberville", "1234567890123456789"), // '@' stripped, numeric id kept exactly
                new Account("bluesky", "tuberville.bsky.social", null));
        assertThat(figures.get(7).accounts()).containsExactly(new Account("mastodon", "beto@mastodon.social"));
    }

    @Test
    void readsTheSameFiguresFromJson() {
        List<Figure> yaml = FigureFixtures.resource("figures.yaml");
        List<Figure> json = FigureFixtures.resource("figures.json");

        assertThat(json).containsExactly(yaml.get(0), yaml.get(1));
    }

    @Test
    void readsFromAPathByExtension(@TempDir Path dir) throws IOException {
        Path yaml = Files.writeString(dir.resolve("people.yml"),
                "- {id: ted-cruz, name: Ted Cruz, accounts: [{platform: twitter, handle: '@tedcruz'}]}\n");
        Path json = Files.writeString(dir.resolve("people.json"),
                "[{\"id\": \"ted-cruz\", \"name\": \"Ted Cruz\", \"accounts\": [{\"platform\": \"x\", \"handle\": \"tedcruz\"}]}]");

        assertThat(FigureFile.read(yaml)).isEqualTo(FigureFile.read(json));
        assertThat(FigureFile.read(yaml).get(0).accounts().get(0).platform()).isEqualTo("x");
    }

    @Test
    void readsFromAStream() throws IOException {
        String text = "- id: ted-cruz\n  name: Ted Cruz\n  accounts: [{platform: x, handle: tedcruz}]\n";
        List<Figure> figures = FigureFile.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(figures).extracting(Figure::id).containsExactly("ted-cruz");
    }

    @Test
    void acceptsAFiguresKeyAndAnEmptyFile() {
        assertThat(FigureFile.parse("version: 1\nfigures:\n  - {id: a, name: Ann Example, accounts: [{platform: x, handle: ann}]}\n", "t"))
                .extracting(Figure::id).containsExactly("a");
        assertThat(FigureFile.parse("", "empty")).isEmpty();
        assertThat(FigureFile.parse("# nothing yet\n", "comment only")).isEmpty();
        assertThat(FigureFile.parse("[]", "empty json")).isEmpty();
    }

    @Test
    void aFileWithThreeInvalidEntriesReportsAllThree() {
        FigureFileException e = catchThrowableOfType(FigureFileException.class,
                () -> FigureFixtures.resource("invalid-figures.yaml"));

        assertThat(e.problems()).hasSize(3);
        assertThat(e.problems().get(0)).contains("entry 2", "id 'nameless'", "missing name");
        assertThat(e.problems().get(1)).contains("entry 4", "id 'myspace-tom'", "unknown platform 'myspace'");
        assertThat(e.problems().get(2)).contains("entry 5", "id 'jeff-sessions'", "duplicate id", "entry 1");
        assertThat(e.getMessage().lines().skip(1).toList()).hasSize(3); // one problem per line
        assertThat(e.getMessage()).startsWith("public-figures file invalid-figures.yaml has 3 problems:");
        System.out.println(e.getMessage());
    }

    @Test
    void namesEveryKindOfProblem() {
        String yaml = """
                - name: No Id
                  accounts: [{platform: x, handle: noid}]
                - id: no-accounts
                  name: No Accounts
                - id: empty-accounts
                  name: Empty Accounts
                  accounts: []
                - id: bad-account
                  name: Bad Account
                  accounts:
                    - {platform: x}
                    - {handle: "@"}
                    - {platform: x, handle: two words}
                - just a string
                - id: has space
                  name: {first: Has, last: Space}
                  aliases: [ok, {not: ok}]
                  accounts: [{platform: x, handle: hasspace}]
                - id: steals-handle
                  name: Steals Handle
                  accounts: [{platform: X, handle: "@NOID"}]
                """;
        FigureFileException e = catchThrowableOfType(FigureFileException.class, () -> FigureFile.parse(yaml, "t.yaml"));

        assertThat(e.problems()).containsExactly(
                "1:3: entry 1 (no id): missing id",
                "3:3: entry 2 (id 'no-accounts'): missing accounts (at least one account is required)",
                "5:3: entry 3 (id 'empty-accounts'): missing accounts (at least one account is required)",
                "8:3: entry 4 (id 'bad-account'): account 1: missing handle",
                "8:3: entry 4 (id 'bad-account'): account 2: missing platform",
                "8:3: entry 4 (id 'bad-account'): account 2: missing handle (only '@' given)",
                "8:3: entry 4 (id 'bad-account'): account 3: handle 'two words' contains white space",
                "14:3: entry 5 (no id): expected a mapping with id, name and accounts, found 'just a string'",
                "15:3: entry 6 (id 'has space'): id 'has space' contains white space (use a slug such as jeff-sessions)",
                "15:3: entry 6 (id 'has space'): name must be a single value, found a mapping",
                "15:3: entry 6 (id 'has space'): alias 2 must be a name, found a mapping",
                "19:3: entry 7 (id 'steals-handle'): account x @NOID is also listed by entry 1 (line 1, no id)");
    }

    @Test
    void reportsSyntaxErrorsWithTheirLine() {
        FigureFileException yaml = catchThrowableOfType(FigureFileException.class,
                () -> FigureFile.parse("- id: a\n  name: [unclosed\n", "broken.yaml"));
        assertThat(yaml.problems()).singleElement().asString().matches("(?s)\\d+:\\d+: not valid YAML: [^\\n]*");

        FigureFileException json = catchThrowableOfType(FigureFileException.class,
                () -> FigureFile.parse("[{\"id\": \"a\",}]", "broken.json"));
        assertThat(json.problems()).singleElement().asString().startsWith("1:13: not valid JSON: ");

        FigureFileException duplicateKey = catchThrowableOfType(FigureFileException.class,
                () -> FigureFile.parse("- id: a\n  id: b\n", "dup.yaml"));
        assertThat(duplicateKey.problems()).containsExactly("2:5: not valid YAML: Duplicate field 'id'");

        FigureFileException notAList = catchThrowableOfType(FigureFileException.class,
                () -> FigureFile.parse("just text", "text.yaml"));
        assertThat(notAList.problems()).containsExactly("expected a list of figures, found a string");
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedNamingTheLineAndColumnOfTheFirstBadByte() {
        byte[] latin1 = "- id: jose\n  name: Jos\u00e9\n  accounts: [{platform: x, handle: jose}]\n".getBytes(StandardCharsets.ISO_8859_1);

        FigureFileException e = catchThrowableOfType(FigureFileException.class,
            () -> FigureFile.read(new ByteArrayInputStream(latin1), "latin1.yaml"));

        assertThat(e.problems()).containsExactly("2:12: not UTF-8: byte 0xE9 cannot start or continue a character");
    }
}
