package ru.vklad.devstack;

import java.time.Instant;
import java.util.Optional;

/**
 * Ends this JVM (and so, through its shutdown hook, every server it started) when the process that owns the
 * stack is gone, however it went: a finished build, Ctrl-C, or kill -9.
 */
public final class OwnerWatch {

    private OwnerWatch() {
    }

    public static void exitWhenGone(long ownerPid) {
        Optional<ProcessHandle> owner = ProcessHandle.of(ownerPid);
        if (owner.isEmpty()) {
            System.err.println("Owner process " + ownerPid + " is already gone");
            System.exit(1);
        }
        // The start time guards against the pid being reused by an unrelated process.
        Optional<Instant> started = owner.get().info().startInstant();
        Thread watch = new Thread(() -> {
            while (true) {
                Optional<ProcessHandle> current = ProcessHandle.of(ownerPid).filter(ProcessHandle::isAlive);
                boolean same = current.isPresent() && current.get().info().startInstant().equals(started);
                if (!same) {
                    System.out.println("Owner process " + ownerPid + " ended: stopping the stack");
                    System.exit(0);
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "devstack-owner-watch");
        watch.setDaemon(true);
        watch.start();
    }
}
