package dev.jconcurrency.docs.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import dev.jconcurrency.core.testing.Delays;
import dev.jconcurrency.core.timing.Stopwatch;
import dev.jconcurrency.core.workload.Workloads;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running a script: its JSON line, or "not measured" with the reason; never a process left behind. The runner
 * is exercised with {@code /bin/sh} standing in for the interpreter (deterministic, no Python needed), then
 * with the real scripts when {@code python3} is on the PATH.
 */
class PythonTest {

    private static final Path SH = Path.of("/bin/sh");

    @TempDir
    Path scripts;

    @Test
    void theScriptsLastJsonLineIsItsMeasurement() throws Exception {
        script("ok.sh", "echo 'warming up'\necho '{\"x\": 1}'\necho '{\"script\": \"ok\", \"seconds\": [0.5, 2]}'\n");

        Python.Outcome outcome = python(Delays.LONG).run("ok.sh", List.of());

        assertThat(outcome).isEqualTo(new Python.Measured(Map.of("script", "ok",
            "seconds", List.of(new BigDecimal("0.5"), new BigDecimal("2")))));
    }

    @Test
    void aFailingScriptIsNotMeasuredWithItsExitCodeAndLastErrorLine() throws Exception {
        script("fail.sh", "echo '{\"a\": 1}'\necho first >&2\necho boom >&2\nexit 3\n");

        assertThat(python(Delays.LONG).run("fail.sh", List.of()))
            .isEqualTo(new Python.NotMeasured("fail.sh failed with exit code 3: boom"));
    }

    @Test
    void aScriptWithoutAJsonLineOrWithBadJsonIsNotMeasured() throws Exception {
        script("quiet.sh", "echo hello\n");
        script("bad.sh", "echo '{\"a\": yes}'\n");

        assertThat(python(Delays.LONG).run("quiet.sh", List.of()))
            .isEqualTo(new Python.NotMeasured("quiet.sh printed no JSON line"));
        assertThat(python(Delays.LONG).run("bad.sh", List.of()))
            .isEqualTo(new Python.NotMeasured("bad.sh printed bad JSON: line must be a flat JSON object: a string, "
                + "a number or an array of numbers expected at column 7 of {\"a\": yes}"));
    }

    @Test
    void aMissingScriptOrInterpreterIsNotMeasured() throws Exception {
        assertThat(python(Delays.LONG).run("absent.py", List.of()))
            .isEqualTo(new Python.NotMeasured("script " + scripts.resolve("absent.py") + " not found"));
        script("ok.sh", "exit 0\n");
        Path missing = scripts.resolve("no-such-python3");
        assertThat(new Python(missing, scripts, Delays.LONG).run("ok.sh", List.of()))
            .isInstanceOfSatisfying(Python.NotMeasured.class,
                n -> assertThat(n.reason()).startsWith("cannot start " + missing + ": "));
    }

    @Test
    void aScriptThatOutrunsTheTimeoutIsKilledAndReapedAndNotMeasured() throws Exception {
        script("hang.sh", "exec sleep 60\n");
        Stopwatch watch = Stopwatch.start();

        Python.Outcome outcome = python(Delays.SMALL).run("hang.sh", List.of());

        assertThat(outcome).isEqualTo(new Python.NotMeasured("hang.sh timed out after "
            + Format.seconds(Delays.SMALL) + " and was killed"));
        assertThat(watch.elapsed()).isGreaterThanOrEqualTo(Delays.SMALL).isLessThan(Delays.LONG);
        assertThat(ProcessHandle.current().descendants().toList()).isEmpty();
    }

