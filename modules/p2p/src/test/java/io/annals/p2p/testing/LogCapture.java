package io.annals.p2p.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/** Collects the log lines of one logger, to check that a failure left a line naming the peer. */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> appender =
            new AppenderBase<>() {
                @Override
                protected void append(ILoggingEvent event) {
                    lines.add(event.getLevel() + " " + event.getFormattedMessage());
                }
            };

    public LogCapture(Class<?> source) {
        logger = (Logger) LoggerFactory.getLogger(source);
        appender.start();
        logger.addAppender(appender);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Whether some line contains every fragment. */
    public boolean hasLine(String... fragments) {
        return lines.stream()
                .anyMatch(
                        line -> {
                            for (String fragment : fragments) {
                                if (!line.contains(fragment)) {
                                    return false;
                                }
                            }
                            return true;
                        });
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}
