package dev.crossfire.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The shell examples of the README and docs/: the code blocks users copy. */
final class DocumentedCommands {

    static final String JAR = "java -jar target/crossfire.jar ";

    private DocumentedCommands() {
    }

    /** One command as the docs show it, and where. */
    record Example(Path file, int line, String text) {
        /** The words after the jar, with $CLUSTER (the two options a demo prints) replaced by {@code cluster}. */
        List<String> args(String cluster) {
            String command = text.substring(JAR.length()).replace("$CLUSTER", cluster);
            List<String> words = new ArrayList<>();
            StringBuilder word = new StringBuilder();
            char quote = 0;
            for (char c : command.toCharArray()) {
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else {
                        word.append(c);
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (Character.isWhitespace(c)) {
                    if (!word.isEmpty()) {
                        words.add(word.toString());
                        word.setLength(0);
                    }
                } else {
                    word.append(c);
                }
            }
            if (!word.isEmpty()) {
                words.add(word.toString());
            }
            return words;
        }

        @Override
        public String toString() {
            return file + ":" + line + ": " + text;
        }
    }

    /** README.md and every docs/*.md. */
    static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /**
     * Every line of a ```bash block in these pages that starts with {@code prefix}: continuation lines
     * joined, comments after {@code #} and what follows a pipe or {@code &&} left out.
     */
    static List<Example> in(List<Path> pages, String prefix) throws IOException {
        List<Example> found = new ArrayList<>();
        for (Path page : pages) {
            List<String> lines = Files.readAllLines(page);
            boolean bash = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.startsWith("```")) {
                    bash = !bash && line.startsWith("```bash");
                    continue;
                }
                if (!bash || !line.strip().startsWith(prefix)) {
                    continue;
                }
                int first = i;
                StringBuilder command = new StringBuilder(line.strip());
                while (command.toString().endsWith("\\") && i + 1 < lines.size()) {
                    command.setLength(command.length() - 1);
                    command.append(' ').append(lines.get(++i).strip());
                }
                String text = command.toString();
                for (String end : List.of(" #", " | ", " && ", " > ")) {
                    int at = text.indexOf(end);
                    if (at > 0) {
                        text = text.substring(0, at);
                    }
                }
                found.add(new Example(page, first + 1, text.strip()));
            }
        }
        return found;
    }
}
