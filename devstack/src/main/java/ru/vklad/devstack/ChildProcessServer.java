package ru.vklad.devstack;

import java.time.Duration;

/** A server that runs as a child process of the stack, stopped with its whole process tree. */
abstract class ChildProcessServer implements ManagedServer {

    private static final Duration GRACE = Duration.ofSeconds(15);

    protected Process process;

    @Override
    public void stop() {
        Process running = process;
        if (running != null) {
            ChildProcesses.stop(running.toHandle(), GRACE);
            process = null;
        }
    }
}
