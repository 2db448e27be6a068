package dev.jconcurrency.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.jconcurrency.core.cli.CommandLine;
import dev.jconcurrency.core.report.Report;
import dev.jconcurrency.core.testing.ArgumentRow;
import dev.jconcurrency.core.testing.ArgumentRows;
import dev.jconcurrency.core.timing.Speedup;
import dev.jconcurrency.core.workload.Workloads;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TESTING.md R7 at 100%: every parameter of every public constructor and method of concurrency-core has a
 * bad-input row, and every row names a parameter that exists.
 *
 * <p>The public API is read from core's compiled main classes (whatever packages exist there: a package that
 * has not landed yet is simply absent, one that has landed is held to the rule at once). The rows are
 * collected from every test class that implements {@link ArgumentRows}, found by scanning core's compiled
 * test classes, so each package keeps its rows in its own test class and no central list needs editing.
 *
 * <p>A reference parameter needs a null row ({@code rejectsNull} or, where null is documented as allowed,
 * {@code acceptsNull}); a primitive one needs a value row ({@code rejects} with an out-of-range value, or
 * {@code acceptsAnyValue} where every value is valid). Not counted: abstract methods (their implementations
 * are the caller's code), {@code equals(Object)} (null must give false) and an enum's implicit
 * {@code valueOf(String)}.
 */
class ArgumentCoverageTest {

    private static final String CORE_PACKAGE = "dev.jconcurrency.core";

    private static List<Class<?>> publicClasses;
    private static Map<String, String> requiredParameters;
    private static List<ArgumentRow> rows;
    private static List<Class<?>> rowClasses;

    @BeforeAll
    static void scan() throws Exception {
        publicClasses = classesUnder(rootOf(Workloads.class)).stream()
            .filter(ArgumentCoverageTest::isPublicApi)
            .toList();
        requiredParameters = new TreeMap<>();
        for (Class<?> type : publicClasses) {
            for (Executable member : publicMembers(type)) {
                Class<?>[] types = member.getParameterTypes();
                for (int index = 0; index < types.length; index++) {
                    requiredParameters.put(ArgumentRow.key(member, index), describe(member, index));
                }
            }
        }
        rowClasses = classesUnder(rootOf(ArgumentCoverageTest.class)).stream()
            .filter(type -> ArgumentRows.class.isAssignableFrom(type))
            .filter(type -> !type.isInterface() && !Modifier.isAbstract(type.getModifiers()))
            .toList();
        rows = new ArrayList<>();
        for (Class<?> type : rowClasses) {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true); // JUnit test classes are package-private, as is their constructor
            rows.addAll(((ArgumentRows) constructor.newInstance()).argumentRows());
        }
    }

    @Test
    void theScanFindsTheCorePublicApiAndTheRowClasses() {
        // Guards against a scan that silently finds nothing and so passes everything.
        assertThat(publicClasses).contains(Workloads.class, Speedup.class, Report.class, CommandLine.class,
            CommandLine.Builder.class);
        assertThat(publicClasses).allSatisfy(type -> assertThat(type.getName()).startsWith(CORE_PACKAGE + "."));
        assertThat(rowClasses).extracting(Class::getSimpleName)
            .contains("WorkloadArgumentsTest", "TimingArgumentsTest", "ReportArgumentsTest", "CliArgumentsTest");
    }

    @Test
    void everyPublicParameterOfCoreHasAnArgumentRow() {
        List<String> missing = new ArrayList<>();
        requiredParameters.forEach((key, description) -> {
            boolean reference = description.startsWith("reference");
            boolean covered = rows.stream()
                .anyMatch(row -> row.key().equals(key) && row.kind().coversNull() == reference);
            if (!covered) {
                missing.add(description.substring(description.indexOf(' ') + 1)
                    + (reference ? ": needs a null row (rejectsNull, or acceptsNull if null is documented as allowed)"
                        : ": needs a value row (rejects with an out-of-range value, or acceptsAnyValue)"));
            }
        });
        long members = requiredParameters.keySet().stream().map(k -> k.substring(0, k.lastIndexOf('#'))).distinct()
            .count();
        String summary = "R7: " + rows.size() + " argument rows in " + rowClasses.size() + " classes cover "
            + (requiredParameters.size() - missing.size()) + " of " + requiredParameters.size()
            + " parameters of " + members + " public constructors and methods in " + publicClasses.size()
            + " public classes";
        // The count goes to the test's output (target/surefire-reports/*-output.txt), as R7 asks.
        System.out.println(summary);
        assertThat(missing).as(summary + "; parameters with no row:\n  " + String.join("\n  ", missing)).isEmpty();
    }

    @Test
    void everyRowNamesAnExistingPublicParameterOfTheRightKind() {
        List<String> stale = new ArrayList<>();
        for (ArgumentRow row : rows) {
            String description = requiredParameters.get(row.key());
            if (description == null) {
                stale.add(row + ": no public constructor or method " + row.owner().getName() + "."
                    + row.signature() + " with a parameter #" + row.index() + " (renamed, removed or a typo?)");
            } else if (row.kind() != ArgumentRow.Kind.VALUE_REJECTED
                && row.kind().coversNull() != description.startsWith("reference")) {
                stale.add(row + ": a " + row.kind() + " row does not fit a " + description);
            }
        }
        assertThat(stale).as("rows that name no existing parameter:\n  " + String.join("\n  ", stale)).isEmpty();
    }

    /* The scan. */

    private static boolean isPublicApi(Class<?> type) {
        if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()
            || !Modifier.isPublic(type.getModifiers())) {
            return false;
        }
        // A public class nested in a package-private one is not reachable from outside: not API.
        return type.getEnclosingClass() == null || isPublicApi(type.getEnclosingClass());
    }

    private static List<Executable> publicMembers(Class<?> type) {
        List<Executable> members = new ArrayList<>();
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (isVisible(constructor.getModifiers()) && !constructor.isSynthetic()) {
                members.add(constructor);
            }
        }
        for (Method method : type.getDeclaredMethods()) {
            if (isVisible(method.getModifiers()) && !method.isSynthetic() && !method.isBridge()
                && !Modifier.isAbstract(method.getModifiers()) && !isExempt(type, method)) {
                members.add(method);
            }
        }
        members.sort(Comparator.comparing(ArgumentRow::signatureOf));
        return members;
    }

    private static boolean isVisible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static boolean isExempt(Class<?> type, Method method) {
        String signature = ArgumentRow.signatureOf(method);
        return signature.equals("equals(Object)")
            || (type.isEnum() && Modifier.isStatic(method.getModifiers()) && signature.equals("valueOf(String)"));
    }

    private static String describe(Executable member, int index) {
        Class<?> parameterType = member.getParameterTypes()[index];
        return (parameterType.isPrimitive() ? "primitive " : "reference ")
            + member.getDeclaringClass().getName() + "." + ArgumentRow.signatureOf(member) + " #" + index + " ("
            + parameterType.getSimpleName() + ")";
    }

    private static Path rootOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** Every class under {@code dev/jconcurrency/core} in a classes directory or a jar, loaded uninitialised. */
    private static List<Class<?>> classesUnder(Path root) throws IOException, ClassNotFoundException {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(root)) {
            names.addAll(classNames(root));
        } else {
            try (FileSystem jar = FileSystems.newFileSystem(root)) {
                names.addAll(classNames(jar.getPath("/")));
            }
        }
        ClassLoader loader = ArgumentCoverageTest.class.getClassLoader();
        List<Class<?>> classes = new ArrayList<>();
        for (String name : names) {
            classes.add(Class.forName(name, false, loader));
        }
        return classes;
    }

    private static List<String> classNames(Path root) throws IOException {
        Path base = root.resolve(CORE_PACKAGE.replace('.', '/'));
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(base)) {
            return files.map(file -> root.relativize(file).toString().replace('\\', '/'))
                .filter(name -> name.endsWith(".class") && !name.endsWith("package-info.class"))
                .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                .sorted()
                .toList();
        }
    }
}
