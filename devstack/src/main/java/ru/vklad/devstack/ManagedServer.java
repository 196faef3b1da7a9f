package ru.vklad.devstack;

/** A server the stack starts and must stop, whatever happens. */
public interface ManagedServer {

    String name();

    void start() throws Exception;

    /** Stops the server; safe to call when it never started or already stopped. */
    void stop();
}
