package org.vfiovnc.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The signals a long-running command answers. SIGTERM and SIGINT become an orderly stop with exit
 * code 0 (a JVM killed by a signal exits with 128+signal even when its shutdown hooks ran); a
 * second one while stopping exits at once. SIGHUP, where a command asks for it, reloads.
 * Reached through reflection because sun.misc.Signal is an unsupported JDK API: if it is missing
 * the shutdown hook still closes everything, only the exit code differs.
 */
final class ProcessSignals {
    private static final Logger LOG = Logger.getLogger(ProcessSignals.class.getName());

    private ProcessSignals() {}

    /**
     * Runs until SIGTERM or SIGINT, then closes {@code service}; a shutdown hook closes it too when
     * the JVM exits otherwise. {@code started} is told whether the signals could be caught.
     */
    static void runUntilStopped(AutoCloseable service, Consumer<Boolean> started) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        boolean signals = installStop(stop::countDown);
        // Reached on System.exit or when signals could not be caught: still close cleanly.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(service), "shutdown"));
        started.accept(signals);
        stop.await();
        LOG.info("shutting down: closing listeners, viewers and the source");
        closeQuietly(service);
        LOG.info("stopped");
    }

    /** Installs the stop handlers; false when the JDK does not offer signal handling. */
    static boolean installStop(Runnable onFirstSignal) {
        boolean[] seen = {false};
        return handle(new String[] {"TERM", "INT"}, name -> {
            synchronized (seen) {
                if (seen[0]) {
                    LOG.warning("second signal while stopping: exiting now");
                    Runtime.getRuntime().halt(1);
                }
                seen[0] = true;
            }
            LOG.info("received SIG" + name);
            onFirstSignal.run();
        });
    }

    /** Runs {@code reload} on each SIGHUP (on the JDK's signal thread); false when SIGHUP cannot be handled (or was ignored at start). */
    static boolean installReload(Runnable reload) {
        return handle(new String[] {"HUP"}, name -> {
            LOG.info("received SIG" + name + ": reloading");
            reload.run();
        });
    }

    private static boolean handle(String[] names, Consumer<String> onSignal) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Method getName = signalClass.getMethod("getName");
            InvocationHandler ih = (Object proxy, Method m, Object[] args) -> {
                if (!m.getName().equals("handle")) {
                    return m.getName().equals("hashCode") ? System.identityHashCode(proxy)
                            : m.getName().equals("equals") ? proxy == args[0] : "ProcessSignals";
                }
                onSignal.accept((String) getName.invoke(args[0]));
                return null;
            };
            Object handler = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass}, ih);
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Object ignored = handlerClass.getField("SIG_IGN").get(null);
            boolean first = true;
            for (int i = 0; i < names.length; i++) {
                Object before = handle.invoke(null, signalClass.getConstructor(String.class).newInstance(names[i]), handler);
                // A signal ignored when the JVM started (nohup: HUP; a shell's background job: INT) stays
                // ignored: the JVM answers SIG_IGN and installs nothing. The first name is the one that matters.
                if (i == 0) {
                    first = before != ignored;
                }
            }
            return first;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.fine("signal handling unavailable: " + e);
            return false;
        }
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.fine("closing: " + e);
        }
    }
}
