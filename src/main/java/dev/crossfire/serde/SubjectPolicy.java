package dev.crossfire.serde;

/**
 * How a serializer finds the schema id to write: the subject naming strategy, whether it may
 * register its own schema ({@code auto.register.schemas}), or must write with the subject's latest
 * registered version ({@code use.latest.version}).
 */
public record SubjectPolicy(RegistrySettings.SubjectStrategy strategy, boolean autoRegister, boolean useLatestVersion) {

    public static SubjectPolicy defaults() {
        return new SubjectPolicy(RegistrySettings.SubjectStrategy.TOPIC, true, false);
    }

    public static SubjectPolicy of(RegistrySettings settings) {
        return new SubjectPolicy(settings.subjectStrategy(), settings.autoRegister(), settings.useLatestVersion());
    }
}
