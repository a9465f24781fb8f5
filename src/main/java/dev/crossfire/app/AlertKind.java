package dev.crossfire.app;

import dev.crossfire.avro.EscalationLevel;
import dev.crossfire.avro.ExchangeAlert;
import dev.crossfire.avro.FigureRef;
import dev.crossfire.avro.PileOnAlert;
import dev.crossfire.config.Topics;
import dev.crossfire.notify.Notice;
import dev.crossfire.notify.SlackMessage;
import dev.crossfire.topology.CrossfireSerdes;
import java.util.ArrayList;
import java.util.List;

/**
 * The two kinds of alert crossfire writes, each on its own topic: exchange alerts (two figures
 * fighting) and pile-on alerts (several figures turning on one). {@code alerts tail} and
 * {@code alerts notify} follow either; this is what differs between them.
 */
public interface AlertKind<T> {

    /** Which topic, named as {@code --topic} takes it. */
    String name();

    String topic(Topics topics);

    T decode(CrossfireSerdes serdes, String topic, byte[] value);

    String json(T alert);

    /** As an editor reads it on a terminal. */
    String text(T alert);

    EscalationLevel level(T alert);

    /** What the notifier delivers; {@code liveUrl} may be null. */
    Notice notice(T alert, String liveUrl);

    AlertKind<ExchangeAlert> EXCHANGES = new AlertKind<>() {
        @Override
        public String name() {
            return "alerts";
        }

        @Override
        public String topic(Topics topics) {
            return topics.alerts();
        }

        @Override
        public ExchangeAlert decode(CrossfireSerdes serdes, String topic, byte[] value) {
            return serdes.alert.deserialize(topic, value);
        }

        @Override
        public String json(ExchangeAlert alert) {
            return AlertJson.line(alert);
        }

        @Override
        public String text(ExchangeAlert alert) {
            return AlertText.render(alert);
        }

        @Override
        public EscalationLevel level(ExchangeAlert alert) {
            return alert.getLevel();
        }

        @Override
        public Notice notice(ExchangeAlert alert, String liveUrl) {
            return new Notice(alert.getAlertId(), alert.getLevel(), alert.getFigures(), json(alert), SlackMessage.of(alert, liveUrl));
        }
    };

    AlertKind<PileOnAlert> PILE_ONS = new AlertKind<>() {
        @Override
        public String name() {
            return "pileons";
        }

        @Override
        public String topic(Topics topics) {
            return topics.pileOns();
        }

        @Override
        public PileOnAlert decode(CrossfireSerdes serdes, String topic, byte[] value) {
            return serdes.pileOn.deserialize(topic, value);
        }

        @Override
        public String json(PileOnAlert alert) {
            return PileOnJson.line(alert);
        }

        @Override
        public String text(PileOnAlert alert) {
            return PileOnText.render(alert);
        }

        @Override
        public EscalationLevel level(PileOnAlert alert) {
            return alert.getLevel();
        }

        @Override
        public Notice notice(PileOnAlert alert, String liveUrl) {
            List<FigureRef> figures = new ArrayList<>(alert.getAttackers());
            figures.add(alert.getTarget());
            return new Notice(alert.getAlertId(), alert.getLevel(), figures, json(alert), SlackMessage.of(alert, liveUrl));
        }
    };

    /** The kind {@code --topic} names: {@code alerts} (the default) or {@code pileons}. */
    static AlertKind<?> named(String name) {
        return switch (name) {
            case "alerts" -> EXCHANGES;
            case "pileons" -> PILE_ONS;
            default -> throw new IllegalArgumentException("--topic must be alerts or pileons, not " + name);
        };
    }
}
