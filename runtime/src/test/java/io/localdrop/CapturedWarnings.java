package io.localdrop;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what the runtime logs through System.Logger "io.localdrop" (backed by java.util.logging here). */
final class CapturedWarnings extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger("io.localdrop");
    private final List<String> messages = new ArrayList<>();

    CapturedWarnings() {
        logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        messages.add(record.getLevel() + " " + record.getMessage());
    }

    synchronized List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
