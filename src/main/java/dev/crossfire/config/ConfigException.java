package dev.crossfire.config;

import java.util.List;

/** A configuration that cannot run; the message holds every problem, one line each. */
public final class ConfigException extends IllegalArgumentException {

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super("configuration has " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + ":\n  "
            + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
