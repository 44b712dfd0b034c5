package org.vfiovnc.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.logging.Logger;

/**
 * Turns SIGTERM and SIGINT into an orderly stop with exit code 0 (a JVM killed by a signal exits
 * with 128+signal even when its shutdown hooks ran). A second signal while stopping exits at once.
 * Reached through reflection because sun.misc.Signal is an unsupported JDK API: if it is missing
 * the shutdown hook still closes everything, only the exit code differs.
 */
final class ShutdownSignals {
    private static final Logger LOG = Logger.getLogger(ShutdownSignals.class.getName());

    private ShutdownSignals() {}

    /** Installs the handlers; false when the JDK does not offer signal handling. */
    static boolean install(Runnable onFirstSignal) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            boolean[] seen = {false};
            InvocationHandler ih = (Object proxy, Method m, Object[] args) -> {
                if (!m.getName().equals("handle")) {
                    return m.getName().equals("hashCode") ? System.identityHashCode(proxy)
                            : m.getName().equals("equals") ? proxy == args[0] : "ShutdownSignals";
                }
                synchronized (seen) {
                    if (seen[0]) {
                        LOG.warning("second signal while stopping: exiting now");
                        Runtime.getRuntime().halt(1);
                    }
                    seen[0] = true;
                }
                LOG.info("received SIG" + signalClass.getMethod("getName").invoke(args[0]));
                onFirstSignal.run();
                return null;
            };
            Object handler = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass}, ih);
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            for (String name : new String[] {"TERM", "INT"}) {
                handle.invoke(null, signalClass.getConstructor(String.class).newInstance(name), handler);
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.fine("signal handling unavailable: " + e);
            return false;
        }
    }
}
