package dev.crossfire.figure;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A public-figures registry of the US Congress, built from three public files:
 * <ul>
 *   <li>unitedstates/congress-legislators {@code legislators-current.yaml}: every current member's
 *       names, terms (chamber, state, district, party), gender and leadership roles;</li>
 *   <li>the same project's {@code legislators-social-media.yaml}: official (office) accounts, X with
 *       its numeric id, Mastodon;</li>
 *   <li>alexlitel/congresstweets-accounts {@code historical-users-filtered.json}: office, campaign
 *       and personal X accounts with their earlier names, also of members who have left.</li>
 * </ul>
 * Names: the official full name, first and last name, nickname and last name, the name X shows,
 * titles with the surname ("Senator Cruz", "Sen. Cruz", "Rep. Sewell", "Congresswoman Sewell"),
 * and the surname alone when no other member has it and it is not an everyday word. Earlier X
 * handles stay as accounts with the account's id, since archived posts carry them.
 */
public final class CongressRegistry {

    /** Surnames that are also everyday words or first names, never an alias on their own. */
    static final Set<String> SURNAME_STOPLIST = Set.of("king", "young", "lee", "roy", "jordan", "scott", "paul", "rice", "brown",
        "cotton", "bacon", "may", "price", "rose", "hill", "wood", "case", "long", "green", "white", "black", "gray", "grant",
        "carter", "miller", "james", "moore", "hunt", "bell", "banks", "bush", "burns", "fields", "love", "sherman", "casey",
        "meeks", "mann", "stevens", "hayes", "ross", "ford", "foster", "morgan", "nunn", "wild", "strong", "moran", "mast", "luna");
    private static final Set<String> DELEGATE_SEATS = Set.of("DC", "GU", "VI", "AS", "MP");
    private static final Map<String, String> PARTY_LETTER = Map.of("D", "Democrat", "R", "Republican", "I", "Independent", "L", "Libertarian");

    /** One figure with where it came from and a note per account, for the YAML comments. */
    public record Entry(Figure figure, String source, Map<String, String> accountNotes) {
    }

    private CongressRegistry() {
    }

    public static List<Entry> build(JsonNode legislators, JsonNode socialMedia, JsonNode congressTweets) {
        Map<String, JsonNode> social = new HashMap<>();
        for (JsonNode s : socialMedia) {
            String bioguide = s.path("id").path("bioguide").asText(null);
            if (bioguide != null) {
                social.put(bioguide, s.path("social"));
            }
        }
        Map<String, JsonNode> tweets = new LinkedHashMap<>();
        for (JsonNode t : congressTweets) {
            String bioguide = t.path("id").path("bioguide").asText(null);
            if ("member".equals(t.path("type").asText()) && bioguide != null) {
                tweets.put(bioguide, t);
            }
        }
        List<Draft> drafts = new ArrayList<>();
        Set<String> current = new LinkedHashSet<>();
        String asOf = asOf(legislators);
        for (JsonNode member : legislators) {
            String bioguide = member.path("id").path("bioguide").asText(null);
            if (bioguide == null) {
                continue;
            }
            current.add(bioguide);
            drafts.add(currentMember(bioguide, member, social.get(bioguide), tweets.get(bioguide), asOf));
        }
        for (Map.Entry<String, JsonNode> t : tweets.entrySet()) {
            if (!current.contains(t.getKey())) {
                drafts.add(formerMember(t.getKey(), t.getValue()));
            }
        }
        return finish(drafts);
    }

    /** A figure on its way: names gathered, surname decided once all are known. */
    private static final class Draft {
        String bioguide;
        String id;
        String name;
        String surname;
        final List<String> aliases = new ArrayList<>();
        String role;
        String affiliation;
        final List<Account> accounts = new ArrayList<>();
        final Map<String, String> notes = new LinkedHashMap<>();
        String source;

        void account(String platform, String handle, String id, String note) {
            if (handle == null || handle.isBlank()) {
                return;
            }
            Account a = new Account(platform, handle, id);
            String key = a.handleKey();
            if (notes.containsKey(platform + ":" + key)) {
                return;
            }
            notes.put(platform + ":" + key, note);
            accounts.add(a);
        }
    }

    /**
     * The day the legislators file describes: its latest start date (of a term or a role). A role is
     * held on that day when it has no end, or ends after it; the file keeps the roles a member held
     * before, which are history, not the member's role.
     */
    static String asOf(JsonNode legislators) {
        String latest = "";
        for (JsonNode member : legislators) {
            for (JsonNode term : member.path("terms")) {
                latest = later(latest, term.path("start").asText(""));
            }
            for (JsonNode role : member.path("leadership_roles")) {
                latest = later(latest, role.path("start").asText(""));
            }
        }
        return latest;
    }

    private static String later(String a, String b) {
        return b.compareTo(a) > 0 ? b : a; // ISO dates compare as text
    }

