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
 * The main class of a {@link ProcessPool} worker JVM: runs tasks one at a time, in the order they arrive on
 * stdin, and writes their results to stdout (see {@link Wire} for the frames).
 *
 * <p>Its argument is the deserialization limits. A reader thread takes frames off stdin as soon as they arrive,
 * so the parent's writes never wait for a busy task, and a cancellation reaches the worker before the cancelled
 * task is due. When stdin ends the worker exits: at once if a task is running (the parent closes stdin only
 * when nothing is in flight, so the end of input during a task means the parent died), otherwise once the tasks
 * received are done. A parent killed with {@code SIGKILL} therefore never leaves a worker behind.
 *
 * <p>Start-up is on the path of a pool's first result, so this class loads as little as it can: no lambdas, no
 * formatting, no reflection of its own.
 */
final class WorkerMain {

    /** Exit code of a worker whose initializer threw. */
    static final int INIT_FAILED_EXIT = 3;
    /** Exit code of a worker whose parent went away while a task was running. */
    static final int ORPHANED_EXIT = 4;

    private final DataOutputStream out;
    private final Limits limits;
    private final Wire.Buffer buffer = new Wire.Buffer(1 << 12);
    // Guarded by this:
    private final ArrayDeque<Wire.Frame> pending = new ArrayDeque<>();
    private final Set<Long> cancelled = new HashSet<>();
    private boolean endOfInput;
    private boolean running;

    private WorkerMain(DataOutputStream out, Limits limits) {
        this.out = out;
        this.limits = limits;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Limits limits = Limits.parse(args[0]);
        // stdout and stdin are the protocol's: what tasks print goes to stderr, what they read is empty.
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
            new FileOutputStream(FileDescriptor.out), 1 << 16));
        DataInputStream in = new DataInputStream(new BufferedInputStream(
            new FileInputStream(FileDescriptor.in), 1 << 16));
        System.setOut(System.err);
        System.setIn(new ByteArrayInputStream(new byte[0]));
        new WorkerMain(out, limits).serve(in);
    }

    private void serve(DataInputStream in) throws IOException, InterruptedException {
        Wire.write(out, Wire.HELLO, 0, Wire.MAGIC, null, 0);
        Wire.Frame init = Wire.read(in, limits.maxBytes);
        if (init == null) {
            return;
        }
        initialize(init);
        Wire.write(out, Wire.READY, 0, 0, null, 0);
        out.flush();
        new InputReader(in).start();
        while (true) {
            boolean idle;
            synchronized (this) {
                idle = pending.isEmpty();
            }
            if (idle) {
                out.flush(); // about to wait: the parent must see every result first (flushed outside the lock,
                             // so the reader thread can always hand over frames)
            }
            Wire.Frame task;
            boolean skip;
            synchronized (this) {
                while (pending.isEmpty() && !endOfInput) {
                    wait();
                }
                task = pending.poll();
                if (task == null) {
                    break; // end of input and nothing left: the pool retired us
                }
                skip = cancelled.remove(task.id);
                running = !skip;
            }
            if (skip) {
                Wire.write(out, Wire.SKIPPED, task.id, 0, null, 0);
            } else {
                // The next task may run for hours: results already written must not wait for it in our buffer.
                out.flush();
                runTask(task);
                synchronized (this) {
                    running = false;
                }
            }
        }
        out.flush();
    }

    /** Called by the reader thread for each frame, and with null at the end of input. */
    private synchronized void accept(Wire.Frame frame) {
        if (frame == null) {
            endOfInput = true;
            if (running) {
                Runtime.getRuntime().halt(ORPHANED_EXIT); // the parent is gone: nobody wants this task's result
            }
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
            System.err.println("worker: unexpected frame type " + frame.type + " from the parent; exiting");
            Runtime.getRuntime().halt(1);
        }
        notifyAll();
    }

    private void initialize(Wire.Frame init) throws IOException {
        if (init.type != Wire.INIT) {
            throw new IllegalStateException("expected the INIT frame, got type " + init.type);
        }
        Codec.workerJvm(init.length > 0);
        if (init.length == 0) {
            return;
        }
        try {
            if (init.payload == null) {
                throw new java.io.InvalidClassException("initializer of " + init.length
                    + " B exceeds maxbytes=" + limits.maxBytes);
            }
            Runnable initializer = (Runnable) Codec.decode(init.payload, limits);
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
            Callable<?> callable = (Callable<?>) Codec.decode(task.payload, limits);
            result = callable.call();
        } catch (Throwable e) {
            failure = e;
        }
        if (failure == null) {
            try {
                Codec.encodeResult(result, buffer);
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

    /** Takes frames off stdin as they arrive (a plain Thread subclass: a lambda would cost start-up time). */
    private final class InputReader extends Thread {
        private final DataInputStream in;

        InputReader(DataInputStream in) {
            super("worker-stdin");
            setDaemon(true);
            this.in = in;
        }

        @Override
        public void run() {
            Wire.Frame frame;
            try {
                while ((frame = Wire.read(in, limits.maxBytes)) != null) {
                    accept(frame);
                }
            } catch (IOException e) {
                // a broken stdin is an ended one: the parent is gone
            }
            accept(null);
        }
    }
}
