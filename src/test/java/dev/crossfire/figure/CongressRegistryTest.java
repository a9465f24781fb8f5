package dev.crossfire.figure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The registry built from the real Congress files copied under data/figures. */
class CongressRegistryTest {

    private static Map<String, CongressRegistry.Entry> byId;

    @BeforeAll
    static void build() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode legislators = yaml.readTree(Path.of("data/figures/legislators-current.yaml").toFile());
        JsonNode social = yaml.readTree(Path.of("data/figures/legislators-social-media.yaml").toFile());
        JsonNode tweets = new ObjectMapper().readTree(Path.of("data/figures/congresstweets-historical-users-filtered.json").toFile());
        List<CongressRegistry.Entry> entries = CongressRegistry.build(legislators, social, tweets);
        byId = entries.stream().collect(Collectors.toMap(e -> e.figure().id(), Function.identity()));
        assertThat(byId).hasSameSizeAs(entries); // ids are unique
        assertThat(entries.size()).isGreaterThan(535); // every current member, and members who have left
    }

    private static Figure figure(String id) {
        assertThat(byId).containsKey(id);
        return byId.get(id).figure();
    }

    @Test
    void aSenatorHasTitlesHisSurnameOfficeAndCampaignHandlesWithIds() {
        Figure f = figure("tommy-tuberville");
        assertThat(f.role()).isEqualTo("US Senator from Alabama");
        assertThat(f.affiliation()).isEqualTo("Republican");
        assertThat(f.aliases()).contains("Tuberville", "Tommy Tuberville", "Senator Tuberville", "Sen. Tuberville");
        assertThat(f.accounts()).contains(new Account("x", "SenTuberville", "1345739193721487362"), new Account("x", "TTuberville", "110798061"));
        assertThat(byId.get("tommy-tuberville").accountNotes()).containsEntry("ttuberville", "campaign").containsEntry("sentuberville", "office");
    }

    @Test
    void aRepresentativeHasHerDistrictAndHouseTitles() {
        Figure f = figure("terri-sewell");
        assertThat(f.role()).isEqualTo("US Representative from Alabama's 7th district");
        assertThat(f.aliases()).contains("Rep. Sewell", "Representative Sewell", "Congresswoman Sewell");
    }

    @Test
    void aSurnameSharedOrOrdinaryIsNoAliasOnItsOwn() {
        // two senators named Scott, and "Scott" is a first name
        assertThat(figure("tim-scott").aliases()).doesNotContain("Scott").contains("Senator Scott");
        assertThat(figure("rick-scott").aliases()).doesNotContain("Scott");
    }

    @Test
    void earlierHandlesStayWithTheAccountsIdAndFormerMembersComeFromCongresstweets() {
        Figure jones = figure("doug-jones");
        assertThat(jones.role()).isEqualTo("Former US Senator from Alabama");
        assertThat(jones.accounts()).contains(new Account("x", "DougJones", "239548513"), new Account("x", "GDouglasJones", "239548513"));
        assertThat(byId.get("doug-jones").accountNotes()).containsEntry("gdouglasjones", "campaign; earlier name of DougJones");
    }

    @Test
    void mastodonAccountsFromTheSocialMediaFileAreKeptInFull() {
        Figure pingree = figure("chellie-pingree");
        assertThat(pingree.accounts()).contains(new Account("mastodon", "chelliepingree@mastodon.social", null));
    }

    @Test
    void aMemberHasTheRolesHeHoldsNowOnlyEachOnce() {
        // the file lists every whip term Durbin served since 2005; he holds one of them
        assertThat(figure("dick-durbin").role()).isEqualTo("US Senator from Illinois; Senate Minority Whip");
        assertThat(figure("chuck-schumer").role()).isEqualTo("US Senator from New York; Senate Minority Leader");
        for (CongressRegistry.Entry e : byId.values()) {
            List<String> parts = List.of(e.figure().role().split("; "));
            assertThat(parts).as(e.figure().id()).doesNotHaveDuplicates();
            assertThat(parts.stream().filter(p -> p.matches("Senate (Majority|Minority) (Whip|Leader)|House (Majority|Minority) (Whip|Leader)"))
                .map(p -> p.replaceAll("Majority|Minority", "")).toList())
                .as("a member is not both majority and minority in one post: " + e.figure().id()).doesNotHaveDuplicates();
        }
    }

    @Test
    void idsAreTheNamesPeopleUseAsTheDemoRegistryHasThem() throws IOException {
        assertThat(byId).containsKeys("dick-durbin", "chuck-schumer", "bernie-sanders", "shelley-moore-capito", "chris-coons");
        // one person, one id: every demo figure that is a member of Congress has the bundled registry's id for the same account
        Map<String, String> idByHandle = new java.util.HashMap<>();
        byId.values().forEach(e -> e.figure().accounts().forEach(a -> idByHandle.put(a.platform() + ":" + a.handleKey(), e.figure().id())));
        for (Figure demo : FigureFile.read(Path.of("src/main/resources/demo/figures.yaml"))) {
            for (Account a : demo.accounts()) {
                String registryId = idByHandle.get(a.platform() + ":" + a.handleKey());
                if (registryId != null) {
                    assertThat(demo.id()).as(a.handle()).isEqualTo(registryId);
                }
            }
        }
    }
}
