package dev.taskspace.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Wall time of a measured section, with two checks on what the machine was doing meanwhile:
 * this process's CPU time (how many cores it kept busy) and everyone else's (from
 * {@code /proc/stat}: busy time of the whole machine minus ours), so that a run disturbed by
 * another heavy process shows up in the output instead of silently in the median.
 */
final class Meter {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final double TICK_NANOS = 1e9 / 100; // USER_HZ is 100 on Linux

    /** What a section cost. */
    record Reading(double seconds, double ownCores, double otherCores) {
        String describe() {
            return String.format(java.util.Locale.ROOT, "%.1f s, this JVM %.2f cores busy, other processes %.2f cores", seconds,
                    ownCores, otherCores);
        }
    }

    private final long wall0;
    private final long cpu0;
    private final long busy0;

    private Meter() {
        this.busy0 = machineBusyTicks();
        this.cpu0 = OS.getProcessCpuTime();
        this.wall0 = System.nanoTime();
    }

    static Meter start() {
        return new Meter();
    }

    Reading stop() {
        long wall = System.nanoTime() - wall0;
        long cpu = OS.getProcessCpuTime() - cpu0;
        long busy = machineBusyTicks() - busy0;
        double others = busy < 0 ? Double.NaN : Math.max(0, busy * TICK_NANOS - cpu) / wall;
        return new Reading(wall / 1e9, (double) cpu / wall, others);
    }

    /**
     * Waits until other processes have kept at most {@code maxOthers} cores busy over a 15-second
     * window (this JVM being idle meanwhile), or until {@code maxWaitSeconds} have passed (not at all
     * when it is 0); says how long it waited when it had to.
     */
    static void awaitQuiet(double maxOthers, double maxWaitSeconds) {
        if (maxWaitSeconds <= 0) return; // --max-wait 0: a machine that is never quiet; rely on interleaving instead
        long start = System.nanoTime();
        while (true) {
            Meter m = start();
            try {
                Thread.sleep(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            double others = m.stop().otherCores();
            double waited = (System.nanoTime() - start) / 1e9;
            if (!(others > maxOthers) || waited >= maxWaitSeconds) {
                if (waited > 20) System.out.printf(java.util.Locale.ROOT, "  (waited %.0f s for a quiet machine; others now %.2f cores)%n", waited, others);
                return;
            }
        }
    }

    /** user + nice + system + irq + softirq + steal ticks of all CPUs, or -1 off Linux. */
    private static long machineBusyTicks() {
        try {
            String line = Files.readAllLines(Path.of("/proc/stat")).get(0); // "cpu  user nice system idle iowait irq softirq steal ..."
            String[] f = line.trim().split("\\s+");
            long sum = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) sum += Long.parseLong(f[i]);
            return sum;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        int n = a.length;
        if (n == 0) return Double.NaN;
        return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
    }

    static double min(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    static double max(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