    private static Draft currentMember(String bioguide, JsonNode member, JsonNode social, JsonNode tweets, String asOf) {
        Draft d = new Draft();
        d.bioguide = bioguide;
        JsonNode names = member.path("name");
        String first = names.path("first").asText("");
        String last = names.path("last").asText("");
        d.name = names.hasNonNull("official_full") ? names.get("official_full").asText() : (first + " " + last).strip();
        d.surname = last;
        d.aliases.add(d.name);
        d.aliases.add(first + " " + last);
        if (names.hasNonNull("nickname")) {
            d.aliases.add(names.get("nickname").asText() + " " + last);
        }
        if (tweets != null && tweets.hasNonNull("name")) {
            d.aliases.add(tweets.get("name").asText());
        }
        JsonNode terms = member.path("terms");
        JsonNode term = terms.get(terms.size() - 1);
        String state = term.path("state").asText(null);
        d.affiliation = term.path("party").asText(null);
        boolean senator = "sen".equals(term.path("type").asText());
        if (senator) {
            d.role = "US Senator from " + UsStates.name(state);
            d.aliases.add("Senator " + last);
            d.aliases.add("Sen. " + last);
        } else {
            d.role = houseRole(state, term.path("district").asInt(0));
            d.aliases.add("Rep. " + last);
            d.aliases.add("Representative " + last);
            String gender = member.path("bio").path("gender").asText("");
            if (gender.equals("M")) {
                d.aliases.add("Congressman " + last);
            } else if (gender.equals("F")) {
                d.aliases.add("Congresswoman " + last);
            }
        }
        Set<String> held = new LinkedHashSet<>();
        for (JsonNode role : member.path("leadership_roles")) {
            String end = role.path("end").asText(null);
            if (end == null || end.compareTo(asOf) > 0) {
                held.add(role.path("title").asText());
            }
        }
        held.forEach(title -> d.role += "; " + title);
        xAccounts(d, tweets, social);
        if (social != null && social.hasNonNull("mastodon")) {
            d.account("mastodon", social.get("mastodon").asText(), null, "office");
        }
        // the name people use, not the official one with its initials ("chuck-schumer", "dick-durbin"): the name their
        // X accounts go by in congresstweets, as for former members and in the demo; else nickname or first name, and surname
        d.id = slug(tweets != null && tweets.hasNonNull("name") ? tweets.get("name").asText()
            : (names.hasNonNull("nickname") ? names.get("nickname").asText() : first) + " " + last);
        d.source = "bioguide " + bioguide + "; legislators-current and legislators-social-media (CC0-1.0)"
            + (tweets == null ? "" : ", congresstweets (MIT)");
        return d;
    }

    private static Draft formerMember(String bioguide, JsonNode tweets) {
        Draft d = new Draft();
        d.bioguide = bioguide;
        d.name = tweets.path("name").asText();
        String[] words = d.name.split("\\s+");
        d.surname = words[words.length - 1];
        d.aliases.add(d.name);
        String chamber = tweets.path("chamber").asText("");
        String state = tweets.path("state").asText(null);
        d.role = "Former " + ("senate".equals(chamber) ? "US Senator" : "US Representative") + (state == null ? "" : " from " + UsStates.name(state));
        d.affiliation = PARTY_LETTER.get(tweets.path("party").asText(""));
        xAccounts(d, tweets, null);
        d.id = slug(d.name);
        d.source = "bioguide " + bioguide + "; congresstweets (MIT); not in legislators-current";
        return d;
    }

    /** Office accounts first, then campaign and personal ones, then the earlier names of all of them. */
    private static void xAccounts(Draft d, JsonNode tweets, JsonNode social) {
        List<JsonNode> accounts = new ArrayList<>();
        if (tweets != null) {
            tweets.path("accounts").forEach(accounts::add);
            accounts.sort((a, b) -> Boolean.compare(!"office".equals(a.path("account_type").asText()),
                !"office".equals(b.path("account_type").asText())));
        }
        for (JsonNode a : accounts) {
            d.account("x", a.path("screen_name").asText(null), a.path("id").asText(null), a.path("account_type").asText("x"));
        }
        if (social != null && social.hasNonNull("twitter")) {
            d.account("x", social.get("twitter").asText(), social.path("twitter_id").asText(null), "office");
        }
        for (JsonNode a : accounts) {
            for (JsonNode previous : a.path("prev_names")) {
                d.account("x", previous.asText(), a.path("id").asText(null),
                    a.path("account_type").asText("x") + "; earlier name of " + a.path("screen_name").asText());
            }
        }
    }

    private static String houseRole(String state, int district) {
        if ("PR".equals(state)) {
            return "Resident Commissioner of Puerto Rico in the US House";
        }
        if (DELEGATE_SEATS.contains(state)) {
            return "Delegate to the US House from " + UsStates.name(state);
        }
        return district <= 0 ? "US Representative from " + UsStates.name(state) + " (at large)"
            : "US Representative from " + UsStates.name(state) + "'s " + ordinal(district) + " district";
    }

    private static List<Entry> finish(List<Draft> drafts) {
        Map<String, Integer> surnames = new HashMap<>();
        Map<String, Integer> ids = new HashMap<>();
        for (Draft d : drafts) {
            surnames.merge(d.surname.toLowerCase(Locale.ROOT), 1, Integer::sum);
            ids.merge(d.id, 1, Integer::sum);
        }
        List<Entry> entries = new ArrayList<>();
        for (Draft d : drafts) {
            if (d.accounts.isEmpty()) {
                continue; // the registry's contract asks for at least one account; nothing to match the figure's posts by
            }
            String surname = d.surname.toLowerCase(Locale.ROOT);
            if (surnames.get(surname) == 1 && !SURNAME_STOPLIST.contains(surname) && d.surname.length() > 2) {
                d.aliases.add(0, d.surname);
            }
            String id = ids.get(d.id) > 1 ? d.id + "-" + d.bioguide.toLowerCase(Locale.ROOT)
                : d.id;
            Figure f = new Figure(id, d.name, d.aliases, d.role, d.affiliation, d.accounts);
            Map<String, String> notes = new LinkedHashMap<>();
            d.notes.forEach((k, v) -> notes.put(k.substring(k.indexOf(':') + 1), v));
            entries.add(new Entry(f, d.source, notes));
        }
        entries.sort((a, b) -> a.figure().id().compareTo(b.figure().id()));
        return entries;
    }

    static String slug(String text) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("[^\\p{ASCII}]", "");
        return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    private static String ordinal(int n) {
        String suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
