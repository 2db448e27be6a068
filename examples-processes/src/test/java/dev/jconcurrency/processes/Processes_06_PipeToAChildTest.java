package dev.jconcurrency.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jconcurrency.core.testing.Delays;
import dev.jconcurrency.processes.Processes_06_PipeToAChild.Naive;
import dev.jconcurrency.processes.Processes_06_PipeToAChild.Piped;
import dev.jconcurrency.processes.Processes_06_PipeToAChild.Result;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class Processes_06_PipeToAChildTest {

    /** 100,000 lines: 4,399,894 bytes, far more than two 64 KiB pipes hold. */
    private static final int LINES = 100_000;

    /**
     * Writing everything before reading anything stops for ever once the pipes are full. How far it gets depends
     * on buffer sizes, not on timing: a few hundred kilobytes of the 4.4 MB, never the whole.
     */
    @Test
    void writingAllTheInputBeforeReadingAnyOutputGetsStuckAfterAFewHundredKilobytes() throws Exception {
        Naive naive = Processes_06_PipeToAChild.naive(Processes_06_PipeToAChild.text(LINES), Delays.MEDIUM);

        assertThat(naive.stuck()).isTrue();
        assertThat(naive.inputBytes()).isEqualTo(4_399_894);
        assertThat(naive.writtenBytes()).isPositive().isLessThan(1 << 20);
        assertThat(naive.exitCode()).isEqualTo(137);
    }

    /** The same naive code is fine when everything fits in the pipes: the hang needs a big input. */
    @Test
    void aSmallInputFitsInThePipesSoTheNaiveWayFinishesWriting() throws Exception {
        String small = Processes_06_PipeToAChild.text(100);

        Naive naive = Processes_06_PipeToAChild.naive(small, Delays.MEDIUM);

        assertThat(naive.stuck()).isFalse();
        assertThat(naive.writtenBytes()).isEqualTo(small.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void writingAndReadingAtOnceMovesMegabytesBothWaysAndEveryLineIsCounted() throws Exception {
        Piped piped = Processes_06_PipeToAChild.piped(Processes_06_PipeToAChild.text(LINES));

        assertThat(piped.inputBytes()).isEqualTo(4_399_894);
        assertThat(piped.outputBytes()).isEqualTo(4_624_906);
        assertThat(piped.lines()).isEqualTo(LINES);
        assertThat(piped.total()).isEqualTo(649_984).isEqualTo(Processes_06_PipeToAChild.expectedWords(LINES));
        assertThat(piped.allLinesCorrect()).isTrue();
        assertThat(piped.pid()).isNotEqualTo(ProcessHandle.current().pid());
    }

    @Test
    void theGeneratedTextHoldsTheWordsTheFormulaSays() {
        String text = Processes_06_PipeToAChild.text(25);

        assertThat(text.lines().mapToLong(Processes_06_PipeToAChild::words).sum())
            .isEqualTo(Processes_06_PipeToAChild.expectedWords(25)).isEqualTo(13 * 12 / 2 * 2 + 1);
        assertThat(text.lines().findFirst()).contains("process");
        assertThat(Processes_06_PipeToAChild.words("  two  words ")).isEqualTo(2);
        assertThat(Processes_06_PipeToAChild.words("")).isZero();
    }

    @Test
    void runDoesBothWaysOnTheSameInput() throws Exception {
        Result result = Processes_06_PipeToAChild.run(20_000, Delays.MEDIUM);

        assertThat(result.naive().stuck()).isTrue();
        assertThat(result.piped().total()).isEqualTo(result.expectedWords());
        assertThat(result.piped().allLinesCorrect()).isTrue();
    }

    @Test
    void badArgumentsNameTheParameterAndTheValue() {
        assertThatThrownBy(() -> Processes_06_PipeToAChild.run(0, Duration.ofSeconds(1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("lines must be positive: 0");
        assertThatThrownBy(() -> Processes_06_PipeToAChild.naive(null, Duration.ofSeconds(1)))
            .isInstanceOf(NullPointerException.class).hasMessage("input");
        assertThatThrownBy(() -> Processes_06_PipeToAChild.naive("x", null))
            .isInstanceOf(NullPointerException.class).hasMessage("patience");
        assertThatThrownBy(() -> Processes_06_PipeToAChild.piped(null))
            .isInstanceOf(NullPointerException.class).hasMessage("input");
    }
}
