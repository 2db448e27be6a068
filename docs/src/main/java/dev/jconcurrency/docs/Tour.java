package dev.jconcurrency.docs;

/** Placeholder until this module's lessons land: says so instead of pretending. */
public final class Tour {

    private Tour() {
    }

    /** Prints that the docs lessons are not written yet. */
    public static void main(String[] args) {
        System.out.println("The docs lessons are not written yet.");
    }
}
