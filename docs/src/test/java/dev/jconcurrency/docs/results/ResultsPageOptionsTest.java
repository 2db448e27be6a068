package dev.jconcurrency.docs.results;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: help, one-line errors with exit 2, and where the page goes. Nothing is measured here. */
class ResultsPageOptionsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path temp;

    @Test
    void helpListsEveryOptionAndMeasuresNothing() throws Exception {
        int code = run(temp, "--out", temp.toString(), "--help");

        assertThat(code).isZero();
        assertThat(out.toString(UTF_8)).startsWith("Usage: results [options]")
            .contains("--quick", "--no-python", "--out DIR", "--help");
        assertThat(err.toString(UTF_8)).isEmpty();
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void anUnknownOptionIsOneLineNamingTheAllowedOnesAndExitCode2() throws Exception {
        int code = run(temp, "--out", temp.toString(), "--fast");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(UTF_8)).isEqualTo("results: unknown option '--fast': allowed options are --quick, "
            + "--no-python, --help (see --help)" + System.lineSeparator());
        assertThat(out.toString(UTF_8)).isEmpty();
    }

    @Test
    void outWithoutADirectoryIsOneLineAndExitCode2() throws Exception {
        int code = run(temp, "--quick", "--out");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(UTF_8))
            .isEqualTo("results: option '--out' needs a value: a directory (see --help)" + System.lineSeparator());
    }

    @Test
    void outsideACheckoutWithoutOutItSaysWhereToRunIt() throws Exception {
        int code = run(temp, "--quick");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(UTF_8)).isEqualTo("results: no jconcurrency checkout at or above " + temp
            + ": run inside one, or give --out DIR (see --help)" + System.lineSeparator());
    }

    @Test
    void theRootIsTheNearestDirectoryUpwardsWhosePomListsTheDocsModule() throws IOException {
        Path root = Files.createDirectories(temp.resolve("checkout"));
        Files.writeString(root.resolve("pom.xml"), "<modules>\n  <module>docs</module>\n</modules>\n");
        Path docs = Files.createDirectories(root.resolve("docs").resolve("src"));
        Files.writeString(root.resolve("docs").resolve("pom.xml"), "<artifactId>docs</artifactId>");

        assertThat(ResultsPage.findRoot(docs)).contains(root);
        assertThat(ResultsPage.findRoot(root)).contains(root);
        assertThat(ResultsPage.findRoot(temp)).isEmpty();
    }

    @Test
    void thisModuleRunsInsideTheCheckoutWhoseDocsHoldThePythonScripts() {
        Path root = ResultsPage.findRoot(Path.of("")).orElseThrow();

        assertThat(root.resolve("docs").resolve("python"))
            .isDirectoryContaining("glob:**/threads_cpu.py")
            .isDirectoryContaining("glob:**/process_pool.py")
            .isDirectoryContaining("glob:**/asyncio_waits.py");
    }

    @Test
    void nullArgumentsAreNamed() {
        PrintStream stream = new PrintStream(out, true, UTF_8);
        assertThatNullPointerException().isThrownBy(() -> ResultsPage.run(null, stream, stream)).withMessage("args");
        assertThatNullPointerException().isThrownBy(() -> ResultsPage.run(new String[0], null, stream))
            .withMessage("out");
        assertThatNullPointerException().isThrownBy(() -> ResultsPage.run(new String[0], stream, null))
            .withMessage("err");
    }

    private int run(Path workingDir, String... args) throws Exception {
        return ResultsPage.run(args, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8),
            Optional.empty(), workingDir);
    }
}
