package dev.jconcurrency.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

/** Reading the open-file limit, and the one-line verdict on a planned number of concurrent requests. */
class FileDescriptorLimitTest {

    /** /proc/self/limits as Linux 6.x prints it, here with the common default of 1,024 (soft) / 4,096 (hard). */
    private static final String PROC_SELF_LIMITS = """
        Limit                     Soft Limit           Hard Limit           Units    \s
        Max cpu time              unlimited            unlimited            seconds  \s
        Max file size             unlimited            unlimited            bytes    \s
        Max data size             unlimited            unlimited            bytes    \s
        Max stack size            8388608              unlimited            bytes    \s
        Max core file size        0                    unlimited            bytes    \s
        Max resident set          unlimited            unlimited            bytes    \s
        Max processes             96364                96364                processes\s
        Max open files            1024                 4096                 files    \s
        Max locked memory         8388608              8388608              bytes    \s
        Max address space         unlimited            unlimited            bytes    \s
        Max file locks            unlimited            unlimited            locks    \s
        Max pending signals       96364                96364                signals  \s
        Max msgqueue size         819200               819200               bytes    \s
        Max nice priority         0                    0                   \s
        Max realtime priority     0                    0                   \s
        Max realtime timeout      unlimited            unlimited            us       \s
        """;

    @Test
    void theSoftMaxOpenFilesIsReadFromProcSelfLimits() {
        assertThat(FileDescriptorLimit.parseMaxOpenFiles(PROC_SELF_LIMITS)).isEqualTo(OptionalLong.of(1_024));
    }

    @Test
    void anUnlimitedMaxOpenFilesReadsAsLongMaxValue() {
        String unlimited = "Max open files            unlimited            unlimited            files\n";
        assertThat(FileDescriptorLimit.parseMaxOpenFiles(unlimited)).isEqualTo(OptionalLong.of(Long.MAX_VALUE));
    }

    @Test
    void aMissingOrUnreadableRowReadsAsUnknown() {
        assertThat(FileDescriptorLimit.parseMaxOpenFiles("Max processes 10 10 processes\n")).isEmpty();
        assertThat(FileDescriptorLimit.parseMaxOpenFiles("Max open files            lots     4096  files\n")).isEmpty();
        assertThat(FileDescriptorLimit.parseMaxOpenFiles("Max open files            -1       4096  files\n")).isEmpty();
        assertThat(FileDescriptorLimit.parseMaxOpenFiles("")).isEmpty();
    }

    @Test
    void requestsThatFitAreSaidToFitWithTheRoomLeft() {
        FileDescriptorLimit.Check check =
            FileDescriptorLimit.check(9_000, OptionalLong.of(20_000), OptionalLong.of(50));
        assertThat(check).isEqualTo(new FileDescriptorLimit.Check(true, "9,000 concurrent requests fit: they need"
            + " 18,000 file descriptors (2 per request: the client's and the server's socket in one JVM) and"
            + " 19,950 of the open-file limit of 20,000 are free"));
    }

    @Test
    void requestsThatDoNotFitAreSaidNotToFitWithTheMostThatWould() {
        FileDescriptorLimit.Check check = FileDescriptorLimit.check(1_000, OptionalLong.of(1_024), OptionalLong.of(50));
        assertThat(check).isEqualTo(new FileDescriptorLimit.Check(false, "1,000 concurrent requests do not fit: they"
            + " need 2,000 file descriptors (2 per request: the client's and the server's socket in one JVM) but"
            + " only 974 of the open-file limit of 1,024 are free; plan at most 487 or raise the limit (ulimit -n)"));
    }

    @Test
    void exactlyTheFreeDescriptorsFitAndOneRequestMoreDoesNot() {
        assertThat(FileDescriptorLimit.check(487, OptionalLong.of(1_024), OptionalLong.of(50)).fits()).isTrue();
        assertThat(FileDescriptorLimit.check(488, OptionalLong.of(1_024), OptionalLong.of(50)).fits()).isFalse();
    }

    @Test
    void withoutACountOfOpenDescriptorsTheWholeLimitCounts() {
        assertThat(FileDescriptorLimit.check(600, OptionalLong.of(1_024), OptionalLong.empty()))
            .isEqualTo(new FileDescriptorLimit.Check(false, "600 concurrent requests do not fit: they need 1,200"
                + " file descriptors (2 per request: the client's and the server's socket in one JVM) but the"
                + " open-file limit is 1,024; plan at most 512 or raise the limit (ulimit -n)"));
    }

    @Test
    void anUnknownLimitIsSaidToBeUncheckedAndLetsTheRequestsGo() {
        assertThat(FileDescriptorLimit.check(5, OptionalLong.empty(), OptionalLong.of(50)))
            .isEqualTo(new FileDescriptorLimit.Check(true, "5 concurrent requests were not checked: they need 10"
                + " file descriptors (2 per request: the client's and the server's socket in one JVM) and the"
                + " open-file limit of this system could not be read"));
    }

    @Test
    void anUnlimitedLimitFitsAnything() {
        assertThat(FileDescriptorLimit.check(Integer.MAX_VALUE, OptionalLong.of(Long.MAX_VALUE), OptionalLong.of(50)))
            .isEqualTo(new FileDescriptorLimit.Check(true, "2,147,483,647 concurrent requests fit: they need"
                + " 4,294,967,294 file descriptors (2 per request: the client's and the server's socket in one JVM)"
                + " and the open-file limit is unlimited"));
    }

    @Test
    void onLinuxThisProcesssLimitIsTheOneInProcSelfLimits() throws Exception {
        Path limits = Path.of("/proc/self/limits");
        assumeTrue(Files.isReadable(limits), "Linux /proc/self/limits");
        assertThat(FileDescriptorLimit.openFileLimit())
            .isEqualTo(FileDescriptorLimit.parseMaxOpenFiles(Files.readString(limits)));
    }

    @Test
    void thisProcessFitsNoRequestsAndNotTwoBillion() {
        OptionalLong limit = FileDescriptorLimit.openFileLimit();
        assumeTrue(limit.isPresent() && limit.getAsLong() != Long.MAX_VALUE, "a readable, finite open-file limit");
        assertThat(FileDescriptorLimit.check(0).fits()).isTrue();
        FileDescriptorLimit.Check tooMany = FileDescriptorLimit.check(Integer.MAX_VALUE);
        assertThat(tooMany.fits()).isFalse();
        assertThat(tooMany.explanation()).startsWith("2,147,483,647 concurrent requests do not fit: they need"
            + " 4,294,967,294 file descriptors");
    }
}
