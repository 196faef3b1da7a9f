package ru.vklad.devstack;

import java.time.Duration;

/** A server that runs as a child process of the stack, stopped with its whole process tree. */
public abstract class ChildProcessServer implements ManagedServer {

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

    /** kill -9: the process gets no chance to finish anything, as in a crash or an OOM kill. */
    public void kill() throws InterruptedException {
        Process running = process;
        if (running != null) {
            running.destroyForcibly().waitFor();
            process = null;
        }
    }
}
