package dev.crossfire.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The jars that users run and the image copies (failsafe runs after {@code package}): it carries our
 * LICENSE and NOTICE, the notices of the libraries inside it, and a hostility model trained only on
 * data whose licence lets it ship (docs/data-and-licences.md).
 */
class JarLicenceIT {

    /** Both jars: crossfire.jar, which users run, and crossfire-service.jar, which the image copies. */
    @ParameterizedTest
    @ValueSource(strings = {"crossfire.jar", "crossfire-service.jar"})
    void carriesTheLicenceAndNoticesAndNoGplDerivedModel(String name) throws IOException {
        Path path = Path.of("target", name);
        assertThat(path).as("built by mvn package before the integration tests").exists();
        try (ZipFile jar = new ZipFile(path.toFile())) {
            String licence = text(jar, "META-INF/LICENSE");
            assertThat(licence).contains("Apache License", "Version 2.0, January 2004");
            assertThat(licence).isEqualTo(Files.readString(Path.of("LICENSE")));

            String notice = text(jar, "META-INF/NOTICE");
            assertThat(notice).as("ours, with the model's data and its BSD notice")
                .contains("crossfire is licensed under the Apache License, Version 2.0", "Copyright (c) 2020, Sam Davidson",
                    "No GPL-licensed data is in this repository or the jar");
            assertThat(notice).as("the libraries' notices, merged").contains("Apache Avro", "Micrometer", "Jackson");

            String model = gunzip(jar, "text/hostility-model.tsv.gz");
            String trainedBy = model.lines().filter(l -> l.startsWith("# trained by:")).findFirst().orElse("");
            assertThat(trainedBy).contains("incivility_coded_0302.csv", "cat_small.csv").doesNotContain("political-replies");

            String german = gunzip(jar, "text/hostility-model-de.tsv.gz");
            assertThat(german.lines().filter(l -> l.startsWith("# trained by:")).findFirst().orElse(""))
                .contains("--language de", "germeval2018.training.csv");
            assertThat(notice).contains("GermEval 2018", "Creative Commons Attribution 4.0");

            assertThat(jar.stream().map(ZipEntry::getName)).as("no labelled data set inside the jar")
                .noneMatch(n -> n.endsWith(".csv"));
        }
    }

    private static String text(ZipFile jar, String name) throws IOException {
        ZipEntry e = jar.getEntry(name);
        assertThat(e).as(name + " in the jar").isNotNull();
        try (InputStream in = jar.getInputStream(e)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String gunzip(ZipFile jar, String name) throws IOException {
        ZipEntry e = jar.getEntry(name);
        assertThat(e).as(name + " in the jar").isNotNull();
        try (InputStream in = new GZIPInputStream(jar.getInputStream(e))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
