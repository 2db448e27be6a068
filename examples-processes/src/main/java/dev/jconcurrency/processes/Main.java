package dev.jconcurrency.processes;

/** Placeholder until this module's lessons land: says so instead of pretending. */
public final class Main {

    private Main() {
    }

    /** Prints that the processes lessons are not written yet. */
    public static void main(String[] args) {
        System.out.println("The processes lessons are not written yet.");
    }
}
