package dev.jconcurrency.docs.results;

import java.awt.image.BufferedImage;

import org.junit.jupiter.api.extension.Extension;

/**
 * Two threads the JDK starts once and keeps for the life of the JVM, as it keeps "Common-Cleaner" (which the
 * leak extension allows): "Java2D Disposer", on the first image drawn or decoded, and, on JDK 24 and later,
 * "VirtualThread-unblocker", with the first virtual thread. A test class that draws charts or starts virtual
 * threads holds {@code @RegisterExtension static final Extension X = JdkSingletons.start();}: JUnit reads that
 * field before any before-all callback, so both threads exist before the leak extension's snapshot and count
 * as part of the JVM the class began with. Every thread the code under test starts is still checked.
 *
 * <p>The work is done here, not in the test class, because a lambda of a class that is still being
 * initialized cannot run on another thread until the initialization ends: a virtual thread running such a
 * lambda, joined from the initializer, would wait for ever.
 */
final class JdkSingletons {

    private JdkSingletons() {
    }

    static Extension start() {
        new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics().dispose();
        try {
            Thread.ofVirtual().start(() -> { }).join();
        } catch (InterruptedException e) {
            // Nothing interrupts JUnit's thread while it reads a class; if something did, the runner should know.
            Thread.currentThread().interrupt();
        }
        return new Extension() {
        };
    }
}
