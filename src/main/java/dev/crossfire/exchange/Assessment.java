package dev.crossfire.exchange;

import dev.crossfire.avro.EscalationLevel;
import dev.crossfire.avro.Reason;
import java.util.List;

/** The escalation score of an exchange, the level it reaches (null: none) and the reasons. */
public record Assessment(double score, EscalationLevel level, List<Reason> reasons) {
}
