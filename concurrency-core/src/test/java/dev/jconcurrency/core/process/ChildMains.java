package dev.jconcurrency.core.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Main classes the tests run in child JVMs; each does one thing a test needs a real child to do. */
final class ChildMains {

    private ChildMains() {
    }

    /** Prints Σi² for i &lt; args[0] (default 10⁶) and exits: the seed's CPU task in its own JVM. */
    static final class SumOfSquares {
        public static void main(String[] args) {
            long n = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
            long sum = 0;
            for (long i = 0; i < n; i++) {
                sum += i * i;
            }
            System.out.println(sum);
        }
    }

    /** Writes args[1] numbered lines to stderr, then exits with code args[0]. */
    static final class ExitWith {
        public static void main(String[] args) {
            int lines = Integer.parseInt(args[1]);
            for (int i = 1; i <= lines; i++) {
                System.err.println("stderr line " + i);
            }
            System.out.println("stdout before exit");
            System.exit(Integer.parseInt(args[0]));
        }
    }

    /** Writes args[0] bytes to stdout and as many to stderr, interleaved in 8 KiB pieces. */
    static final class Flood {
        public static void main(String[] args) {
            int bytes = Integer.parseInt(args[0]);
            byte[] out = new byte[8192];
            byte[] err = new byte[8192];
            Arrays.fill(out, (byte) 'o');
            Arrays.fill(err, (byte) 'e');
            PrintStream stdout = System.out;
            PrintStream stderr = System.err;
            for (int written = 0; written < bytes; written += out.length) {
                int n = Math.min(out.length, bytes - written);
                stdout.write(out, 0, n);
                stderr.write(err, 0, n);
            }
            stdout.flush();
            stderr.flush();
        }
    }

    /** Announces itself on stderr and then waits for ever (until killed). */
    static final class Hang {
        public static void main(String[] args) throws InterruptedException {
            System.err.println("hanging now");
            System.err.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** Hangs, and says goodbye on stderr from a shutdown hook when it is destroyed (SIGTERM). */
    static final class SaysGoodbyeOnSigterm {
        public static void main(String[] args) throws InterruptedException {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> System.err.println("goodbye from the hook")));
            System.err.println("hanging now");
            System.err.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** Like {@link Hang}, but its shutdown hook never ends, so SIGTERM cannot stop it: only SIGKILL can. */
    static final class HangEvenOnSigterm {
        public static void main(String[] args) throws InterruptedException {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // the JVM is going down anyway
                }
            }));
            System.err.println("hanging, and my shutdown hook hangs too");
            System.err.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** Copies stdin to stdout, upper-cased; exits at end of input. */
    static final class UpperCaseEcho {
        public static void main(String[] args) throws IOException {
            InputStream in = System.in;
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            System.out.print(text.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** Prints how many bytes stdin held: 0 when the parent closed it without writing. */
    static final class CountStdin {
        public static void main(String[] args) throws IOException {
            System.out.println(System.in.readAllBytes().length);
        }
    }

    /**
     * The intermediate parent of the orphan test: starts a one-worker pool, starts a task that sleeps (if args[0]
     * is "busy"), prints the worker's pid and waits to be killed.
     */
    static final class PoolParent {
        public static void main(String[] args) throws Exception {
            ProcessPool pool = ProcessPool.builder().workers(1).prestart(true).build();
            boolean busy = args[0].equals("busy");
            if (busy) {
                pool.submit(() -> {
                    Thread.sleep(Long.MAX_VALUE);
                    return null;
                });
            } else {
                pool.submit(() -> 1).get();
            }
            while (pool.readyWorkerPids().isEmpty()) {
                Thread.sleep(10); // the worker becomes ready on its own clock; this JVM only reports its pid
            }
            System.out.println(pool.readyWorkerPids().get(0));
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
