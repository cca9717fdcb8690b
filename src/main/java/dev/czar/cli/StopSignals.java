package dev.czar.cli;

import org.slf4j.LoggerFactory;

import java.lang.reflect.Proxy;

/**
 * Runs a clean-up on Ctrl-C and {@code kill} (SIGINT, SIGTERM) before the JVM starts shutting down. Shutdown
 * hooks are too late for the supervisor: H2 closes the database in its own hook at the same time, so the ended
 * workers could not be recorded as re-queued. Uses {@code sun.misc.Signal} reflectively and falls back to the
 * supervisor's shutdown hook where it is unavailable.
 */
final class StopSignals {
    private StopSignals() {
    }

    static void onStop(Runnable cleanUp) {
        for (String name : new String[]{"INT", "TERM"}) {
            try {
                Class<?> signal = Class.forName("sun.misc.Signal");
                Class<?> handler = Class.forName("sun.misc.SignalHandler");
                Object proxy = Proxy.newProxyInstance(StopSignals.class.getClassLoader(), new Class<?>[]{handler},
                        (p, method, args) -> {
                            if (method.getName().equals("handle")) {
                                cleanUp.run();
                                System.exit(name.equals("INT") ? 130 : 143);
                            }
                            return null;
                        });
                signal.getMethod("handle", signal, handler).invoke(null, signal.getConstructor(String.class).newInstance(name), proxy);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                LoggerFactory.getLogger(StopSignals.class).debug("no {} handler: {}", name, e.toString());
            }
        }
    }
}
