package dev.jconcurrency.core.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options every example main and the tour accept, parsed the same way everywhere: {@code --name value} or
 * {@code --name=value}, {@code --help}, and for every mistake one line that names the option and its allowed
 * values, exit code 2 and no stack trace.
 *
 * <h2>How to get one</h2>
 * <pre>{@code
 * CommandLine cli = CommandLine.builder("examples-threading", "Plays the seed's threading section.")
 *     .intOption("tasks", 3, 1, 10_000, "how many tasks")
 *     .durationOption("duration", Duration.ofSeconds(1), Duration.ofMillis(1), Duration.ofSeconds(60), "task length")
 *     .choiceOption("type", List.of("io", "cpu"), "io", "what each task does")
 *     .build();
 * System.exit(cli.run(args, System.out, System.err, options -> play(options.intValue("tasks"))));
 * }</pre>
 *
 * <p>Durations are written {@code 250ms}, {@code 1s}, {@code 1.5s} or {@code 2m}; a bare number means seconds,
 * as in Python's {@code time.sleep(1)}. Whole numbers may use {@code _} or {@code ,} between digit groups
 * ({@code 1_000_000}).
 */
public final class CommandLine {

    /** The exit code for a mistake on the command line, as in most Unix tools. */
    public static final int USAGE_ERROR = 2;

    private final String command;
    private final String summary;
    private final Map<String, Option> options;

    private CommandLine(String command, String summary, Map<String, Option> options) {
        this.command = command;
        this.summary = summary;
        this.options = options;
    }

    /**
     * Starts describing a command.
     *
     * @param command the name shown in help and errors, e.g. {@code examples-threading}
     * @param summary one or more sentences shown at the top of {@code --help}
     * @return a builder
     * @throws NullPointerException if either is null
     */
    public static Builder builder(String command, String summary) {
        return new Builder(Objects.requireNonNull(command, "command"), Objects.requireNonNull(summary, "summary"));
    }

