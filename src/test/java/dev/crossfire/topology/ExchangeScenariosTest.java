package dev.crossfire.topology;

import static dev.crossfire.testing.FigureBuilder.figure;
import static dev.crossfire.testing.PostBuilder.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crossfire.avro.EscalationLevel;
import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.avro.ExchangeState;
import dev.crossfire.avro.PublicFigure;
import dev.crossfire.config.CrossfireSettings;
import dev.crossfire.testing.PostBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class ExchangeScenariosTest {

    private static final List<PublicFigure> COLLEAGUES = List.of(
        figure("ted-cruz", "Ted Cruz", "SenTedCruz", "Cruz", "Ted Cruz"),
        figure("john-cornyn", "John Cornyn", "JohnCornyn", "Cornyn", "John Cornyn"),
        figure("amy-klobuchar", "Amy Klobuchar", "amyklobuchar", "Klobuchar"),
        figure("chuck-grassley", "Chuck Grassley", "ChuckGrassley", "Grassley"));

    private static final Instant MORNING = Instant.parse("2020-05-20T13:00:00Z");

    @Test
    void friendlyColleaguesMentioningAndReplyingAllDayRaiseNothing() {
        String[] warm = {
            "Congratulations to my friend @JohnCornyn on passing the bill today. Great work for Texas!",
            "Thank you @SenTedCruz, it was an honor to work with you on this. Proud of our team.",
            "Great to see Senator Cornyn at the hearing this morning. Texas is lucky to have him.",
            "Thanks Ted! Looking forward to working together on the next one.",
            "Happy birthday to my colleague John Cornyn! Wishing you a wonderful year.",
            "Much appreciated, my friend. See you on the floor tomorrow.",
            "Proud to stand with Senator Cornyn in support of our veterans.",
            "Thank you for your leadership, Ted. Our veterans deserve nothing less."};
        try (TopologyFixture t = new TopologyFixture()) {
            t.registry(COLLEAGUES);
            List<PostBuilder> posts = new ArrayList<>();
            String previous = null;
            for (int i = 0; i < warm.length; i++) {
                boolean cruz = i % 2 == 0;
                PostBuilder p = post("x:" + (1000 + i), cruz ? "SenTedCruz" : "JohnCornyn", MORNING.plus(Duration.ofMinutes(20L * i)), warm[i])
                    .mentions(cruz ? "JohnCornyn" : "SenTedCruz");
                if (previous != null) {
                    p.replyTo(previous, cruz ? "JohnCornyn" : "SenTedCruz");
                }
                posts.add(p);
                previous = p.id();
            }
            t.send(posts.toArray(PostBuilder[]::new));
            assertThat(t.alerts()).isEmpty();
        }
    }

    @Test
    void fiveUnansweredAttacksRaiseNothing() {
        try (TopologyFixture t = new TopologyFixture()) {
            t.registry(COLLEAGUES);
            for (int i = 0; i < 5; i++) {
                t.send(post("x:" + (2000 + i), "amyklobuchar", MORNING.plus(Duration.ofHours(i)),
                    "@ChuckGrassley you are a disgrace and a coward. Your lies hurt Iowa families! Shameful.")
                    .mentions("ChuckGrassley"));
            }
            assertThat(t.alerts()).isEmpty();
        }
    }

    @Test
    void anExchangeThatGoesQuietPastTheInactivityWindowAndResumesIsANewExchange() {
        try (TopologyFixture t = new TopologyFixture()) {
            t.registry(COLLEAGUES);
            t.send(hostileRound("x:30", MORNING));
            List<ExchangeAlert> first = t.alerts();
            assertThat(first).isNotEmpty();

            Instant later = MORNING.plus(t.settings.exchangeInactivity()).plus(Duration.ofDays(1));
            t.send(hostileRound("x:31", later));
            List<ExchangeAlert> second = t.alerts();
            assertThat(second).isNotEmpty();
            assertThat(second.get(0).getExchangeId()).isNotEqualTo(first.get(0).getExchangeId())
                .isEqualTo("amy-klobuchar|chuck-grassley|" + later);
            assertThat(second.get(0).getPreviousLevel()).isNull();
            assertThat(second.get(0).getTurns()).allSatisfy(turn -> assertThat(turn.getCreatedAt()).isAfterOrEqualTo(later));
        }
    }

    @Test
    void aHostileBackAndForthThatKeepsGoingReachesSevere() {
        try (TopologyFixture t = new TopologyFixture()) {
            t.registry(COLLEAGUES);
            t.send(hostileRound("x:40", MORNING));
            t.send(hostileRound("x:41", MORNING.plus(Duration.ofMinutes(30))));
            List<ExchangeAlert> alerts = t.alerts();
            assertThat(alerts).extracting(ExchangeAlert::getLevel).contains(EscalationLevel.SEVERE);
            assertThat(alerts).extracting(ExchangeAlert::getLevel).doesNotHaveDuplicates();
        }
    }

    @Test
    void withAnInactivityWindowShorterThanTenMinutesAQuietExchangeLeavesTheStoreWithinTwoWindows() {
        CrossfireSettings d = CrossfireSettings.defaults();
        Duration inactivity = Duration.ofMinutes(6);
        CrossfireSettings settings = d.withExchange(inactivity, d.maxTurnsKept());
        try (TopologyFixture t = new TopologyFixture(settings)) {
            t.registry(COLLEAGUES);
            t.send(hostileRound("x:50", MORNING)); // last turn at 9 min: over once stream time passes 15 min
            KeyValueStore<String, ExchangeState> exchanges = t.driver.getKeyValueStore(StoreNames.EXCHANGES);
            assertThat(exchanges.get("amy-klobuchar|chuck-grassley")).isNotNull();

            // another pair's interactions move the exchange task's stream time. Sweeps run at stream-time multiples of their interval,
            // each on the first record at or past it: the 10-minute one at 11 min (too early) and next at 20; every 6 minutes, at 17
            t.send(post("x:51", "SenTedCruz", MORNING.plus(Duration.ofMinutes(11)), "Good meeting with @JohnCornyn today.")
                .mentions("JohnCornyn"));
            assertThat(exchanges.get("amy-klobuchar|chuck-grassley")).isNotNull();
            t.send(post("x:52", "SenTedCruz", MORNING.plus(Duration.ofMinutes(17)), "Thanks again @JohnCornyn for the visit.")
                .mentions("JohnCornyn"));
            assertThat(exchanges.get("amy-klobuchar|chuck-grassley")).isNull();
            assertThat(exchanges.get("john-cornyn|ted-cruz")).isNotNull();
        }
    }

    /** Klobuchar and Grassley trade insults by reply, three turns within minutes. */
    /** Two Spanish-speaking figures trade insults in Spanish: an editor sees a feud, whatever the language. */
    @Test
    void aFeudInSpanishReachesEscalating() {
        List<PublicFigure> figures = List.of(
            figure("isabel-ayuso", "Isabel Díaz Ayuso", "IdiazAyuso", "Ayuso"),
            figure("oscar-puente", "Óscar Puente", "oscar_puente_", "Puente"));
        try (TopologyFixture t = new TopologyFixture()) {
            t.registry(figures);
            PostBuilder a = post("x:700", "IdiazAyuso", MORNING,
                "@oscar_puente_ Eres un mentiroso y un cobarde. Deberías dimitir hoy mismo.").mentions("oscar_puente_").lang("es");
            PostBuilder b = post("x:701", "oscar_puente_", MORNING.plus(Duration.ofMinutes(12)),
                "@IdiazAyuso Cállate, hipócrita. Tú eres la corrupta aquí.").replyTo(a.id(), "IdiazAyuso").lang("es");
            PostBuilder c = post("x:702", "IdiazAyuso", MORNING.plus(Duration.ofMinutes(20)),
                "@oscar_puente_ Patético. Eres un payaso y un incompetente, das vergüenza.").replyTo(b.id(), "oscar_puente_");
            PostBuilder d = post("x:703", "oscar_puente_", MORNING.plus(Duration.ofMinutes(31)),
                "@IdiazAyuso Mentirosa. Lárgate, eres una vergüenza para Madrid.").replyTo(c.id(), "IdiazAyuso").lang("es");
            t.send(a, b, c, d);
            assertThat(t.alerts()).extracting(ExchangeAlert::getLevel).contains(EscalationLevel.ESCALATING);
        }
    }

    /** Two allies answer each other in agreement while both attack a third figure by name, who never answers. */
    @Test
    void alliesAttackingACommonTargetStayQuietAsAPair() {
        try (TopologyFixture t = new TopologyFixture()) {
            t.registry(COLLEAGUES);
            PostBuilder a = post("x:900", "SenTedCruz", MORNING,
                "Chuck Grassley is a liar and a coward. He betrayed Iowa farmers!");
            PostBuilder b = post("x:901", "JohnCornyn", MORNING.plus(Duration.ofMinutes(6)),
                "@SenTedCruz Exactly right, my friend. Grassley is a disgrace and a fraud.").replyTo(a.id(), "SenTedCruz");
            PostBuilder c = post("x:902", "SenTedCruz", MORNING.plus(Duration.ofMinutes(11)),
                "@JohnCornyn Thank you, John. Grassley should resign, the corrupt coward!").replyTo(b.id(), "JohnCornyn");
            PostBuilder d = post("x:903", "JohnCornyn", MORNING.plus(Duration.ofMinutes(17)),
                "@SenTedCruz Well said, Ted. Grassley lied to every voter. Pathetic!").replyTo(c.id(), "SenTedCruz");
            PostBuilder e = post("x:904", "SenTedCruz", MORNING.plus(Duration.ofMinutes(24)),
                "@JohnCornyn Agreed. Proud to stand with you. Grassley is a disgrace!").replyTo(d.id(), "JohnCornyn");
            t.send(a, b, c, d, e);
            assertThat(t.alerts()).as("the allies agree; the one they attack never answers").isEmpty();
        }
    }

    /** A feud fought in mock praise and eye-rolls, with almost no insult words. */
    @Test
    void aSarcasticFeudReachesEscalating() {
        try (TopologyFixture t = new TopologyFixture()) {
            t.registry(COLLEAGUES);
            PostBuilder a = post("x:800", "amyklobuchar", MORNING,
                "@ChuckGrassley Great job gutting the farm bill, really proud of you 👏").mentions("ChuckGrassley");
            PostBuilder b = post("x:801", "ChuckGrassley", MORNING.plus(Duration.ofMinutes(10)),
                "@amyklobuchar Thanks for lying about it on TV again. What a genius plan 🙃").replyTo(a.id(), "amyklobuchar");
            PostBuilder c = post("x:802", "amyklobuchar", MORNING.plus(Duration.ofMinutes(18)),
                "@ChuckGrassley Congrats on tanking every deal we had. Stellar leadership 🙄").replyTo(b.id(), "ChuckGrassley");
            PostBuilder d = post("x:803", "ChuckGrassley", MORNING.plus(Duration.ofMinutes(25)),
                "@amyklobuchar Nice job selling out Iowa farmers, Senator 👏👏").replyTo(c.id(), "amyklobuchar");
            t.send(a, b, c, d);
            assertThat(t.alerts()).extracting(ExchangeAlert::getLevel).contains(EscalationLevel.ESCALATING);
        }
    }

    private static PostBuilder[] hostileRound(String idPrefix, Instant start) {
        PostBuilder a = post(idPrefix + "1", "amyklobuchar", start,
            "@ChuckGrassley you are a liar and a coward. You betrayed Iowa!").mentions("ChuckGrassley");
        PostBuilder b = post(idPrefix + "2", "ChuckGrassley", start.plus(Duration.ofMinutes(5)),
            "@amyklobuchar You are a disgrace. Pathetic and dishonest, you should resign!").replyTo(a.id(), "amyklobuchar");
        PostBuilder c = post(idPrefix + "3", "amyklobuchar", start.plus(Duration.ofMinutes(9)),
            "@ChuckGrassley Your lies are DISGUSTING. What a corrupt fraud you are!").replyTo(b.id(), "ChuckGrassley");
        return new PostBuilder[] {a, b, c};
    }
}
