package dev.jconcurrency.core.cli;

import static dev.jconcurrency.core.testing.ArgumentRow.member;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import dev.jconcurrency.core.testing.ArgumentRow;
import dev.jconcurrency.core.testing.ArgumentRows;

/**
 * Bad input from the programmer (not the user) to the command-line parser is refused at once, naming the
 * parameter and the value (TESTING.md R7). The user's mistakes are in {@link CommandLineTest}.
 */
class CliArgumentsTest implements ArgumentRows {

    @Override
    public List<ArgumentRow> argumentRows() {
        Duration second = Duration.ofSeconds(1);
        Duration milli = Duration.ofMillis(1);
        Duration minute = Duration.ofMinutes(1);
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        CommandLine cli = CommandLine.builder("demo", "Demo.")
            .intOption("tasks", 3, 1, 10, "how many tasks")
            .choiceOption("mode", List.of("fast", "slow"), null, "how")
            .build();
        CommandLine.Arguments arguments = cli.parse();
        CommandLine.Body body = parsed -> { };
        ArgumentRow.Member builder = member(CommandLine.class, "builder(String, String)");
        ArgumentRow.Member parse = member(CommandLine.class, "parse(String...)");
        ArgumentRow.Member run = member(CommandLine.class, "run(String[], PrintStream, PrintStream, Body)");
        ArgumentRow.Member intOption = member(CommandLine.Builder.class, "intOption(String, int, int, int, String)");
        ArgumentRow.Member longOption =
            member(CommandLine.Builder.class, "longOption(String, long, long, long, String)");
        ArgumentRow.Member durationOption =
            member(CommandLine.Builder.class, "durationOption(String, Duration, Duration, Duration, String)");
        ArgumentRow.Member choiceOption =
            member(CommandLine.Builder.class, "choiceOption(String, List, String, String)");
        ArgumentRow.Member flag = member(CommandLine.Builder.class, "flag(String, String)");
        ArgumentRow.Member usage = member(UsageException.class, "UsageException(String)");

        List<ArgumentRow> rows = new ArrayList<>(List.of(
            builder.rejectsNull(0, "command", () -> CommandLine.builder(null, "Demo.")),
            builder.rejectsNull(1, "summary", () -> CommandLine.builder("demo", null)),
            parse.rejectsNull(0, "args", () -> cli.parse((String[]) null)),
            parse.rejectsNull(0, "args", () -> cli.parse("--tasks", "2", null)),
            run.rejectsNull(0, "args", () -> cli.run(null, sink, sink, body)),
            run.rejectsNull(0, "args", () -> cli.run(new String[] {null}, sink, sink, body)),
            run.rejectsNull(1, "out", () -> cli.run(new String[0], null, sink, body)),
            run.rejectsNull(2, "err", () -> cli.run(new String[0], sink, null, body)),
            run.rejectsNull(3, "body", () -> cli.run(new String[0], sink, sink, null)),

            intOption.rejectsNull(0, "name", () -> builder().intOption(null, 3, 1, 10, "h")),
            intOption.rejects(0, "name", "name must be lower-case words joined by '-': Tasks",
                () -> builder().intOption("Tasks", 3, 1, 10, "h")),
            intOption.rejects(0, "name", "name must be unique: tasks",
                () -> builder().flag("tasks", "h").intOption("tasks", 3, 1, 10, "h")),
            intOption.rejects(0, "name", "name must be unique: help", () -> builder().intOption("help", 3, 1, 10, "h")),
            intOption.rejects(1, "defaultValue",
                "defaultValue of option '--tasks' must be a whole number from 1 to 10: 0",
                () -> builder().intOption("tasks", 0, 1, 10, "h")),
            intOption.rejects(2, "min", "min must not exceed max (1): 10",
                () -> builder().intOption("tasks", 3, 10, 1, "h")),
            intOption.rejects(3, "max", "min must not exceed max (1): 10",
                () -> builder().intOption("tasks", 3, 10, 1, "h")),
            intOption.rejectsNull(4, "help", () -> builder().intOption("tasks", 3, 1, 10, null)),

            longOption.rejectsNull(0, "name", () -> builder().longOption(null, 3, 1, 10, "h")),
            longOption.rejects(1, "defaultValue",
                "defaultValue of option '--size' must be a whole number from 1 to 10000000000: 10000000001",
                () -> builder().longOption("size", 10_000_000_001L, 1, 10_000_000_000L, "h")),
            longOption.rejects(2, "min", "min must not exceed max (1): 10",
                () -> builder().longOption("size", 3, 10, 1, "h")),
            longOption.rejects(3, "max", "min must not exceed max (1): 10",
                () -> builder().longOption("size", 3, 10, 1, "h")),
            longOption.rejectsNull(4, "help", () -> builder().longOption("size", 3, 1, 10, null)),

            durationOption.rejectsNull(0, "name", () -> builder().durationOption(null, second, milli, minute, "h")),
            durationOption.rejectsNull(1, "defaultValue",
                () -> builder().durationOption("duration", null, milli, minute, "h")),
            durationOption.rejects(1, "defaultValue",
                "defaultValue of option '--duration' must be a duration from 1ms to 60s: 120s",
                () -> builder().durationOption("duration", Duration.ofMinutes(2), milli, minute, "h")),
            durationOption.rejectsNull(2, "min", () -> builder().durationOption("duration", second, null, minute, "h")),
            durationOption.rejects(2, "min", "min must not exceed max (1000000): 60000000000",
                () -> builder().durationOption("duration", second, minute, milli, "h")),
            durationOption.rejectsNull(3, "max", () -> builder().durationOption("duration", second, milli, null, "h")),
            durationOption.rejects(3, "max", "min must not exceed max (1000000): 60000000000",
                () -> builder().durationOption("duration", second, minute, milli, "h")),
            durationOption.rejectsNull(4, "help",
                () -> builder().durationOption("duration", second, milli, minute, null)),

            choiceOption.rejectsNull(0, "name", () -> builder().choiceOption(null, List.of("io"), "io", "h")),
            choiceOption.rejectsNull(1, "choices", () -> builder().choiceOption("type", null, "io", "h")),
            choiceOption.rejectsNull(1, "choices",
                () -> builder().choiceOption("type", java.util.Arrays.asList("io", null), "io", "h")),
            choiceOption.rejects(1, "choices", "choices must not be empty: []",
                () -> builder().choiceOption("type", List.of(), null, "h")),
            choiceOption.acceptsNull(2, "defaultValue", () -> builder().choiceOption("type", List.of("io"), null, "h")),
            choiceOption.rejects(2, "defaultValue", "defaultValue of option '--type' must be one of io, cpu: disk",
                () -> builder().choiceOption("type", List.of("io", "cpu"), "disk", "h")),
            choiceOption.rejectsNull(3, "help", () -> builder().choiceOption("type", List.of("io"), "io", null)),

            flag.rejectsNull(0, "name", () -> builder().flag(null, "h")),
            flag.rejectsNull(1, "help", () -> builder().flag("verbose", null)),
            usage.rejectsNull(0, "message", () -> new UsageException(null))));
        // Every exit code is legal; only 0 can be called here, since any other ends the JVM, as documented.
        rows.add(member(CommandLine.class, "exitOnFailure(int)").acceptsAnyValue(0, "code",
            () -> CommandLine.exitOnFailure(0)));

        for (String accessor : List.of("intValue", "longValue", "duration", "choice", "flag")) {
            ArgumentRow.Member get = member(CommandLine.Arguments.class, accessor + "(String)");
            rows.add(get.rejectsNull(0, "name", () -> read(arguments, accessor, null)));
            rows.add(get.rejects(0, "name", "name must be one of [tasks, mode]: threads",
                () -> read(arguments, accessor, "threads")));
        }
        rows.add(member(CommandLine.Arguments.class, "longValue(String)")
            .rejects(0, "name", "name must name an option of type Long: tasks", () -> arguments.longValue("tasks")));
        // A choice with no default holds null; asking for it as an int is the caller's mistake, not a null.
        rows.add(member(CommandLine.Arguments.class, "intValue(String)")
            .rejects(0, "name", "name must name an option of type Integer: mode", () -> arguments.intValue("mode")));
        rows.addAll(launcherRows(sink));
        return rows;
    }

