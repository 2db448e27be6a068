package dev.jconcurrency.processes;

import dev.jconcurrency.core.cli.CommandLine;
import java.io.PrintStream;

/** What every lesson's {@code main} shares: a command line with only {@code --help}. */
final class Lessons {

    private Lessons() {
    }

    /** A lesson's own way to play itself, to {@code out}, returning an exit code. */
    @FunctionalInterface
    interface Player {
        int play(String[] args, PrintStream out, PrintStream err) throws Exception;
    }

    /**
     * The command line of a lesson that takes no options: {@code --help} prints its question, anything else is a
     * usage error. Its knobs are the parameters of its {@code run(...)}, for tests and for readers to call.
     */
    static CommandLine noOptions(Class<?> lesson, String question) {
        return CommandLine.builder(lesson.getSimpleName(), question + "\nThis lesson takes no options: its knobs"
            + " are the parameters of " + lesson.getSimpleName() + ".run(...).").build();
    }
}
