package io.localdrop.agent.cli;

/** A command that cannot be done: its message is the one line the tool prints before exiting with status 2. */
final class CliFailure extends Exception {
    private static final long serialVersionUID = 1L;

    CliFailure(String message) {
        super(message);
    }
}
