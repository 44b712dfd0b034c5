package org.vfiovnc.display;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.vfiovnc.damage.Move;
import org.vfiovnc.damage.Region;
import org.vfiovnc.damage.SampledScan;
import org.vfiovnc.damage.TileDiffer;
import org.vfiovnc.source.DisplaySource;
import org.vfiovnc.surface.CursorState;
import org.vfiovnc.surface.DisplaySurface;
import org.vfiovnc.surface.Framebuffer;
import org.vfiovnc.surface.SizeRequest;

/**
 * One per display: reads the source, diffs it once and hands the damage to every listener. Viewers
 * never slow it down: listeners only merge damage. Its own thread ties together the parts that
 * each do one job: the {@link SourceSupervisor} (frames from the source, reopening it after
 * failures, the notice while there is no picture), the {@link TickPacer} (when to tick and how
 * closely to compare: fast while a viewer waits on a busy screen, slower as it stays unchanged,
 * rarely while nobody watches), the differ with its {@link SampledScan} (a busy screen's ticks
 * compare a fraction of the rows, then the tiles they flag), and the {@link ListenerFanOut}.
 */
public final class RefreshLoop implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RefreshLoop.class.getName());
    /**
     * Pacing settings in milliseconds; {@code fastTickMs} is the tick while a viewer waits and the
     * screen is busy (change-to-viewer latency is about half of it); after {@code quietMs} without
     * a change or input the screen is quiet and most ticks compare only sampled rows.
     */
    public record Pacing(long tickMs, long idleWaitingMs, long idleAloneMs, long maxReopenMs, long fastTickMs, long quietMs) {
        public Pacing {
            if (tickMs < 1 || fastTickMs < 1 || idleWaitingMs < 0 || idleAloneMs < 0 || maxReopenMs < 0 || quietMs < 0) {
                throw new IllegalArgumentException("pacing " + tickMs + "/" + idleWaitingMs + "/" + idleAloneMs
                        + "/" + maxReopenMs + "/" + fastTickMs + "/" + quietMs + " ms");
            }
        }

        /**
         * The fast tick defaults to the smaller of {@code tickMs} and {@link #DEFAULT_FAST_TICK_MS},
         * the quiet time to {@link #DEFAULT_QUIET_MS}.
         */
        public Pacing(long tickMs, long idleWaitingMs, long idleAloneMs, long maxReopenMs) {
            this(tickMs, idleWaitingMs, idleAloneMs, maxReopenMs, Math.max(1, Math.min(tickMs, DEFAULT_FAST_TICK_MS)),
                    DEFAULT_QUIET_MS);
        }

        public static Pacing defaults() {
            return new Pacing(33, 100, 1000, 30_000);
        }

        /** The same with another quiet time. */
        public Pacing withQuietMs(long ms) {
            return new Pacing(tickMs, idleWaitingMs, idleAloneMs, maxReopenMs, fastTickMs, ms);
        }
    }

    /** Fast tick by default: a sampled tick of a 1080p frame costs about a tenth of a millisecond. */
    public static final long DEFAULT_FAST_TICK_MS = 5;
    /**
     * After this long without a change or input the screen counts as quiet: of every
     * {@link TickPacer#QUIET_FULL_EVERY} ticks one is a full compare, the others a
     * {@link SampledScan#quietDiff} (a fifth of the cost).
     */
    public static final long DEFAULT_QUIET_MS = 2000;
    /** A source call that takes longer than this is treated as a hung device. */
    public static final long DEFAULT_SOURCE_TIMEOUT_MS = 5000;

    private final DisplaySource source;
    private final ListenerFanOut listeners = new ListenerFanOut();
    private final TickPacer pacer;
    private final SourceSupervisor supervisor;
    private final Thread thread;

    private volatile boolean running;
    private volatile boolean retryFirstOpen;
    private volatile long framesDiffed;
    // Only the loop's thread (and the starting one, before it).
    private TileDiffer differ;
    private SampledScan scan;

    public RefreshLoop(DisplaySource source, Pacing pacing) {
        this(source, pacing, DEFAULT_SOURCE_TIMEOUT_MS);
    }

    /** @param sourceTimeoutMs time a call into the source may take before it counts as hung */
    public RefreshLoop(DisplaySource source, Pacing pacing, long sourceTimeoutMs) {
        this.source = Objects.requireNonNull(source);
        Objects.requireNonNull(pacing);
        this.pacer = new TickPacer(pacing, listeners::watched);
        this.supervisor = new SourceSupervisor(source, pacing.maxReopenMs(), sourceTimeoutMs, listeners);
        this.thread = new Thread(this::run, "refresh-" + source.describe());
        this.thread.setDaemon(true);
    }

    public DisplaySource source() {
        return source;
    }

    /**
     * A viewer's SetDesktopSize, passed to the source on the viewer's thread (see
     * {@link DisplaySource#requestSize}). Once the guest was asked, the loop looks closely for a
     * while, so that its new size is seen on the next tick.
     */
    public SizeRequest requestSize(int width, int height) {
        SizeRequest answer;
        try {
            answer = source.requestSize(width, height);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "asking " + source.describe() + " for " + width + "x" + height + " failed", e);
            return SizeRequest.UNAVAILABLE;
        }
        if (answer == SizeRequest.ACCEPTED) {
            pacer.wakeForInput();
        }
        return answer;
    }

    /**
     * From now on a source that cannot be opened at {@link #start} is shown as SOURCE UNAVAILABLE
     * and retried with backoff, as a later failure is, instead of failing the start: for a display
     * among several, whose VM may not be running yet.
     */
    public RefreshLoop retryingFirstOpen() {
        retryFirstOpen = true;
        return this;
    }

    /**
     * Opens the source on the caller's thread, so that a bad device or file fails the start with a
     * clear message, reads the first frame and starts ticking. Later failures are retried.
     */
    public void start() throws IOException {
        try {
            supervisor.open();
        } catch (IOException | RuntimeException e) {
            if (!retryFirstOpen) {
                throw e;
            }
            supervisor.fail(e);
        }
        try {
            tick();
        } catch (RuntimeException | Error e) {
            failed(e);
        }
        running = true;
        thread.start();
    }

    /**
     * Registers a listener and returns the current framebuffer (null before the first frame). A
     * watching listener brings a tick at once, a full compare: while nobody watched, the loop
     * looked only at its idle pace, so the framebuffer may be that old.
     */
    public Framebuffer attach(DisplayListener l) {
        listeners.add(l);
        if (l.watches()) {
            pacer.watcherAttached();
        }
        return listeners.current();
    }

    public void detach(DisplayListener l) {
        listeners.remove(l);
    }

    public Framebuffer current() {
        return listeners.current();
    }

    public Optional<CursorState> cursor() {
        return listeners.cursor();
    }

    public DisplayState state() {
        return supervisor.state();
    }

    /** Frames compared with the shadow (none while nobody watches). */
    public long framesDiffed() {
        return framesDiffed;
    }

    /** How the current differ's compares went, for a test's failure message; read racily. */
    String scanCounts() {
        SampledScan sc = scan;
        return sc == null ? "no differ yet" : sc.fullScans() + " full and " + sc.sampledScans() + " sampled compares";
    }

    /**
     * Counts changes of the framebuffer's pixels handed to listeners (damage or a new framebuffer).
     * It steps after the pixels are written and before any listener hears of them, so two viewers
     * that take the same damage while it reads the same value can be sent the same encoding.
     */
    public long publications() {
        return listeners.publications();
    }

    /** A viewer is waiting for an update: tick now, and fast while the screen is busy. */
    public void wake() {
        pacer.wake();
    }

    /**
     * A viewer sent input: tick now, and compare in full for a while, so that what the input
     * changes (a typed character is fewer rows tall than a quiet tick's sampled rows are apart)
     * is seen on the first tick after it appears.
     */
    public void wakeForInput() {
        pacer.wakeForInput();
    }

    private void run() {
        while (running && tickThenWait()) {
            // Each round is its own call: a loop that stays in one method invocation runs in the
            // interpreter until on-stack replacement compiles it, which took minutes at 200 ticks a second.
        }
    }

    /** One tick and the wait for the next; false when the thread was interrupted. */
    private boolean tickThenWait() {
        boolean changed;
        try {
            changed = tick();
        } catch (RuntimeException | Error e) {
            // Includes InternalError from a mapping that went away under us.
            failed(e);
            changed = false;
        }
        return pacer.awaitNext(changed);
    }

    /** One read-diff-publish cycle; true when something changed. Package-private for tests. */
    boolean tick() {
        SourceSupervisor.Frame f = supervisor.acquire();
        if (f == null) {
            dropDiffer(); // the source failed (now or before): a new one comes with its next picture
            return false;
        }
        listeners.cursor(f.cursor());
        if (f.surface().isEmpty()) {
            return supervisor.noPicture();
        }
        DisplaySurface s = f.surface().get();
        if (!supervisor.stable(s)) {
            return supervisor.showUnstable();
        }
        if (differ == null || !differ.accepts(s) || supervisor.state() != DisplayState.LIVE) {
            differ = new TileDiffer(s.width(), s.height(), s.layout());
            scan = new SampledScan(differ);
            differ.diff(s);
            framesDiffed++;
            pacer.screenChanged();
            supervisor.live(s.toString());
            listeners.replaced(differ.framebuffer());
            return true;
        }
        if (!listeners.watched()) {
            // Nobody would see what a compare finds: the look only keeps the source's health and
            // mode in view. A watcher that attaches brings a full compare (TickPacer), which
            // catches up at once; this keeps a host's idle displays near zero CPU.
            return false;
        }
        differ.setDetectMoves(listeners.wantsMoves());
        Region damage = switch (pacer.look()) {
            case SAMPLED -> scan.diff(s, true);
            case QUIET -> scan.quietDiff(s);
            case FULL -> scan.diff(s, false);
        };
        framesDiffed++; // after the compare: the framebuffer holds this frame's pixels now
        if (damage.isEmpty()) {
            return false;
        }
        pacer.screenChanged();
        List<Move> moves = differ.moves();
        Region afterMoves = moves.isEmpty() ? damage : differ.residual();
        listeners.damaged(damage, moves, afterMoves);
        return true;
    }

    /** A tick threw: the source counts as failed. */
    private void failed(Throwable e) {
        supervisor.fail(e);
        dropDiffer();
    }

    private void dropDiffer() {
        differ = null;
        scan = null;
    }

    /** Stops the loop and closes the source. */
    @Override
    public void close() {
        running = false;
        pacer.stop();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        supervisor.close();
    }
}
