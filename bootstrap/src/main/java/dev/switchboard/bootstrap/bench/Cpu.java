package dev.switchboard.bootstrap.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time, for the benches' per-request cost: of this thread, of this process, or of another
 * process on this machine (Linux {@code /proc/PID/stat}: user + system ticks).
 */
final class Cpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Linux's clock ticks per second for {@code /proc} figures (USER_HZ, 100 on every common kernel). */
    private static final long TICKS_PER_SECOND = 100;

    private Cpu() {
    }

    /** CPU nanoseconds the calling thread used so far; 0 when the JVM cannot tell. */
    static long currentThread() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    /** CPU nanoseconds this process used so far; -1 when the JVM cannot tell. */
    static long thisProcess() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** CPU nanoseconds process {@code pid} used so far; -1 when it cannot be read. */
    static long process(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the name (field 2) is in parentheses and may hold spaces: count fields after its ')'
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(after[11]) + Long.parseLong(after[12]);
            return ticks * 1_000_000_000L / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
