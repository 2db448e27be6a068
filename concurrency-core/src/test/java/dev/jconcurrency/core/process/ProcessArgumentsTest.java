package dev.jconcurrency.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.reflect.Executable;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every public parameter of the package, given a bad value, fails at once naming the parameter (TESTING.md R7):
 * null gives an NPE whose message is the parameter's name, an out-of-range value an IAE naming parameter and value.
 * A reflection test checks that no public parameter lacks a row.
 */
class ProcessArgumentsTest {

    private static final Duration ZERO = Duration.ZERO;
    private static final Duration NEGATIVE = Duration.ofSeconds(-1);

    /** No worker is ever started by these rows: every bad argument is refused before anything is queued. */
    private static ProcessPool pool;
    private static ChildJvm.Running running;

    @BeforeAll
    static void openOne() throws Exception {
        pool = ProcessPool.create(1);
        running = ChildJvm.of(ChildMains.CountStdin.class).start();
    }

    @AfterAll
    static void closeIt() throws Exception {
        pool.close();
        running.get();
    }

    record Row(String method, int parameter, String value, ThrowingCallable call, Class<? extends Throwable> type,
               String message) {
        @Override
        public String toString() {
            return method + " #" + parameter + " = " + value;
        }
    }

    private static Row npe(String method, int parameter, String name, ThrowingCallable call) {
        return new Row(method, parameter, "null", call, NullPointerException.class, name);
    }

    private static Row iae(String method, int parameter, String value, String message, ThrowingCallable call) {
        return new Row(method, parameter, value, call, IllegalArgumentException.class, message);
    }

