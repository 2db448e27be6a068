package dev.jconcurrency.core.cli;

import dev.jconcurrency.core.report.Report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The launcher every example module's {@code Main} is: plays the module's seed section, lists its lessons, runs
 * one lesson by number or name. Built on {@link CommandLine}, so {@code --help}, the one-line errors and exit
 * code 2 are the same as every other main's.
 *
 * <h2>Purpose</h2>
 * A module is a numbered list of lessons ({@code Threading_01_SeedSection}, {@code Threading_02_IoSpeedup}, ...)
 * whose first one plays a section of the seed demo. Its launcher does this with its command line:
 * <ul>
 *   <li>no options: plays the seed section, then a blank line, then the list of lessons;
 *   <li>the seed section's own options ({@code --tasks 5}...): shape that section;
 *   <li>{@code --list}: the list only: each lesson's number, class and question;
 *   <li>{@code --lesson N}: runs lesson {@code N}, given as {@code 3}, {@code 03} or its class name in any case,
 *       and hands it every other option, {@code --help} included, so that {@code --lesson 4 --help} shows lesson
 *       4's options; the exit code is the lesson's;
 *   <li>{@code --help}: the launcher's options; a mistake: one line on {@code err} naming the option and its
 *       allowed values, exit code {@link CommandLine#USAGE_ERROR}.
 * </ul>
 * {@link #section} plays the seed section alone with the same options: what the docs module's tour calls.
 *
 * <h2>How to get one</h2>
 * <pre>{@code
 * private static final LessonLauncher LAUNCHER = LessonLauncher.builder("examples-threading", "Java threads...")
 *     .seedSection("examples-threading section", "Plays section 1 of the seed demo.",
 *         Threading_01_SeedSection::seedOptions, (options, out, err) -> {
 *             Threading_01_SeedSection.run(Threading_01_SeedSection.options(options), Report.to(out));
 *             return 0;
 *         })
 *     .lessons(() -> List.of(
 *         new Lesson(Threading_01_SeedSection.class, Threading_01_SeedSection.QUESTION,
 *             Threading_01_SeedSection::play),
 *         new Lesson(Threading_02_IoSpeedup.class, Threading_02_IoSpeedup.QUESTION, Threading_02_IoSpeedup::play)))
 *     .build();
 *
 * public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
 *     return LAUNCHER.run(args, out, err);
 * }
 * }</pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Give the lessons as a {@link Supplier} that builds the list, never as a list built in a static field:
 *       naming a lesson's {@code play} method loads that lesson's class and makes a lambda for it (together
 *       about half a millisecond per lesson in a cold JVM), and {@link #section} needs none of them. The
 *       launcher calls the supplier the first time {@link #run} or {@link #lessons} needs the lessons, and only
 *       once.
 *   <li>The seed options must not be called {@code list} or {@code lesson}: those are the launcher's.
 * </ul>
 *
 * <h2>Memory consistency effects</h2>
 * A launcher is safe to share between threads. The supplier runs at most once, under the launcher's lock, and
 * every thread that then uses the lessons sees the list it returned.
 */
public final class LessonLauncher {

    /** How a lesson plays itself: parses its own options from {@code args} and returns an exit code. */
    @FunctionalInterface
    public interface Player {
        /**
         * Plays the lesson.
         *
         * @param args the lesson's options: the launcher's command line without {@code --lesson N}
         * @param out where the lesson prints
         * @param err where a usage error goes
         * @return the exit code: 0, or {@link CommandLine#USAGE_ERROR} after one line on {@code err}
         * @throws Exception if the lesson fails
         */
        int play(String[] args, PrintStream out, PrintStream err) throws Exception;
    }

    /** How the seed section plays itself, once the launcher has parsed its options. */
    @FunctionalInterface
    public interface Section {
        /**
         * Plays the seed section.
         *
         * @param options the parsed command line, the seed options among its values
         * @param out where the section prints
         * @param err where a usage error found only now (a combination of options) goes, as one line
         * @return the exit code: 0, or {@link CommandLine#USAGE_ERROR} after one line on {@code err}
         * @throws Exception if the section fails
         */
        int play(CommandLine.Arguments options, PrintStream out, PrintStream err) throws Exception;
    }

    /**
     * One lesson: its class, the question it answers (as {@code --list} shows it) and how to play it.
     *
     * @param type the lesson's class, named {@code Topic_NN_Subject} as every lesson is
     * @param question the question the lesson answers, one line
     * @param player how to play it
     */
    public record Lesson(Class<?> type, String question, Player player) {

        private static final Pattern NAME = Pattern.compile("[A-Z][A-Za-z0-9]*_(\\d\\d)_[A-Za-z0-9]+");

        /**
         * @throws NullPointerException if any argument is null
         * @throws IllegalArgumentException if the class is not named {@code Topic_NN_Subject} with NN from 01, or
         *     the question is not one line
         */
        public Lesson {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(question, "question");
            Objects.requireNonNull(player, "player");
            Matcher name = NAME.matcher(type.getSimpleName());
            if (!name.matches() || name.group(1).equals("00")) {
                throw new IllegalArgumentException("type must be named Topic_NN_Subject, NN from 01: "
                    + type.getSimpleName());
            }
            if (question.isBlank() || question.indexOf('\n') >= 0 || question.indexOf('\r') >= 0) {
                // --list prints it on the lesson's line.
                throw new IllegalArgumentException("question must be one line of text: '"
                    + question.replace("\r", "\\r").replace("\n", "\\n") + "'");
            }
        }

        /**
         * The lesson's number, from its class name: 2 for {@code Threading_02_IoSpeedup}.
         *
         * @return the number, from 1
         */
        public int number() {
            return Integer.parseInt(type.getSimpleName().split("_")[1]);
        }
    }

    private final String command;
    private final String summary;
    private final UnaryOperator<CommandLine.Builder> seedOptions;
    private final Section seedSection;
    private final CommandLine sectionLine;
    private final Supplier<List<Lesson>> lessonSupplier;
    /** The lessons and the launcher's command line, which lists their numbers; made on first use. */
    private Index index; // guarded by this

    private LessonLauncher(Builder builder) {
        this.command = builder.command;
        this.summary = builder.summary;
        this.seedOptions = builder.seedOptions;
        this.seedSection = builder.seedSection;
        this.sectionLine = seedOptions.apply(CommandLine.builder(builder.sectionCommand, builder.sectionSummary))
            .build();
        this.lessonSupplier = builder.lessons;
    }

    /**
     * Starts describing a module's launcher.
     *
     * @param command the name shown in help and errors, e.g. {@code examples-threading}
     * @param summary one or more sentences shown at the top of {@code --help}
     * @return a builder; {@link Builder#seedSection} and {@link Builder#lessons} must be called before
     *     {@link Builder#build}
     * @throws NullPointerException if either is null
     */
    public static Builder builder(String command, String summary) {
        return new Builder(Objects.requireNonNull(command, "command"), Objects.requireNonNull(summary, "summary"));
    }

    /**
     * The command line of a lesson that takes no options: {@code --help} prints its question, anything else is a
     * usage error. Its knobs are the parameters of its {@code run(...)}, for tests and for readers to call.
     *
     * @param lesson the lesson's class, whose simple name is the command's
     * @param question the question the lesson answers
     * @return the command line, to {@link CommandLine#run} in the lesson's {@code play}
     * @throws NullPointerException if either is null
     */
    public static CommandLine noOptions(Class<?> lesson, String question) {
        Objects.requireNonNull(lesson, "lesson");
        Objects.requireNonNull(question, "question");
        return CommandLine.builder(lesson.getSimpleName(), question + "\nThis lesson takes no options: its knobs"
            + " are the parameters of " + lesson.getSimpleName() + ".run(...).").build();
    }

    /**
     * Runs the launcher: see the class comment for what each option does.
     *
     * @param args the command line
     * @param out where the section, the list, help and the lesson print
     * @param err where usage errors go
     * @return the exit code: 0, {@link CommandLine#USAGE_ERROR} after one line on {@code err}, or what the
     *     section or the lesson returned
     * @throws Exception if the section or the lesson fails
     * @throws NullPointerException if any argument, or any element of {@code args}, is null
     */
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        for (String arg : args) {
            Objects.requireNonNull(arg, "args");
        }
        Index index = index();
        LessonCall call = LessonCall.find(args);
        if (call != null) {
            // Only --lesson N is the launcher's: the lesson's own parser checks the rest and explains mistakes.
            String[] chosen = {null};
            int code = index.line.run(index.numbered(call.option()), out, err,
                options -> chosen[0] = options.choice("lesson"));
            return code != 0 ? code : index.byNumber.get(chosen[0]).player().play(call.rest(), out, err);
        }
        int[] sectionCode = {0};
        int code = index.line.run(args, out, err, options -> {
            Report report = Report.to(out);
            if (!options.flag("list")) {
                sectionCode[0] = seedSection.play(options, out, err);
                if (sectionCode[0] != 0) {
                    return;
                }
                report.blank();
            }
            index.list(report);
        });
        return code != 0 ? code : sectionCode[0];
    }

    /**
     * Plays only the seed section, with the seed options and nothing else: what the docs module's tour calls.
     * Loads no lesson: the lessons' supplier is not called.
     *
     * @param args the seed options, or {@code --help}
     * @param out where the section and help print
     * @param err where a usage error goes
     * @return the exit code: 0, {@link CommandLine#USAGE_ERROR} after one line on {@code err}, or what the
     *     section returned
     * @throws Exception if the section fails
     * @throws NullPointerException if any argument, or any element of {@code args}, is null
     */
    public int section(String[] args, PrintStream out, PrintStream err) throws Exception {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        int[] sectionCode = {0};
        int code = sectionLine.run(args, out, err, options -> sectionCode[0] = seedSection.play(options, out, err));
        return code != 0 ? code : sectionCode[0];
    }

    /**
     * The lesson classes in order, the seed section's first.
     *
     * @return every lesson class of the module, unmodifiable
     */
    public List<Class<?>> lessons() {
        return index().lessons.stream().<Class<?>>map(Lesson::type).toList();
    }

    private synchronized Index index() {
        if (index == null) {
            index = new Index(lessonSupplier.get());
        }
        return index;
    }

    /** The lessons, checked, and the command line whose {@code --lesson} takes their numbers. */
    private final class Index {
        final List<Lesson> lessons;
        final Map<String, Lesson> byNumber = new HashMap<>();
        final CommandLine line;

        Index(List<Lesson> supplied) {
            Objects.requireNonNull(supplied, "lessons");
            supplied.forEach(lesson -> Objects.requireNonNull(lesson, "lessons"));
            lessons = List.copyOf(supplied);
            if (lessons.isEmpty()) {
                throw new IllegalArgumentException("lessons must not be empty: []");
            }
            List<String> numbers = new ArrayList<>();
            for (Lesson lesson : lessons) {
                String number = Integer.toString(lesson.number());
                if (byNumber.put(number, lesson) != null) {
                    throw new IllegalArgumentException("lessons must have distinct numbers: "
                        + lessons.stream().map(l -> l.type().getSimpleName()).toList());
                }
                numbers.add(number);
            }
            line = seedOptions.apply(CommandLine.builder(command, summary))
                .flag("list", "list the lessons and exit")
                .choiceOption("lesson", numbers, null,
                    "run one lesson, by number or class name (see --list); the other options go to it")
                .build();
        }

        /** {@code --lesson X} with X a zero-padded number or a class name turned into the plain number. */
        String[] numbered(String[] option) {
            String[] copy = option.clone();
            int last = copy.length - 1;
            boolean inline = copy[last].startsWith("--lesson=");
            String value = inline ? copy[last].substring("--lesson=".length()) : copy[last];
            for (Lesson lesson : lessons) {
                if (value.equalsIgnoreCase(lesson.type().getSimpleName())
                    || value.equals(String.format(Locale.ROOT, "%02d", lesson.number()))) {
                    copy[last] = (inline ? "--lesson=" : "") + lesson.number();
                }
            }
            return copy; // anything else is left for the parser to reject in one line that lists the numbers
        }

        void list(Report report) {
            int width = lessons.stream().mapToInt(l -> l.type().getSimpleName().length()).max().orElseThrow();
            report.line("Lessons (run one with --lesson N):");
            for (Lesson lesson : lessons) {
                report.line(String.format(Locale.ROOT, "  %02d  %-" + width + "s  %s", lesson.number(),
                    lesson.type().getSimpleName(), lesson.question()));
            }
        }
    }

    /**
     * {@code --lesson X} (or {@code --lesson=X}) found among the arguments, and the arguments left without it.
     *
     * @param option {@code --lesson X}, {@code --lesson=X}, or {@code --lesson} alone when no value follows
     * @param rest every other argument, in order
     */
    private record LessonCall(String[] option, String[] rest) {

        static LessonCall find(String[] args) {
            for (int i = 0; i < args.length; i++) {
                // A next argument that starts with -- is an option, not the lesson: the parser then says
                // "--lesson needs a value" rather than running a lesson called "--help".
                int length = args[i].startsWith("--lesson=") ? 1
                    : !args[i].equals("--lesson") ? 0
                    : i + 1 < args.length && !args[i + 1].startsWith("--") ? 2 : 1;
                if (length > 0) {
                    List<String> rest = new ArrayList<>(Arrays.asList(args));
                    rest.subList(i, i + length).clear();
                    return new LessonCall(Arrays.copyOfRange(args, i, i + length), rest.toArray(String[]::new));
                }
            }
            return null;
        }
    }

    /** Describes a module's launcher; see {@link LessonLauncher#builder(String, String)}. */
    public static final class Builder {
        private final String command;
        private final String summary;
        private String sectionCommand;
        private String sectionSummary;
        private UnaryOperator<CommandLine.Builder> seedOptions;
        private Section seedSection;
        private Supplier<List<Lesson>> lessons;

        private Builder(String command, String summary) {
            this.command = command;
            this.summary = summary;
        }

        /**
         * The seed section: its options, which the launcher accepts too, and how to play it.
         *
         * @param command the name {@link LessonLauncher#section}'s help and errors show, e.g.
         *     {@code examples-threading section}
         * @param summary the top of {@link LessonLauncher#section}'s {@code --help}
         * @param options adds the seed options to a command line, e.g. {@code Threading_01_SeedSection::seedOptions}
         * @param section plays the section with the parsed options
         * @return this builder
         * @throws NullPointerException if any argument is null
         */
        public Builder seedSection(String command, String summary, UnaryOperator<CommandLine.Builder> options,
                                   Section section) {
            this.sectionCommand = Objects.requireNonNull(command, "command");
            this.sectionSummary = Objects.requireNonNull(summary, "summary");
            this.seedOptions = Objects.requireNonNull(options, "options");
            this.seedSection = Objects.requireNonNull(section, "section");
            return this;
        }

        /**
         * The lessons, in order, the seed section's first: called once, the first time they are needed (see the
         * pitfalls on {@link LessonLauncher}). It must return a non-empty list of lessons with distinct numbers;
         * else the first {@link LessonLauncher#run} or {@link LessonLauncher#lessons} throws an
         * {@link IllegalArgumentException} (or a {@link NullPointerException}) naming {@code lessons}.
         *
         * @param lessons makes the list of lessons
         * @return this builder
         * @throws NullPointerException if {@code lessons} is null
         */
        public Builder lessons(Supplier<List<Lesson>> lessons) {
            this.lessons = Objects.requireNonNull(lessons, "lessons");
            return this;
        }

        /**
         * The finished launcher.
         *
         * @return the launcher
         * @throws IllegalStateException if {@link #seedSection} or {@link #lessons} was not called
         */
        public LessonLauncher build() {
            if (seedSection == null || lessons == null) {
                throw new IllegalStateException("a launcher needs seedSection(...) and lessons(...) before build()");
            }
            return new LessonLauncher(this);
        }
    }
}