    /**
     * Parses {@code args}.
     *
     * @param args the command line
     * @return the values, defaults filled in
     * @throws UsageException with a one-line message naming the option and the allowed values
     * @throws NullPointerException if {@code args} is null
     */
    public Arguments parse(String... args) {
        Objects.requireNonNull(args, "args");
        Map<String, Object> values = new LinkedHashMap<>();
        for (Option option : options.values()) {
            values.put(option.name, option.defaultValue);
        }
        for (int i = 0; i < args.length; i++) {
            String arg = Objects.requireNonNull(args[i], "args");
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "': options start with --, "
                    + "allowed: " + names());
            }
            String name = arg.substring(2);
            String value = null;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            Option option = options.get(name);
            if (option == null) {
                throw new UsageException("unknown option '--" + name + "': allowed options are " + names());
            }
            if (option.kind == Kind.FLAG) {
                if (value != null) {
                    throw new UsageException("option '--" + name + "' takes no value, but was given '" + value + "'");
                }
                values.put(name, Boolean.TRUE);
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new UsageException("option '--" + name + "' needs a value: " + option.allowed());
                }
                value = args[++i];
            }
            values.put(name, option.convert(value));
        }
        Map<String, Class<?>> types = new LinkedHashMap<>();
        options.values().forEach(option -> types.put(option.name, option.kind.type));
        return new Arguments(values, types);
    }

    /**
     * Runs a main: prints help for {@code --help} (exit 0), one line on {@code err} for a mistake (exit 2), else
     * calls {@code body} with the parsed values (exit 0 when it returns).
     *
     * @param args the command line
     * @param out where help goes
     * @param err where a usage error goes
     * @param body what the command does
     * @return the exit code: 0, or {@link #USAGE_ERROR}
     * @throws Exception whatever {@code body} throws: a failure of the program, not of its usage
     * @throws NullPointerException if any argument is null
     */
    public int run(String[] args, PrintStream out, PrintStream err, Body body) throws Exception {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(body, "body");
        // Arrays.asList, not List.of: a null element must reach parse() and fail there, naming "args".
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.print(help());
            out.flush();
            return 0;
        }
        Arguments parsed;
        try {
            parsed = parse(args);
        } catch (UsageException e) {
            err.println(command + ": " + e.getMessage() + " (see --help)");
            err.flush();
            return USAGE_ERROR;
        }
        body.run(parsed);
        return 0;
    }

    /**
     * Ends the JVM with {@code code} when it is not 0, as a Unix tool does, and returns normally when it is: the
     * last line of every example's {@code main}, after {@link #run} has printed what went wrong.
     *
     * @param code an exit code, such as the one {@link #run} returned
     */
    public static void exitOnFailure(int code) {
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * The {@code --help} text: the summary, then one line per option with its allowed values and default. Lines
     * end in {@code \n} on every platform.
     */
    public String help() {
        StringBuilder text = new StringBuilder();
        text.append("Usage: ").append(command).append(" [options]\n\n").append(summary.strip()).append("\n\nOptions:\n");
        int width = options.values().stream().mapToInt(o -> o.usage().length()).max().orElse(0);
        width = Math.max(width, "--help".length());
        for (Option option : options.values()) {
            text.append(String.format(Locale.ROOT, "  %-" + width + "s  %s\n", option.usage(), option.describe()));
        }
        text.append(String.format(Locale.ROOT, "  %-" + width + "s  %s\n", "--help", "print this help and exit"));
        return text.toString();
    }

    private String names() {
        List<String> names = new ArrayList<>();
        options.keySet().forEach(n -> names.add("--" + n));
        names.add("--help");
        return String.join(", ", names);
    }

    /** What a command does with its parsed options. */
    @FunctionalInterface
    public interface Body {
        /**
         * Runs the command.
         *
         * @param arguments the parsed options
         * @throws Exception if the command fails
         */
        void run(Arguments arguments) throws Exception;
    }

    /** The parsed values of a command line, defaults filled in. */
    public static final class Arguments {
        private final Map<String, Object> values;
        private final Map<String, Class<?>> types;

        Arguments(Map<String, Object> values, Map<String, Class<?>> types) {
            this.values = values;
            this.types = types;
        }

        /**
         * @param name an int option's name, without {@code --}
         * @return its value
         * @throws IllegalArgumentException if there is no such option of that kind
         */
        public int intValue(String name) {
            return (Integer) get(name, Integer.class);
        }

        /**
         * @param name a long option's name, without {@code --}
         * @return its value
         * @throws IllegalArgumentException if there is no such option of that kind
         */
        public long longValue(String name) {
            return (Long) get(name, Long.class);
        }

        /**
         * @param name a duration option's name, without {@code --}
         * @return its value
         * @throws IllegalArgumentException if there is no such option of that kind
         */
        public Duration duration(String name) {
            return (Duration) get(name, Duration.class);
        }

        /**
         * @param name a choice option's name, without {@code --}
         * @return the chosen value, or null for a choice with no default that was not given
         * @throws IllegalArgumentException if there is no such option of that kind
         */
        public String choice(String name) {
            return (String) get(name, String.class);
        }

        /**
         * @param name a flag's name, without {@code --}
         * @return whether it was given
         * @throws IllegalArgumentException if there is no such flag
         */
        public boolean flag(String name) {
            return (Boolean) get(name, Boolean.class);
        }

        private Object get(String name, Class<?> type) {
            Objects.requireNonNull(name, "name");
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("name must be one of " + values.keySet() + ": " + name);
            }
            // Judged by the option's kind, not its value: a choice with no default holds null, and asking for it
            // as an int must say so, not fail unboxing the null.
            if (types.get(name) != type) {
                throw new IllegalArgumentException(
                    "name must name an option of type " + type.getSimpleName() + ": " + name);
            }
            return values.get(name);
        }
    }

    /** Describes the options of a command; see {@link CommandLine#builder(String, String)}. */
    public static final class Builder {
        private final String command;
        private final String summary;
        private final Map<String, Option> options = new LinkedHashMap<>();

        private Builder(String command, String summary) {
            this.command = command;
            this.summary = summary;
        }

        /**
         * A whole-number option.
         *
         * @param name the option's name without {@code --}
         * @param defaultValue used when the option is not given, within [min, max]
         * @param min smallest allowed
         * @param max largest allowed
         * @param help one line for {@code --help}
         * @return this builder
         * @throws IllegalArgumentException if the name is taken or the default is outside [min, max]
         */
        public Builder intOption(String name, int defaultValue, int min, int max, String help) {
            return add(new Option(name, Kind.INT, defaultValue, (long) min, (long) max, null, help));
        }

        /**
         * A whole-number option that may exceed {@code int}, such as a problem size.
         *
         * @param name the option's name without {@code --}
         * @param defaultValue used when the option is not given, within [min, max]
         * @param min smallest allowed
         * @param max largest allowed
         * @param help one line for {@code --help}
         * @return this builder
         * @throws IllegalArgumentException if the name is taken or the default is outside [min, max]
         */
        public Builder longOption(String name, long defaultValue, long min, long max, String help) {
            return add(new Option(name, Kind.LONG, defaultValue, min, max, null, help));
        }

        /**
         * A duration option ({@code 250ms}, {@code 1s}, {@code 1.5s}, {@code 2m}, or a bare number of seconds).
         *
         * @param name the option's name without {@code --}
         * @param defaultValue used when the option is not given, within [min, max]
         * @param min shortest allowed
         * @param max longest allowed
         * @param help one line for {@code --help}
         * @return this builder
         * @throws IllegalArgumentException if the name is taken or the default is outside [min, max]
         */
        public Builder durationOption(String name, Duration defaultValue, Duration min, Duration max, String help) {
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(max, "max");
            return add(new Option(name, Kind.DURATION, defaultValue, min.toNanos(), max.toNanos(), null, help));
        }

        /**
         * An option taking one of a fixed set of words.
         *
         * @param name the option's name without {@code --}
         * @param choices the allowed words, in the order help lists them
         * @param defaultValue one of {@code choices}, or null for "not given"
         * @param help one line for {@code --help}
         * @return this builder
         * @throws IllegalArgumentException if the name is taken, there are no choices or the default is not one
         */
        public Builder choiceOption(String name, List<String> choices, String defaultValue, String help) {
            Objects.requireNonNull(choices, "choices");
            // Checked here, not left to List.copyOf, whose NullPointerException names nothing.
            choices.forEach(choice -> Objects.requireNonNull(choice, "choices"));
            List<String> allowed = List.copyOf(choices);
            if (allowed.isEmpty()) {
                throw new IllegalArgumentException("choices must not be empty: []");
            }
            return add(new Option(name, Kind.CHOICE, defaultValue, 0, 0, allowed, help));
        }

        /**
         * An option with no value: present or not.
         *
         * @param name the option's name without {@code --}
         * @param help one line for {@code --help}
         * @return this builder
         * @throws IllegalArgumentException if the name is taken
         */
        public Builder flag(String name, String help) {
            return add(new Option(name, Kind.FLAG, Boolean.FALSE, 0, 0, null, help));
        }

        /** The finished command line. */
        public CommandLine build() {
            return new CommandLine(command, summary, new LinkedHashMap<>(options));
        }

        private Builder add(Option option) {
            if (option.name.equals("help") || options.containsKey(option.name)) {
                throw new IllegalArgumentException("name must be unique: " + option.name);
            }
            options.put(option.name, option);
            return this;
        }
    }

    private enum Kind {
        INT(Integer.class), LONG(Long.class), DURATION(Duration.class), CHOICE(String.class), FLAG(Boolean.class);

        /** The type of the value {@link Arguments} hands out for an option of this kind. */
        final Class<?> type;

        Kind(Class<?> type) {
            this.type = type;
        }
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)?");

    private static final class Option {
        final String name;
        final Kind kind;
        final Object defaultValue;
        final long min;
        final long max;
        final List<String> choices;
        final String help;

        Option(String name, Kind kind, Object defaultValue, long min, long max, List<String> choices, String help) {
            this.name = Objects.requireNonNull(name, "name");
            this.help = Objects.requireNonNull(help, "help");
            if (!name.matches("[a-z][a-z0-9-]*")) {
                throw new IllegalArgumentException("name must be lower-case words joined by '-': " + name);
            }
            if (min > max) {
                throw new IllegalArgumentException("min must not exceed max (" + max + "): " + min);
            }
            this.kind = kind;
            this.min = min;
            this.max = max;
            this.choices = choices;
            if (kind != Kind.CHOICE && defaultValue == null) {
                throw new NullPointerException("defaultValue");
            }
            if (defaultValue != null && kind != Kind.FLAG) {
                try {
                    convert(render(defaultValue)); // the default must itself be allowed
                } catch (UsageException e) {
                    // A wrong default is the programmer's mistake, not the user's: name the parameter.
                    throw new IllegalArgumentException("defaultValue of option '--" + name + "' must be "
                        + (kind == Kind.CHOICE ? "one of " : "") + allowed().replaceFirst(", e\\.g\\..*", "")
                        + ": " + render(defaultValue));
                }
            }
            this.defaultValue = defaultValue;
        }

        Object convert(String raw) {
            String text = raw.strip();
            switch (kind) {
                case INT, LONG -> {
                    long value;
                    try {
                        value = Long.parseLong(text.replace("_", "").replace(",", ""));
                    } catch (NumberFormatException e) {
                        throw invalid(raw);
                    }
                    if (value < min || value > max) {
                        throw invalid(raw);
                    }
                    return kind == Kind.INT ? (Object) (int) value : (Object) value;
                }
                case DURATION -> {
                    Duration value = parseDuration(text.toLowerCase(Locale.ROOT));
                    if (value == null || value.toNanos() < min || value.toNanos() > max) {
                        throw invalid(raw);
                    }
                    return value;
                }
                case CHOICE -> {
                    if (!choices.contains(text)) {
                        throw invalid(raw);
                    }
                    return text;
                }
                default -> throw new IllegalStateException(kind.name());
            }
        }

        private UsageException invalid(String raw) {
            return new UsageException("invalid value for option '--" + name + "': '" + raw + "' (allowed: "
                + allowed() + ")");
        }

        String allowed() {
            return switch (kind) {
                case INT, LONG -> "a whole number from " + min + " to " + max;
                case DURATION -> "a duration from " + render(Duration.ofNanos(min)) + " to "
                    + render(Duration.ofNanos(max)) + ", e.g. 1s, 250ms, 1.5s";
                case CHOICE -> String.join(", ", choices);
                case FLAG -> "no value";
            };
        }

        String usage() {
            return switch (kind) {
                case INT, LONG -> "--" + name + " N";
                case DURATION -> "--" + name + " TIME";
                case CHOICE -> "--" + name + " " + String.join("|", choices);
                case FLAG -> "--" + name;
            };
        }

        String describe() {
            String text = help;
            if (kind == Kind.INT || kind == Kind.LONG || kind == Kind.DURATION) {
                text += " (" + allowed().replaceFirst(", e\\.g\\..*", "") + ")";
            }
            if (kind != Kind.FLAG && defaultValue != null) {
                text += "; default " + render(defaultValue);
            }
            return text;
        }

        private static Duration parseDuration(String text) {
            Matcher matcher = DURATION.matcher(text);
            if (!matcher.matches()) {
                return null;
            }
            String unit = matcher.group(2) == null ? "s" : matcher.group(2);
            long nanosPerUnit = switch (unit) {
                case "ms" -> 1_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 1_000_000_000L;
            };
            // Exact decimal arithmetic in longs: BigDecimal would do, but its first use costs a cold JVM about
            // 9 ms, and every main parses its options before anything else.
            String number = matcher.group(1);
            int dot = number.indexOf('.');
            String fraction = dot < 0 ? "" : number.substring(dot + 1).replaceFirst("0+$", "");
            try {
                long nanos = Math.multiplyExact(Long.parseLong(dot < 0 ? number : number.substring(0, dot)),
                    nanosPerUnit);
                if (fraction.isEmpty()) {
                    return Duration.ofNanos(nanos);
                }
                if (fraction.length() > 18) {
                    return null; // finer than a nanosecond in every unit we read
                }
                long digits = Long.parseLong(fraction);
                long scale = 1;
                for (int i = 0; i < fraction.length(); i++) {
                    scale *= 10;
                }
                long common = gcd(nanosPerUnit, scale);
                long divisor = scale / common;
                if (digits % divisor != 0) {
                    return null; // a fraction of a nanosecond: not a duration we accept
                }
                return Duration.ofNanos(Math.addExact(nanos, Math.multiplyExact(digits / divisor,
                    nanosPerUnit / common)));
            } catch (ArithmeticException | NumberFormatException e) {
                return null; // beyond ~292 years: not a duration we accept
            }
        }

        private static long gcd(long a, long b) {
            return b == 0 ? a : gcd(b, a % b);
        }

        private static String render(Object value) {
            if (value instanceof Duration duration) {
                long millis = duration.toMillis();
                if (millis % 1000 != 0 || millis == 0) {
                    return millis + "ms";
                }
                return millis / 1000 + "s";
            }
            return String.valueOf(value);
        }
    }
}
