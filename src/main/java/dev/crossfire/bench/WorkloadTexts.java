package dev.crossfire.bench;

import java.util.List;

/**
 * The words of the benchmark workload: everyday posts, and the two kinds of planted exchange. The
 * hostile and friendly lines are written the way politicians post, so that the scorer has to tell
 * them apart on the same cues it meets in real text.
 */
final class WorkloadTexts {

    static final List<String> FIRST = List.of("Avery", "Blake", "Carmen", "Dalton", "Elena", "Felix", "Gloria", "Harlan", "Ines",
        "Jasper", "Kendra", "Lionel", "Marisol", "Nolan", "Odette", "Preston", "Quincy", "Rosalind", "Silas", "Tamsin", "Ulric",
        "Vivian", "Wendell", "Xiomara", "Yusuf", "Zelda", "Ansel", "Brigid", "Cormac", "Delphine", "Emeric", "Fenella", "Gideon",
        "Hester", "Ivo", "Juno", "Kasimir", "Leonie", "Magnus", "Nerys");
    static final List<String> LAST = List.of("Ashcombe", "Blackwood", "Carrington", "Delacroix", "Ellsworth", "Fairbanks", "Greaves",
        "Holloway", "Ingram", "Jessup", "Kingsley", "Lockhart", "Merriweather", "Northcott", "Oakes", "Pemberton", "Quarles",
        "Radcliffe", "Sutherland", "Thornbury", "Underhill", "Vance", "Whitlock", "Yardley", "Ziegler", "Abernathy", "Brannigan",
        "Castellano", "Dunmore", "Everhart", "Fitzwilliam", "Galloway", "Hawthorne", "Iverson", "Jellicoe", "Kilbride", "Langford",
        "Montague", "Norwood", "Ogilvy");

    static final List<String> EVERYDAY = List.of(
        "Town hall tonight at 7pm at the community center. Come with your questions.",
        "The new report on road and bridge spending is out today; worth a read.",
        "Great turnout at the farmers market this morning.",
        "Our office is open on Saturday for help with veterans' benefits.",
        "Reading the committee's draft on broadband access this afternoon.",
        "Happy birthday to our wonderful volunteers at the food bank.",
        "Weather warning for the coast this weekend, please stay safe.",
        "We are hiring interns for the summer session, applications open now.",
        "The school board meets on Thursday to discuss the new budget.",
        "Thanks to everyone who came out for the clean-up day at the river.",
        "Interesting numbers in the jobs report this month.",
        "Watching the game tonight with family.",
        "New episode of the podcast is up, we talk about housing.",
        "The library extended its opening hours, good news for students.",
        "Traffic on the interstate is backed up near exit 12 this morning.");
    static final List<String> EVERYDAY_WITH_NAME = List.of(
        "Good meeting with %s today about the infrastructure bill.",
        "Listening to %s speak at the conference this morning.",
        "%s will visit the county fair on Saturday.",
        "Interview with %s on the evening news tonight.");
    static final List<String> REPLIES = List.of(
        "Agreed, thanks for sharing.", "What time does it start?", "Is there a link to the full report?",
        "Good to know, thank you.", "I was there too, great event.", "Will this be streamed online?",
        "Can you share the numbers for our county?", "Interesting, I had not seen that.");

    static final List<String> HOSTILE_OPENING = List.of(
        "%s is a disgrace and a total failure. Weak and pathetic!",
        "%s lied to the voters again. A coward and a fraud!",
        "Nobody trusts %s anymore. Incompetent, dishonest and a DISASTER!");
    static final List<String> HOSTILE_ANSWER = List.of(
        "You are a liar and a coward. Your lies are a DISGRACE! Pathetic!",
        "You are a pathetic, dishonest LOSER and a total DISGRACE! Sad!",
        "Liar! You let us all down. A DISASTER and a coward!",
        "You had your chance and you blew it. Weak, incompetent and a FRAUD!",
        "Shameful. You are a disgrace to this office and everyone knows it. Resign!");
    static final List<String> FRIENDLY_OPENING = List.of(
        "Proud to work with %s on the veterans bill. Thank you for your leadership.",
        "Congratulations to %s on the new clinic opening, great work.");
    static final List<String> FRIENDLY_ANSWER = List.of(
        "Thank you, it is an honour to work together on this.",
        "Thanks for the kind words, proud of what we achieved together.",
        "Grateful for your support, the families will benefit.",
        "Happy to help, looking forward to the next project.");

    private WorkloadTexts() {
    }
}
