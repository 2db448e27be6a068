package dev.jconcurrency.core.process;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The main class of a {@link ProcessPool} worker JVM: reads tasks from stdin, runs them one at a time, writes
 * results to stdout (see {@link Wire} for the frames).
 *
 * <p>Arguments: the deserialization limits, then the parent's pid. The worker exits when its stdin ends (the
 * pool retired it, or the parent died: the pipe closes with the parent), and also when its parent changes while
 * a long task keeps it from reading stdin, so a killed parent never leaves a worker behind.
 *
 * <p>Start-up is on the critical path of a pool's first result, so this class loads as little as it can: no
 * lambdas, no formatting, no reflection of its own.
 */
final class WorkerMain {

    /** Exit code of a worker whose initializer threw. */
    static final int INIT_FAILED_EXIT = 3;

    private final DataInputStream in;
    private final DataOutputStream out;
    private final Limits limits;
    private final Wire.Buffer buffer = new Wire.Buffer(1 << 12);
    private final ArrayDeque<Wire.Frame> pending = new ArrayDeque<>();
    private final Set<Long> cancelled = new HashSet<>();
    private boolean endOfInput;

    private WorkerMain(DataInputStream in, DataOutputStream out, Limits limits) {
        this.in = in;
        this.out = out;
        this.limits = limits;
    }

    public static void main(String[] args) throws IOException {
        Limits limits = Limits.parse(args[0]);
        long parentPid = Long.parseLong(args[1]);
        // stdout is the protocol channel: what tasks print goes to stderr instead, and stdin is ours too.
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
            new FileOutputStream(FileDescriptor.out), 1 << 16));
        DataInputStream in = new DataInputStream(new BufferedInputStream(
            new FileInputStream(FileDescriptor.in), 1 << 16));
        System.setOut(System.err);
        System.setIn(new ByteArrayInputStream(new byte[0]));
        ParentWatch.start(parentPid);
        new WorkerMain(in, out, limits).serve();
    }

    private void serve() throws IOException {
        long pid = ProcessHandle.current().pid();
        Wire.write(out, Wire.HELLO, pid, Wire.MAGIC, null, 0);
        Wire.Frame init = Wire.read(in, limits.maxBytes);
        if (init == null) {
            return;
        }
        initialize(init);
        Wire.write(out, Wire.READY, pid, 0, null, 0);
        while (true) {
            if (pending.isEmpty()) {
                out.flush(); // nothing left to do: let the parent see every result before we block
                if (endOfInput) {
                    return;
                }
                accept(Wire.read(in, limits.maxBytes));
            }
            // Read whatever else has arrived, so a CANCEL behind a task is seen before that task starts.
            while (!endOfInput && in.available() > 0) {
                accept(Wire.read(in, limits.maxBytes));
            }
            Wire.Frame task = pending.poll();
            if (task == null) {
                continue;
            }
            if (cancelled.remove(task.id)) {
                Wire.write(out, Wire.SKIPPED, task.id, 0, null, 0);
            } else {
                runTask(task);
            }
        }
    }

    private void accept(Wire.Frame frame) {
        if (frame == null) {
            endOfInput = true;
        } else if (frame.type == Wire.TASK) {
            pending.add(frame);
        } else if (frame.type == Wire.CANCEL) {
            for (Wire.Frame waiting : pending) {
                if (waiting.id == frame.id) {
                    cancelled.add(frame.id);
                    break;
                }
            }
        } else {
            throw new IllegalStateException("unexpected frame type " + frame.type + " from the parent");
        }
    }

    private void initialize(Wire.Frame init) throws IOException {
        if (init.type != Wire.INIT) {
            throw new IllegalStateException("expected the INIT frame, got type " + init.type);
        }
        if (init.length == 0) {
            return;
        }
        try {
            if (init.payload == null) {
                throw new java.io.InvalidClassException("initializer of " + init.length
                    + " B exceeds maxbytes=" + limits.maxBytes);
            }
            Runnable initializer = (Runnable) Wire.deserialize(init.payload, limits);
            initializer.run();
        } catch (Throwable e) {
            byte[] bytes = Wire.serializeThrowable(e);
            Wire.write(out, Wire.INIT_FAILED, 0, 0, bytes, bytes.length);
            out.flush();
            System.exit(INIT_FAILED_EXIT);
        }
    }

    private void runTask(Wire.Frame task) throws IOException {
        long start = System.nanoTime();
        Object result = null;
        Throwable failure = null;
        try {
            if (task.payload == null) {
                throw new java.io.InvalidClassException("task of " + task.length + " B exceeds maxbytes="
                    + limits.maxBytes);
            }
            Callable<?> callable = (Callable<?>) Wire.deserialize(task.payload, limits);
            result = callable.call();
        } catch (Throwable e) {
            failure = e;
        }
        if (failure == null) {
            try {
                Wire.serialize(result, buffer);
                long took = System.nanoTime() - start;
                Wire.write(out, Wire.RESULT, task.id, took, buffer.array(), buffer.size());
                return;
            } catch (IOException | RuntimeException e) {
                failure = Wire.notSerializable("the task's result", result, e);
            }
        }
        byte[] bytes = Wire.serializeThrowable(failure);
        Wire.write(out, Wire.FAILURE, task.id, System.nanoTime() - start, bytes, bytes.length);
        if (failure instanceof VirtualMachineError) {
            // Out of memory or stack: this JVM may be in a bad state. Report, then leave; the pool replaces us.
            out.flush();
            System.exit(1);
        }
    }

    /**
     * Ends this worker when its parent is gone. Reading stdin notices that too, but only between tasks; this
     * thread notices it during a long one (on Linux the orphan is re-parented, so its parent pid changes).
     */
    static final class ParentWatch extends Thread {
        private final long parentPid;

        private ParentWatch(long parentPid) {
            super("parent-watch");
            this.parentPid = parentPid;
            setDaemon(true);
        }

        static void start(long parentPid) {
            new ParentWatch(parentPid).start();
        }

        @Override
        public void run() {
            try {
                while (true) {
                    Thread.sleep(500);
                    java.util.Optional<ProcessHandle> parentHandle = ProcessHandle.current().parent();
                    long parent = parentHandle.isPresent() ? parentHandle.get().pid() : -1;
                    if (parent != parentPid) {
                        Runtime.getRuntime().halt(1); // no shutdown hooks: an orphan must not linger in one
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // nobody interrupts this daemon; if someone does, it just ends
            }
        }
    }
}
