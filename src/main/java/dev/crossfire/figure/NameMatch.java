package dev.crossfire.figure;

/**
 * A public figure named in a text.
 *
 * @param figureId the figure's id
 * @param alias    the name or alias that matched, as configured for the figure (a match of
 *                 {@code "JEFF SESSIONS"} in the text reports the alias {@code "Jeff Sessions"})
 * @param start    offset in the text (UTF-16 index) of the first character of the match
 * @param end      offset just after the match (exclusive); a possessive {@code 's} is not included
 */
public record NameMatch(String figureId, String alias, int start, int end) {
}