    @Test
    void anInterruptKillsTheScriptAndWhatItStartedThenPropagates() throws Exception {
        Path pids = scripts.resolve("pids");
        // A child of the script (as a process pool's workers are) and the script itself, both written down.
        script("tree.sh", "sleep 60 &\necho \"$$ $!\" > \"$1.tmp\"\nmv \"$1.tmp\" \"$1\"\nwait\n");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread runner = Thread.ofPlatform().name("python-test-runner").start(() -> {
            try {
                python(Delays.LONGER).run("tree.sh", List.of(pids.toString()));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        await().atMost(Delays.LONG).pollInterval(Duration.ofMillis(20)).pollInSameThread()
            .until(() -> Files.exists(pids));
        List<Long> started = Arrays.stream(Files.readString(pids).strip().split(" "))
            .map(Long::parseLong).toList();

        runner.interrupt();
        runner.join(Delays.LONG);

        assertThat(runner.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(started).hasSize(2);
        // Killed means gone or a zombie: the orphaned child is reaped by init, on init's schedule, not ours.
        await().atMost(Delays.LONG).pollInterval(Duration.ofMillis(20)).pollInSameThread()
            .until(() -> started.stream().allMatch(PythonTest::deadOrZombie));
        assertThat(ProcessHandle.current().descendants().toList()).isEmpty();
    }

    @Test
    void findsAnExecutablePython3OnThePathAndSkipsOneThatIsNot(@TempDir Path dirs) throws IOException {
        Path plain = Files.createDirectories(dirs.resolve("plain"));
        Path bin = Files.createDirectories(dirs.resolve("bin"));
        Files.writeString(plain.resolve("python3"), "not executable");
        Path python3 = Files.writeString(bin.resolve("python3"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(python3, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThat(Python.onPath(plain + File.pathSeparator + File.pathSeparator + bin))
            .contains(python3);
        assertThat(Python.onPath(plain.toString())).isEmpty();
        assertThat(Python.onPath(null)).isEmpty();
        assertThat(Python.onPath("")).isEmpty();
    }

    @Test
    @Tag("slow") // three Python start-ups and a process pool: about a second idle, more under load
    void theRealScriptsPrintWhatThePageReads() throws Exception {
        Optional<Path> python3 = Python.onPath(System.getenv("PATH"));
        assumeThat(python3).as("python3 on the PATH").isPresent();
        Path real = ResultsPage.findRoot(Path.of("")).orElseThrow().resolve("docs").resolve("python");
        Python python = new Python(python3.get(), real, Delays.LONGER);

        Python.Measured threads = (Python.Measured) python.run("threads_cpu.py",
            List.of("--size", "100000", "--workers", "1,2", "--runs", "1"));
        Python.Measured pool = (Python.Measured) python.run("process_pool.py", List.of("--tasks", "20", "--workers", "2"));
        Python.Measured waits = (Python.Measured) python.run("asyncio_waits.py",
            List.of("--waits", "100", "--duration", "0.05"));

        assertThat(threads.text("answer")).isEqualTo(Workloads.sumOfSquaresClosedForm(100_000).toString())
            .isEqualTo("333328333350000");
        assertThat(threads.numbers("workers")).containsExactly(BigDecimal.ONE, BigDecimal.TWO);
        assertThat(threads.numbers("median_seconds")).hasSize(2);
        assertThat(pool.number("tasks")).isEqualTo(20);
        assertThat(pool.number("per_task_microseconds"))
            .isCloseTo(pool.number("seconds") / 20 * 1e6, within(1e-6));
        assertThat(waits.number("waits")).isEqualTo(100);
        // Every coroutine sleeps 0.05 s, so the whole gather cannot finish sooner.
        assertThat(waits.number("seconds")).isGreaterThanOrEqualTo(0.05);
        assertThat(waits.number("peak_rss_kib")).isGreaterThan(1024);
        assertThat(List.of(threads, pool, waits)).allSatisfy(m -> assertThat(m.text("python")).startsWith("3."));
    }

    private static boolean deadOrZombie(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                return stat.substring(stat.lastIndexOf(')') + 1).strip().startsWith("Z");
            } catch (IOException e) {
                return true; // the process went away between the two looks
            }
        }
        return true;
    }

    private Python python(Duration timeout) {
        return new Python(SH, scripts, timeout);
    }

    private void script(String name, String body) throws IOException {
        Files.writeString(scripts.resolve(name), body);
    }
}