    static Stream<Row> rows() {
        SerializableCallable<Integer> callable = () -> 1;
        List<SerializableCallable<Integer>> tasks = List.of(callable);
        List<SerializableCallable<Integer>> withNull = Arrays.asList(callable, null);
        ChildJvm child = ChildJvm.of("some.Main");
        return Stream.of(
            npe("ChildJvm.of(Class)", 0, "mainClass", () -> ChildJvm.of((Class<?>) null)),
            npe("ChildJvm.of(String)", 0, "mainClassName", () -> ChildJvm.of((String) null)),
            iae("ChildJvm.of(String)", 0, "\" \"", "mainClassName must not be blank: ' '", () -> ChildJvm.of(" ")),
            npe("ChildJvm.withArgs(String[])", 0, "args", () -> child.withArgs((String[]) null)),
            npe("ChildJvm.withArgs(String[])", 0, "args[1]", () -> child.withArgs("a", null)),
            npe("ChildJvm.withJvmFlags(String[])", 0, "flags", () -> child.withJvmFlags((String[]) null)),
            npe("ChildJvm.withJvmFlags(String[])", 0, "flags[0]", () -> child.withJvmFlags((String) null)),
            npe("ChildJvm.withStdin(String)", 0, "input", () -> child.withStdin(null)),
            npe("ChildJvm.withTimeout(Duration)", 0, "timeout", () -> child.withTimeout(null)),
            iae("ChildJvm.withTimeout(Duration)", 0, "0", "timeout must be positive: PT0S",
                () -> child.withTimeout(ZERO)),
            iae("ChildJvm.withTimeout(Duration)", 0, "-1 s", "timeout must be positive: PT-1S",
                () -> child.withTimeout(NEGATIVE)),
            npe("ChildJvm.withThreadFactory(ThreadFactory)", 0, "threadFactory", () -> child.withThreadFactory(null)),
            npe("Running.get(long,TimeUnit)", 1, "unit", () -> running.get(1, null)),
            npe("Result.<init>(int,String,String,long,Duration)", 1, "stdout",
                () -> new ChildJvm.Result(0, null, "", 1, ZERO)),
            npe("Result.<init>(int,String,String,long,Duration)", 2, "stderr",
                () -> new ChildJvm.Result(0, "", null, 1, ZERO)),
            npe("Result.<init>(int,String,String,long,Duration)", 4, "duration",
                () -> new ChildJvm.Result(0, "", "", 1, null)),

            iae("ProcessPool.create(int)", 0, "0", "workers must be positive: 0", () -> ProcessPool.create(0)),
            iae("ProcessPool.create(int)", 0, "-1", "workers must be positive: -1", () -> ProcessPool.create(-1)),
            iae("Builder.workers(int)", 0, "0", "workers must be positive: 0", () -> ProcessPool.builder().workers(0)),
            iae("Builder.workers(int)", 0, "-2", "workers must be positive: -2",
                () -> ProcessPool.builder().workers(-2)),
            npe("Builder.jvmFlags(String[])", 0, "flags", () -> ProcessPool.builder().jvmFlags((String[]) null)),
            npe("Builder.jvmFlags(String[])", 0, "flags[0]", () -> ProcessPool.builder().jvmFlags((String) null)),
            npe("Builder.initializer(SerializableRunnable)", 0, "initializer",
                () -> ProcessPool.builder().initializer(null)),
            iae("Builder.maxTasksPerWorker(int)", 0, "0", "maxTasksPerWorker must be positive: 0",
                () -> ProcessPool.builder().maxTasksPerWorker(0)),
            iae("Builder.maxTasksPerWorker(int)", 0, "-1", "maxTasksPerWorker must be positive: -1",
                () -> ProcessPool.builder().maxTasksPerWorker(-1)),
            npe("Builder.taskTimeout(Duration)", 0, "taskTimeout", () -> ProcessPool.builder().taskTimeout(null)),
            iae("Builder.taskTimeout(Duration)", 0, "0", "taskTimeout must be positive: PT0S",
                () -> ProcessPool.builder().taskTimeout(ZERO)),
            iae("Builder.taskTimeout(Duration)", 0, "-1 s", "taskTimeout must be positive: PT-1S",
                () -> ProcessPool.builder().taskTimeout(NEGATIVE)),
            npe("Builder.threadFactory(ThreadFactory)", 0, "threadFactory",
                () -> ProcessPool.builder().threadFactory(null)),

            npe("ProcessPool.submit(SerializableCallable)", 0, "task",
                () -> pool.submit((SerializableCallable<Integer>) null)),
            npe("ProcessPool.submit(Callable)", 0, "task", () -> pool.submit((Callable<Integer>) null)),
            npe("ProcessPool.submit(SerializableRunnable)", 0, "task",
                () -> pool.submit((SerializableRunnable) null)),
            npe("ProcessPool.submit(Runnable)", 0, "task", () -> pool.submit((Runnable) null)),
            npe("ProcessPool.submit(SerializableRunnable,Object)", 0, "task",
                () -> pool.submit((SerializableRunnable) null, 1)),
            npe("ProcessPool.submit(Runnable,Object)", 0, "task", () -> pool.submit((Runnable) null, 1)),
            npe("ProcessPool.execute(SerializableRunnable)", 0, "command",
                () -> pool.execute((SerializableRunnable) null)),
            npe("ProcessPool.execute(Runnable)", 0, "command", () -> pool.execute((Runnable) null)),
            npe("ProcessPool.map(SerializableFunction,Collection,int)", 0, "fn",
                () -> pool.map(null, List.of(1), 1)),
            npe("ProcessPool.map(SerializableFunction,Collection,int)", 1, "inputs",
                () -> pool.map(i -> i, null, 1)),
            iae("ProcessPool.map(SerializableFunction,Collection,int)", 2, "0", "chunkSize must be positive: 0",
                () -> pool.map(i -> i, List.of(1), 0)),
            iae("ProcessPool.map(SerializableFunction,Collection,int)", 2, "-5", "chunkSize must be positive: -5",
                () -> pool.map(i -> i, List.of(1), -5)),
            npe("ProcessPool.invokeAll(Collection)", 0, "tasks", () -> pool.invokeAll(null)),
            npe("ProcessPool.invokeAll(Collection)", 0, "tasks[1]", () -> pool.invokeAll(withNull)),
            npe("ProcessPool.invokeAll(Collection,long,TimeUnit)", 0, "tasks",
                () -> pool.invokeAll(null, 1, TimeUnit.SECONDS)),
            npe("ProcessPool.invokeAll(Collection,long,TimeUnit)", 2, "unit", () -> pool.invokeAll(tasks, 1, null)),
            npe("ProcessPool.invokeAny(Collection)", 0, "tasks", () -> pool.invokeAny(null)),
            iae("ProcessPool.invokeAny(Collection)", 0, "[]", "tasks must not be empty",
                () -> pool.invokeAny(List.<SerializableCallable<Integer>>of())),
            npe("ProcessPool.invokeAny(Collection)", 0, "tasks[1]", () -> pool.invokeAny(withNull)),
            npe("ProcessPool.invokeAny(Collection,long,TimeUnit)", 0, "tasks",
                () -> pool.invokeAny(null, 1, TimeUnit.SECONDS)),
            npe("ProcessPool.invokeAny(Collection,long,TimeUnit)", 2, "unit", () -> pool.invokeAny(tasks, 1, null)),
            npe("ProcessPool.awaitTermination(long,TimeUnit)", 1, "unit", () -> pool.awaitTermination(1, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void aBadArgumentFailsAtOnceNamingTheParameter(Row row) {
        Throwable thrown = catchThrowable(row.call());

        assertThat(thrown).as(row.toString()).isInstanceOf(row.type()).hasMessage(row.message());
        assertThat(pool.workersStarted()).as("no worker started by a refused call").isZero();
    }

    /**
     * Parameters where every value is legal: flags, results handed back as they are, and the JDK's own convention
     * that a timeout of zero or less in an {@code ExecutorService} method means "do not wait".
     */
    private static final Set<String> NO_BAD_VALUE = Set.of(
        "Running.cancel(boolean) #0",
        "Running.get(long,TimeUnit) #0",
        "Builder.prestart(boolean) #0",
        "ProcessPool.submit(SerializableRunnable,Object) #1",
        "ProcessPool.submit(Runnable,Object) #1",
        "ProcessPool.invokeAll(Collection,long,TimeUnit) #1",
        "ProcessPool.invokeAny(Collection,long,TimeUnit) #1",
        "ProcessPool.awaitTermination(long,TimeUnit) #0",
        "Result.<init>(int,String,String,long,Duration) #0",
        "Result.<init>(int,String,String,long,Duration) #3");

    @Test
    void everyPublicParameterOfThePackageHasABadArgumentRow() {
        Set<String> covered = rows().map(r -> r.method() + " #" + r.parameter()).collect(Collectors.toSet());
        Set<String> parameters = new TreeSet<>();
        for (Class<?> type : publicTypes()) {
            List<Executable> executables = new ArrayList<>(Arrays.asList(type.getDeclaredMethods()));
            executables.addAll(Arrays.asList(type.getDeclaredConstructors()));
            for (Executable executable : executables) {
                if (!Modifier.isPublic(executable.getModifiers()) || executable.isSynthetic()
                    || isObjectOrFutureBoilerplate(executable)) {
                    continue;
                }
                for (int i = 0; i < executable.getParameterCount(); i++) {
                    parameters.add(signature(type, executable) + " #" + i);
                }
            }
        }
        Set<String> missing = new LinkedHashSet<>(parameters);
        missing.removeAll(covered);
        missing.removeAll(NO_BAD_VALUE);

        System.out.println("bad-argument rows: " + rows().count() + ", public parameters: " + parameters.size());
        assertThat(missing).as("public parameters without a bad-argument row").isEmpty();
        assertThat(covered).as("rows naming a method that does not exist").isSubsetOf(parameters);
    }

    private static List<Class<?>> publicTypes() {
        return List.of(ChildJvm.class, ChildJvm.Result.class, ChildJvm.Running.class, ChildJvmException.class,
            ProcessPool.class, ProcessPool.Builder.class, RemoteTaskException.class, SerializableCallable.class,
            SerializableFunction.class, SerializableRunnable.class);
    }

    /** Future's own timed get is covered through Running's override; equals and friends take anything. */
    private static boolean isObjectOrFutureBoilerplate(Executable executable) {
        return Set.of("equals", "hashCode", "toString").contains(executable.getName());
    }

    private static String signature(Class<?> type, Executable executable) {
        String name = executable instanceof java.lang.reflect.Constructor<?> ? "<init>" : executable.getName();
        return type.getSimpleName() + "." + name + "(" + Arrays.stream(executable.getParameterTypes())
            .map(Class::getSimpleName).collect(Collectors.joining(",")) + ")";
    }
}