    /** The lesson launcher's rows: every Main of the example modules is one. */
    private static List<ArgumentRow> launcherRows(PrintStream sink) {
        LessonLauncher.Player player = (args, out, err) -> 0;
        LessonLauncher.Section section = (options, out, err) -> 0;
        UnaryOperator<CommandLine.Builder> noSeedOptions = builder -> builder;
        List<LessonLauncher.Lesson> lessons = List.of(new LessonLauncher.Lesson(Demo_01_Seed.class, "Q?", player));
        LessonLauncher launcher = LessonLauncher.builder("demo", "Demo.")
            .seedSection("demo section", "Seed.", noSeedOptions, section).lessons(() -> lessons).build();
        String[] none = new String[0];
        ArgumentRow.Member builder = member(LessonLauncher.class, "builder(String, String)");
        ArgumentRow.Member noOptions = member(LessonLauncher.class, "noOptions(Class, String)");
        ArgumentRow.Member run = member(LessonLauncher.class, "run(String[], PrintStream, PrintStream)");
        ArgumentRow.Member play = member(LessonLauncher.class, "section(String[], PrintStream, PrintStream)");
        ArgumentRow.Member seedSection =
            member(LessonLauncher.Builder.class, "seedSection(String, String, UnaryOperator, Section)");
        ArgumentRow.Member supplier = member(LessonLauncher.Builder.class, "lessons(Supplier)");
        ArgumentRow.Member lesson = member(LessonLauncher.Lesson.class, "Lesson(Class, String, Player)");
        return List.of(
            builder.rejectsNull(0, "command", () -> LessonLauncher.builder(null, "Demo.")),
            builder.rejectsNull(1, "summary", () -> LessonLauncher.builder("demo", null)),
            noOptions.rejectsNull(0, "lesson", () -> LessonLauncher.noOptions(null, "Q?")),
            noOptions.rejectsNull(1, "question", () -> LessonLauncher.noOptions(Demo_01_Seed.class, null)),
            run.rejectsNull(0, "args", () -> launcher.run(null, sink, sink)),
            run.rejectsNull(0, "args", () -> launcher.run(new String[] {"--list", null}, sink, sink)),
            run.rejectsNull(1, "out", () -> launcher.run(none, null, sink)),
            run.rejectsNull(2, "err", () -> launcher.run(none, sink, null)),
            play.rejectsNull(0, "args", () -> launcher.section(null, sink, sink)),
            play.rejectsNull(0, "args", () -> launcher.section(new String[] {null}, sink, sink)),
            play.rejectsNull(1, "out", () -> launcher.section(none, null, sink)),
            play.rejectsNull(2, "err", () -> launcher.section(none, sink, null)),
            seedSection.rejectsNull(0, "command",
                () -> launcherBuilder().seedSection(null, "S.", noSeedOptions, section)),
            seedSection.rejectsNull(1, "summary",
                () -> launcherBuilder().seedSection("s", null, noSeedOptions, section)),
            seedSection.rejectsNull(2, "options", () -> launcherBuilder().seedSection("s", "S.", null, section)),
            seedSection.rejectsNull(3, "section", () -> launcherBuilder().seedSection("s", "S.", noSeedOptions, null)),
            supplier.rejectsNull(0, "lessons", () -> launcherBuilder().lessons(null)),
            lesson.rejectsNull(0, "type", () -> new LessonLauncher.Lesson(null, "Q?", player)),
            lesson.rejects(0, "type", "type must be named Topic_NN_Subject, NN from 01: CliArgumentsTest",
                () -> new LessonLauncher.Lesson(CliArgumentsTest.class, "Q?", player)),
            lesson.rejects(0, "type", "type must be named Topic_NN_Subject, NN from 01: Demo_00_Zero",
                () -> new LessonLauncher.Lesson(Demo_00_Zero.class, "Q?", player)),
            lesson.rejectsNull(1, "question", () -> new LessonLauncher.Lesson(Demo_01_Seed.class, null, player)),
            lesson.rejects(1, "question", "question must be one line of text: 'Why?\\nBecause.'",
                () -> new LessonLauncher.Lesson(Demo_01_Seed.class, "Why?\nBecause.", player)),
            lesson.rejects(1, "question", "question must be one line of text: ' '",
                () -> new LessonLauncher.Lesson(Demo_01_Seed.class, " ", player)),
            lesson.rejectsNull(2, "player", () -> new LessonLauncher.Lesson(Demo_01_Seed.class, "Q?", null)));
    }

    /** A lesson class as the launcher expects one: named Topic_NN_Subject. */
    private static final class Demo_01_Seed {
    }

    /** Lessons number from 01: there is no lesson 0. */
    private static final class Demo_00_Zero {
    }

    private static LessonLauncher.Builder launcherBuilder() {
        return LessonLauncher.builder("demo", "Demo.");
    }

    private static CommandLine.Builder builder() {
        return CommandLine.builder("demo", "Demo.");
    }

    private static Object read(CommandLine.Arguments arguments, String accessor, String name) {
        return switch (accessor) {
            case "intValue" -> arguments.intValue(name);
            case "longValue" -> arguments.longValue(name);
            case "duration" -> arguments.duration(name);
            case "choice" -> arguments.choice(name);
            case "flag" -> arguments.flag(name);
            default -> throw new IllegalArgumentException("accessor must be one of Arguments' getters: " + accessor);
        };
    }
}
