package dev.jconcurrency.core.workload;

import static dev.jconcurrency.core.testing.ArgumentRow.member;

import java.time.Duration;
import java.util.List;

import dev.jconcurrency.core.testing.ArgumentRow;
import dev.jconcurrency.core.testing.ArgumentRows;
import dev.jconcurrency.core.workload.TaskSpec.Kind;

/** Bad input to the workloads is refused at once, naming the parameter and the value (TESTING.md R7). */
class WorkloadArgumentsTest implements ArgumentRows {

    @Override
    public List<ArgumentRow> argumentRows() {
        ArgumentRow.Member sum = member(Workloads.class, "sumOfSquares(long)");
        ArgumentRow.Member chunk = member(Workloads.class, "sumOfSquares(long, long)");
        ArgumentRow.Member closedForm = member(Workloads.class, "sumOfSquaresClosedForm(long)");
        ArgumentRow.Member naive = member(Workloads.class, "naiveLongSumOfSquares(long)");
        ArgumentRow.Member primes = member(Workloads.class, "countPrimesBelow(int)");
        ArgumentRow.Member spin = member(Workloads.class, "spin(Duration)");
        ArgumentRow.Member sleep = member(Workloads.class, "sleep(Duration)");
        ArgumentRow.Member readFile = member(Workloads.class, "readFile(Path)");
        ArgumentRow.Member spec = member(TaskSpec.class, "TaskSpec(Kind, long, Duration)");
        ArgumentRow.Member parse = member(TaskSpec.class, "parse(String)");
        Duration minusOneMilli = Duration.ofMillis(-1);
        return List.of(
            sum.rejects(0, "n", "n must be from 0 to 3037000500: -1", () -> Workloads.sumOfSquares(-1)),
            sum.rejects(0, "n", "n must be from 0 to 3037000500: 3037000501",
                () -> Workloads.sumOfSquares(3_037_000_501L)),
            chunk.rejects(0, "from", "from must not be negative: -1", () -> Workloads.sumOfSquares(-1, 5)),
            chunk.rejects(1, "to", "to must be at least from (5): 4", () -> Workloads.sumOfSquares(5, 4)),
            chunk.rejects(1, "to", "to must be at most 3037000500: 3037000501",
                () -> Workloads.sumOfSquares(0, 3_037_000_501L)),
            closedForm.rejects(0, "n", "n must not be negative: -1", () -> Workloads.sumOfSquaresClosedForm(-1)),
            naive.rejects(0, "n", "n must be from 0 to 3037000500: -1", () -> Workloads.naiveLongSumOfSquares(-1)),
            naive.rejects(0, "n", "n must be from 0 to 3037000500: 3037000501",
                () -> Workloads.naiveLongSumOfSquares(3_037_000_501L)),
            primes.rejects(0, "limit", "limit must not be negative: -1", () -> Workloads.countPrimesBelow(-1)),
            spin.rejectsNull(0, "duration", () -> Workloads.spin(null)),
            spin.rejects(0, "duration", "duration must not be negative: PT-0.001S",
                () -> Workloads.spin(minusOneMilli)),
            sleep.rejectsNull(0, "duration", () -> Workloads.sleep(null)),
            sleep.rejects(0, "duration", "duration must not be negative: PT-0.001S",
                () -> Workloads.sleep(minusOneMilli)),
            readFile.rejectsNull(0, "file", () -> Workloads.readFile(null)),
            spec.rejectsNull(0, "kind", () -> new TaskSpec(null, 0, Duration.ZERO)),
            spec.rejects(1, "size", "size must be from 0 to 3037000500 for cpu: -1",
                () -> new TaskSpec(Kind.CPU, -1, Duration.ZERO)),
            spec.rejects(1, "size", "size must be from 0 to 3037000500 for cpu: 3037000501",
                () -> new TaskSpec(Kind.CPU, 3_037_000_501L, Duration.ZERO)),
            spec.rejects(1, "size", "size must be from 0 to 2147483647 for primes: 2147483648",
                () -> new TaskSpec(Kind.PRIMES, 2_147_483_648L, Duration.ZERO)),
            spec.rejects(1, "size", "size must be from 0 to 0 for io: 5",
                () -> new TaskSpec(Kind.IO, 5, Duration.ZERO)),
            spec.rejectsNull(2, "duration", () -> new TaskSpec(Kind.IO, 0, null)),
            spec.rejects(2, "duration", "duration must be zero or more for io and spin, zero otherwise: PT-0.001S",
                () -> new TaskSpec(Kind.SPIN, 0, minusOneMilli)),
            spec.rejects(2, "duration", "duration must be zero or more for io and spin, zero otherwise: PT1S",
                () -> new TaskSpec(Kind.CPU, 10, Duration.ofSeconds(1))),
            parse.rejectsNull(0, "text", () -> TaskSpec.parse(null)));
    }
}
