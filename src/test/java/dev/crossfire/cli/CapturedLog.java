package dev.crossfire.cli;

import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** Everything logged while it is open, at the levels given (restored on close), stack traces included. */
final class CapturedLog implements AutoCloseable {

    private final StringWriter text = new StringWriter();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final WriterAppender appender;
    private final Map<String, Level> previous = new LinkedHashMap<>();
    private final Map<String, Appender> console;

    CapturedLog(Map<String, Level> levels) {
        Configuration config = context.getConfiguration();
        appender = WriterAppender.createAppender(
            PatternLayout.newBuilder().withConfiguration(config).withPattern("%-5level [%t] %c - %msg%n%throwable").build(),
            null, text, "captured-" + System.identityHashCode(this), false, true);
        appender.start();
        config.addAppender(appender);
        // the console keeps showing warnings only, however low the levels go here
        LoggerConfig root = config.getRootLogger();
        console = new LinkedHashMap<>(root.getAppenders());
        console.forEach((name, existing) -> {
            root.removeAppender(name);
            root.addAppender(existing, Level.WARN, null);
        });
        root.addAppender(appender, Level.ALL, null);
        // loggers configured with levels of their own keep them: every one under the name is set
        levels.forEach((name, level) -> {
            config.getLoggers().forEach((loggerName, loggerConfig) -> {
                if (loggerName.equals(name) || loggerName.startsWith(name + ".")) {
                    previous.putIfAbsent(loggerName, loggerConfig.getLevel());
                }
            });
            previous.putIfAbsent(name, config.getLoggerConfig(name).getLevel());
            Configurator.setAllLevels(name, level);
        });
        context.updateLoggers();
    }

    String text() {
        return text.toString();
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        LoggerConfig root = config.getRootLogger();
        root.removeAppender(appender.getName());
        console.forEach((name, existing) -> {
            root.removeAppender(name);
            root.addAppender(existing, null, null);
        });
        previous.forEach((name, level) -> {
            LoggerConfig loggerConfig = config.getLoggerConfig(name);
            if (loggerConfig.getName().equals(name)) {
                loggerConfig.setLevel(level);
            }
        });
        context.updateLoggers();
        appender.stop();
    }
}
